"""One undo for the app: the last change to tags, star, read state, notes or merges.

Every screen that changes the library remembers how to put the change back; `z`
anywhere takes back the last one and says what it undid. Only the last change is kept
(as the issue asks and as a reader expects of one key: pressing it again must not walk
back through the session). Where a change also says how to make it again (`redo`), the
undo becomes the last change in its turn, so a second `z` puts back what the first
took away: a note's text is never lost to a key pressed once too often.

A change is undone through the same `Library` calls that made it (they apply a change
to what is on disk now), so an undo never overwrites what another process wrote
meanwhile to other fields.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Change:
    """A change the user made, said the way the undo toast says it ("starred 'Title'"),
    the call that puts it back, optionally the call that makes it again, and the articles
    it touched (to redraw them)."""

    label: str
    revert: Callable[[], object]
    article_ids: tuple[str, ...] = ()
    redo: Callable[[], object] | None = None
    undone: bool = False  # this entry takes back an undo: the toast says "Redid"

    def reversed(self) -> Change | None:
        """The change that takes this one's undo back, if it can be made again."""
        if self.redo is None:
            return None
        return Change(self.label, self.redo, self.article_ids, self.revert, not self.undone)


class UndoHistory:
    """The last change the user made in this session."""

    def __init__(self) -> None:
        self._last: Change | None = None

    def remember(self, change: Change) -> None:
        self._last = change

    def take_back(self) -> Change | None:
        """Put the last change back and return it; None when there is nothing to undo.
        A revert that fails (the article was removed meanwhile) is forgotten and raised."""
        change, self._last = self._last, None
        if change is None:
            return None
        change.revert()
        self._last = change.reversed()
        return change

    def __len__(self) -> int:
        return 0 if self._last is None else 1
