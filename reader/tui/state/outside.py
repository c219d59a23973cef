"""Following what other processes change in the library while a screen shows it.

`reader add`, `reader note`, `reader entity --merge-into`, a sync or a second app change
the library's files under a running app. A screen that lists the library (the library,
Notes and Entities screens) keeps an `OutsideChanges`: one stat of the library's
signature (`Library.library_signature`) every OUTSIDE_CHANGES_EVERY seconds while the
screen is the current one, and its `changed` callback when the signature moved.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import Screen

from reader.core.store import Library

OUTSIDE_CHANGES_EVERY = 2.0  # seconds between looks for other processes' changes


class OutsideChanges:
    """Calls `changed()` when another process changed the library while `screen` is current."""

    def __init__(self, screen: Screen[object], library: Library, changed: Callable[[], None],
                 *, ready: Callable[[], bool] = lambda: True) -> None:
        self.screen = screen
        self.library = library
        self.changed = changed
        self.ready = ready  # False while what `changed` re-reads is being built (looked at once it is)
        self._seen: object = None  # the signature when the screen last read the library

    def start(self) -> None:
        """Look from now on (call from the screen's on_mount)."""
        self.screen.set_interval(OUTSIDE_CHANGES_EVERY, self.look)

    def seen(self) -> None:
        """The screen reads the library now: changes up to here are on screen (call before the read)."""
        self._seen = self.library.library_signature()

    def look(self) -> None:
        if not self.screen.is_current or not self.ready():
            return
        signature = self.library.library_signature()
        moved = self._seen is not None and signature != self._seen
        self._seen = signature
        if moved:
            self.changed()
