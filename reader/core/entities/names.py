"""Entity names as the user types them: folded spellings, aliases, and close matches."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping

from reader.core.search.text import fold, words

MAX_ALIAS_STEPS = 16


def key(name: str) -> str:
    """A spelling's look-up key: case- and accent-insensitive, spaces collapsed."""
    return " ".join(words(name))


def canonical(name: str, aliases: Mapping[str, str]) -> str:
    """Follow merges from a name to the name it now counts as (a cycle stops where it closes)."""
    seen = {name}
    for _ in range(MAX_ALIAS_STEPS):
        into = aliases.get(name)
        if into is None or into in seen:
            return name
        seen.add(into)
        name = into
    return name


def find(spelling: str, names: Iterable[str], aliases: Mapping[str, str]) -> tuple[str | None, list[str]]:
    """The canonical name a spelling means, else None with the names it could mean.

    Exact (folded) on a name or an alias first; then a unique prefix of the whole name, or
    every typed word the start of some word of the name ("zelen", "boris john").
    """
    wanted = key(spelling)
    if not wanted:
        return None, []
    names = list(names)
    exact = {key(n): n for n in names}
    if wanted in exact:
        return exact[wanted], []
    for alias, into in aliases.items():
        if key(alias) == wanted:
            target = canonical(into, aliases)
            return target, []
    typed = wanted.split()
    found = []
    for name in names:
        folded = key(name)
        if folded.startswith(wanted):
            found.append(name)
            continue
        name_words = folded.split()
        if all(any(w.startswith(t) for w in name_words) for t in typed):
            found.append(name)
    if len(found) == 1:
        return found[0], []
    return None, found


def close(spelling: str, names: Iterable[str], n: int = 3) -> list[str]:
    """Up to n names that look like the spelling (difflib on folded names)."""
    by_key: dict[str, str] = {}
    for name in names:
        by_key.setdefault(key(name), name)
    return [by_key[k] for k in difflib.get_close_matches(key(spelling), list(by_key), n=n, cutoff=0.6)]


__all__ = ["canonical", "close", "find", "fold", "key"]
