"""The app's one entity ledger: built once, lazily, in a thread; refreshed when screens show.

The ledger (`reader.core.entities.ledger.Ledger`) is built from the library's stored
analyses and the app's search index, so its first build waits for the index
(`app.search.request()`; the app's `IndexReady` handler calls `index_ready`) and then
runs in a thread worker (see `BackgroundBuild`), announced by `LedgerReady`. Screens
call `refresh()` when they come into view (a re-read of what changed). If the search
index cannot be built the ledger is built without it: the entities still show.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING, Any

from reader.core.store import Library
from reader.tui.messages import LedgerReady
from reader.tui.state.background import BackgroundBuild

if TYPE_CHECKING:
    from textual.app import App

    from reader.core.entities.ledger import Ledger


class EntityState(BackgroundBuild["Ledger"]):
    name = "entity ledger"
    unavailable = "Entities are unavailable"

    def __init__(self, app: App[Any], library: Library) -> None:
        super().__init__(app, library)
        self._asked = False  # the search index was asked for, the build is on its way
        self._rows: tuple[object, tuple[list[Any], list[Any]]] | None = None  # (summaries, their rows)

    @property
    def ledger(self) -> Ledger | None:
        return self.value

    def request(self) -> Ledger | None:
        """The ledger if it is built; else None, and `LedgerReady` reaches the screens once it is."""
        if self.value is not None:
            return self.value
        if not self._asked or (self.error and self.worker is not None and self.worker.is_finished):
            self._asked = True
            self.error = ""
            search = self._search
            if search is None or search.error:
                self._start(None)
            else:
                index = search.request()  # else the app hands the index over: `index_ready`
                if index is not None:
                    self._start(index)
        return None

    def index_ready(self, index: Any) -> None:
        """The search index is built: the ledger's build starts if it was asked for."""
        if self._asked:
            self._start(index)

    def index_failed(self) -> None:
        """No search index: the ledger is built without it (the entities still show)."""
        if self._asked:
            self._start(None)

    async def wait(self) -> Ledger | None:
        """For tests and callers that can wait: the first build's end."""
        search = self._search
        if self.worker is None and search is not None:
            await search.wait()
            if self._asked:  # the app's IndexReady may not have been handled yet
                self._start(search.index)
        return await self._wait_worker()

    @property
    def _search(self) -> Any:
        return getattr(self.app, "search", None)

    def _start(self, index: Any) -> None:
        if self.value is not None or (self.worker is not None and not self.worker.is_finished):
            return
        self._run(lambda: self._make(index))

    def _make(self, index: Any) -> Ledger:
        from reader.core.entities.ledger import Ledger
        from reader.tui.widgets.entity_rows import entity_options

        ledger = Ledger.build(self.library, index)
        summaries = ledger.summaries()
        self._rows = (summaries, entity_options(summaries))  # 15,000 rows: not on the UI thread
        return ledger

    def rows_for(self, summaries: object) -> tuple[list[Any], list[Any]] | None:
        """The Entities list's rows made with the ledger, if `summaries` are still those."""
        if self._rows is not None and self._rows[0] is summaries:
            return self._rows[1]
        return None

    def _built(self, ledger: Ledger) -> None:
        # The index and the ledger are millions of long-lived objects: moved out of the cyclic
        # collector's sight, a full collection (which any burst of allocation, such as the
        # Entities screen's 15,000 rows, can trigger) takes milliseconds instead of ~150 ms.
        # They are still freed by reference counting when replaced.
        gc.collect()  # once: no garbage is frozen with them
        gc.freeze()
        super()._built(ledger)

    def ready_message(self, value: Ledger) -> LedgerReady:
        return LedgerReady(value)

    def _refresh(self, ledger: Ledger) -> None:
        ledger.refresh(self.library)
