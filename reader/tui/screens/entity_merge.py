"""Merging names on the Entities screen: the question, and how a merge or split is undone.

`ConfirmMerge` says what becomes what ("Delta Airlines and Delta become Delta Air
Lines?") before the screen merges through `Ledger.merge`, the call `reader entity NAME
--merge-into TARGET` makes. `alias_undo` puts the library's merges back as they were,
for the app's `z`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.binding import Binding
from textual.content import Content

from reader.core.store import Library
from reader.tui.screens.ask import Ask
from reader.tui.widgets.safe import plain


def merge_question(names: list[str], into: str) -> Content:
    """“Delta Airlines and Delta become Delta Air Lines?”: what becomes what, every name plain text."""
    parts: list[Content | str | tuple[str, str]] = []
    for index, name in enumerate(names):
        if index:
            parts.append(" and " if index == len(names) - 1 else ", ")
        parts.append(plain(name, "bold"))
    parts += [" becomes " if len(names) == 1 else " become ", plain(into, "bold $accent"), "?"]
    return Content.assemble(*parts, strip_control_codes=False)


def alias_undo(library: Library, ledger: Any, before: dict[str, str]) -> Callable[[], None]:
    """How to put the library's merges back as they were `before` a merge or split just made:
    each name that changed is re-pointed, kept apart or unmerged again, then the ledger re-read."""
    after = library.aliases()
    changed = {name: before.get(name) for name in before.keys() | after.keys() if before.get(name) != after.get(name)}

    def revert() -> None:
        for name, was in changed.items():
            if was is None:
                library.remove_alias(name)
            elif was == name:
                library.keep_apart(name)
            else:
                library.save_aliases({name: was})
        ledger.refresh(library)

    return revert


class ConfirmMerge(Ask):
    """Asks before merging: names what merges into what; `y`/Enter merges, `n`/Escape does not."""

    BINDINGS = [
        Binding("y,enter", "answer(True)", "Merge", id="entities.merge_yes", tooltip="Merge them"),
        Binding("n,escape", "answer(False)", "Cancel", id="entities.merge_no", tooltip="Do not merge"),
    ]

    def __init__(self, names: list[str], into: str) -> None:
        super().__init__(
            merge_question(names, into),
            "Their articles, mentions, quotes and notes are counted under one name from now on.\n"
            "y merge · n cancel · z afterwards takes it back",
        )
        self.names = names
        self.into = into
