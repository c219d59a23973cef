"""The app's one search index: built once, lazily, in a thread; refreshed when screens show.

Nothing builds the index at start-up. The first screen that needs it (the Notes screen,
the library's `/` filter, a saved search's count) calls `request()` and handles
`IndexReady` (see `BackgroundBuild`). Screens call `refresh()` (a stat-based re-read of what changed, in
this process or another) when they come into view, never per key typed: a refresh stats
every library file. The index itself lives in `reader.core.search.index` (imported only
when first needed).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.tui.messages import IndexReady
from reader.tui.state.background import BackgroundBuild

if TYPE_CHECKING:
    from reader.core.search.index import SearchIndex


class SearchState(BackgroundBuild["SearchIndex"]):
    name = "search index"
    unavailable = "Search is unavailable"

    @property
    def index(self) -> SearchIndex | None:
        return self.value

    def request(self) -> SearchIndex | None:
        """The index if it is built; else None, and `IndexReady` reaches the screens once it is."""
        if self.value is not None:
            return self.value
        if self.worker is None or self.worker.is_finished and not self.error:
            self._run(self._make)
        return None

    async def wait(self) -> SearchIndex | None:
        """For tests and callers that can wait: the first build's end."""
        return await self._wait_worker()

    def _make(self) -> SearchIndex:
        from reader.core.analysis import analyse_missing
        from reader.core.search.index import SearchIndex

        analyse_missing(self.library)  # so names and speakers are searchable, and listed
        return SearchIndex.build(self.library)

    def ready_message(self, value: SearchIndex) -> IndexReady:
        return IndexReady(value)

    def _refresh(self, index: SearchIndex) -> None:
        if index.refresh(self.library):
            self.app.run_worker(self._analyse_missing, thread=True, exclusive=True,
                                group="analyse missing", name="analyse missing")

    def _analyse_missing(self) -> None:
        """Off the UI thread: articles another process stored without their analysis (a page
        `reader add` stored moments ago) analysed, then re-read into the index, so their
        names and speakers are searchable and listed as the first build's are."""
        from reader.core.analysis import analyse_missing

        try:
            made = analyse_missing(self.library) if self.library.unanalysed() else 0
        except Exception as error:  # noqa: BLE001 - the articles are there; their names come later
            self.app.log.error("analysing new articles failed", error)
            return
        if made:
            self.app.call_from_thread(self.refresh)
