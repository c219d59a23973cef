"""One undo for the app: the last changes to tags, star, read state, notes and merges.

Every screen that changes the library remembers how to put the change back; `z`
anywhere takes back the newest one and says what it undid. A change is undone through
the same `Library` calls that made it (they apply a change to what is on disk now), so
an undo never overwrites what another process wrote meanwhile to other fields.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

HISTORY = 50  # changes kept; older ones can no longer be taken back


@dataclass(frozen=True)
class Change:
    """A change the user made, said the way the undo toast says it ("starred 'Title'"),
    with the call that puts it back and the articles it touched (to redraw them)."""

    label: str
    revert: Callable[[], object]
    article_ids: tuple[str, ...] = ()


class UndoHistory:
    """The user's changes in this session, newest last."""

    def __init__(self, limit: int = HISTORY) -> None:
        self._changes: list[Change] = []
        self._limit = limit

    def remember(self, change: Change) -> None:
        self._changes.append(change)
        del self._changes[: -self._limit]

    def take_back(self) -> Change | None:
        """Put the newest change back and return it; None when there is nothing to undo.
        A revert that fails (the article was removed meanwhile) is forgotten and raised."""
        if not self._changes:
            return None
        change = self._changes.pop()
        change.revert()
        return change

    def __len__(self) -> int:
        return len(self._changes)
