"""What the Entities screen's filter matches: each entity's name and every name joined
into it (a merge such as "Tories" into "Conservative Party", or the analyser's own join
such as "Lib Dems" into "Liberal Democrats"), case and accents ignored."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from reader.tui.widgets.entity_rows import fold

NAMES_APART = "\n"  # between an entity's names in its match key: a filter never matches across two


def joined_names(ledger: Any) -> Mapping[str, str]:
    """Every name joined into another entity -> that entity.

    The ledger's automatic joins have no public accessor yet (`Ledger._spellings`; a
    public `Ledger.spellings()` is asked for), so they are read if present; the user's
    merges (`Ledger.aliases`, name -> the name it joins) are followed to their end."""
    automatic = getattr(ledger, "_spellings", None)
    joined: dict[str, str] = dict(automatic) if isinstance(automatic, dict) else {}
    aliases: Mapping[str, str] = getattr(ledger, "aliases", None) or {}
    for name in aliases:
        target, seen = name, {name}
        while (after := aliases.get(target, target)) not in seen:  # a chain of merges, never a loop
            seen.add(after)
            target = after
        if target != name:
            joined[name] = target
    return joined


def match_keys(summaries: Iterable[Any], ledger: Any) -> list[str]:
    """One key per summary, in order: its name and the names joined into it, folded."""
    others: dict[str, list[str]] = {}
    for name, entity in joined_names(ledger).items():
        others.setdefault(entity, []).append(fold(name))
    return [NAMES_APART.join([fold(s.name), *others.get(s.name, ())]) for s in summaries]
