"""Organisations' common short forms ("Tories", "Lib Dems", "Delta"), shipped as a small
list (`data/org_aliases.tsv`, written by `alias_sources.py` from a hand-curated table
whose every row names its source). An article's analysis reads it too (a listed short
form is never the last word of another organisation): bump ANALYZER_VERSION when it changes.
"""

from __future__ import annotations

import functools
from pathlib import Path

from reader.core.search.text import words

ALIASES_FILE = Path(__file__).resolve().parent / "data" / "org_aliases.tsv"
_FUNCTION_WORDS = frozenset({"of", "for", "the", "and", "on", "in", "de", "to", "&"})


def initials(name: str) -> str:
    """The short form a name makes on its own, without the list ("UN" for "United Nations")."""
    return "".join(w[0] for w in name.split() if w.lower() not in _FUNCTION_WORDS).upper()


@functools.cache
def org_aliases() -> dict[str, tuple[str, bool]]:
    """A short form's folded words -> (the organisation's name, joins only where typed ORG)."""
    found: dict[str, tuple[str, bool]] = {}
    try:
        lines = ALIASES_FILE.read_text(encoding="utf-8").splitlines()
    except OSError:
        return found  # a damaged install loses the joins, never the entities
    for line in lines:
        parts = line.split("\t")
        if len(parts) == 3:
            short, name, condition = parts
            found[" ".join(words(short))] = (name, condition == "ORG")
    return found


def digest() -> str:
    """What the shipped lists say (this one and the given names' short forms), for caches
    computed from them."""
    from reader.core.entities import given_names

    return repr(sorted(org_aliases().items())) + given_names.digest()
