"""The app's warning about damaged library files: said once per file, and taken back once
every file it names reads cleanly again (`reader doctor --restore` in another shell).

A read that goes on without a damaged file names it in `Library.unreadable` (the list's
note counts, the search index, ...), each with its own words; the warning is keyed by the
files, so a second reader of the same file does not say it again. While it stands, the
files are looked at every few seconds whatever screen is shown, so a repair made meanwhile
takes the warning away (it stood for 30 s, and came back from a stale entry).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widget import Widget

from reader.core.store import Library
from reader.core.store.errors import with_hint
from reader.tui.textual_private import notify_kept, withdraw

LOOK_EVERY = 2.0  # seconds between looks at the damaged files while the warning stands
TITLE = "A damaged file"


class DamageWarning:
    """One warning toast for the library's damaged files, owned by a screen that stays running."""

    def __init__(self, owner: Widget, library: Library) -> None:
        self.owner = owner
        self.library = library
        self._told: set[Path] = set()
        self._toast: Any = None
        self._timer: Any = None

    def tell(self) -> None:
        """After a read: a file newly found damaged is said (with all that are), a mended one forgotten."""
        self.library.forget_mended()
        damaged = dict(self.library.unreadable)
        if damaged.keys() - self._told:
            if self._toast is not None:
                withdraw(self.owner.app, self._toast)
            self._toast = notify_kept(self.owner.app, "\n".join(with_hint(list(damaged.values()))), title=TITLE,
                                      severity="error", timeout=30)
            if self._timer is None:
                self._timer = self.owner.set_interval(LOOK_EVERY, self.look)
        self._told = set(damaged)
        if not damaged:
            self._take_back()

    def look(self) -> None:
        """While the warning stands: is every file it names mended?"""
        self.library.forget_mended()
        if not self._told & self.library.unreadable.keys():
            self._told = set()
            self._take_back()

    def _take_back(self) -> None:
        if self._toast is not None:
            withdraw(self.owner.app, self._toast)
            self._toast = None
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
