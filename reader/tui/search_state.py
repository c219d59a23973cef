"""The app's one search index: built once, lazily, in a thread; refreshed when screens show.

Nothing builds the index at start-up. The first screen that needs it (the Notes screen,
the library's `/` filter, a saved search's count) calls `request(callback)`: if the index
is ready it is returned; if not, a thread worker builds it and every waiting callback is
called with it on the UI thread when it is done. Screens call `refresh()` (a stat-based
re-read of what changed, in this process or another) when they come into view. The index itself lives in
`reader.core.search.index` (imported only when first needed).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.worker import Worker

from reader.core.store import Library

if TYPE_CHECKING:
    from textual.app import App

    from reader.core.search.index import SearchIndex

Ready = Callable[["SearchIndex"], None]


class SearchState:
    """Holds the index for the app and the callbacks waiting for its first build."""

    def __init__(self, app: App[Any], library: Library) -> None:
        self.app = app
        self.library = library
        self.index: SearchIndex | None = None
        self.error = ""
        self.worker: Worker[Any] | None = None
        self._waiting: list[Ready] = []

    @property
    def ready(self) -> bool:
        return self.index is not None

    def request(self, callback: Ready | None = None) -> SearchIndex | None:
        """The index if it is built; else None, and `callback(index)` once it is.

        Not refreshed here: a refresh stats every library file, too slow for each key
        typed; screens call `refresh()` when they come into view.
        """
        if self.index is not None:
            return self.index
        if callback is not None and callback not in self._waiting:
            self._waiting.append(callback)
        if self.worker is None or self.worker.is_finished and self.index is None and not self.error:
            self.worker = self.app.run_worker(
                self._build, thread=True, exclusive=True, group="search-index", name="search index"
            )
        return None

    def refresh(self) -> None:
        """Re-read what changed since the index was built or last refreshed."""
        if self.index is None:
            return
        try:
            self.index.refresh(self.library)
        except Exception as error:  # noqa: BLE001 - stale results beat a crash
            self.app.log.error("search index refresh failed", error)

    async def wait(self) -> SearchIndex | None:
        """For tests and callers that can wait: the first build's end."""
        if self.worker is not None and self.index is None:
            try:
                await self.worker.wait()
            except Exception:  # noqa: BLE001 - the error is kept in `self.error`
                pass
        return self.index

    # -- the build, in a thread --------------------------------------------------------------

    def _build(self) -> None:
        try:
            from reader.core.analysis import analyse_missing
            from reader.core.search.index import SearchIndex

            analyse_missing(self.library)  # so names and speakers are searchable, and listed
            index = SearchIndex.build(self.library)
        except Exception as error:  # noqa: BLE001 - search is unavailable, the reader is not
            self.app.call_from_thread(self._failed, f"{type(error).__name__}: {error}")
            return
        self.app.call_from_thread(self._built, index)

    def _built(self, index: SearchIndex) -> None:
        self.index = index
        waiting, self._waiting = self._waiting, []
        for callback in waiting:
            try:
                callback(index)
            except Exception as error:  # noqa: BLE001 - a screen gone since it asked
                self.app.log.error("search index callback failed", error)

    def _failed(self, message: str) -> None:
        self.error = message
        self._waiting = []
        self.app.notify(message, title="Search is unavailable", severity="error", markup=False)
