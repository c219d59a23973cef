"""What the Entities screen's filter matches: each entity's name and every name joined
into it (a merge such as "Tories" into "Conservative Party", or the analyser's own join
such as "Lib Dems" into "Liberal Democrats"), case and accents ignored."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from reader.tui.widgets.entity_rows import fold

NAMES_APART = "\n"  # between an entity's names in its match key: a filter never matches across two


def joined_names(ledger: Any) -> Mapping[str, str]:
    """Every name joined into another entity -> that entity (`Ledger.spellings`)."""
    return ledger.spellings()


def match_keys(summaries: Iterable[Any], ledger: Any) -> list[str]:
    """One key per summary, in order: its name and the names joined into it, folded."""
    others: dict[str, list[str]] = {}
    for name, entity in joined_names(ledger).items():
        others.setdefault(entity, []).append(fold(name))
    return [NAMES_APART.join([fold(s.name), *others.get(s.name, ())]) for s in summaries]
