"""The app's one entity ledger: built once, lazily, in a thread; refreshed when screens show.

The ledger (`reader.core.entities.ledger.Ledger`) is built from the library's stored
analyses and the app's search index, so its first build waits for the index
(`app.search.request`) and then runs in a thread worker; every waiting callback is
called with the ledger on the UI thread when it is done. Screens call `refresh()`
when they come into view (a re-read of what changed). If the search index cannot be
built the ledger is built without it: the entities still show.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.worker import Worker

from reader.core.store import Library

if TYPE_CHECKING:
    from textual.app import App

    from reader.core.entities.ledger import Ledger

Ready = Callable[["Ledger"], None]


class EntityState:
    """Holds the ledger for the app and the callbacks waiting for its first build."""

    def __init__(self, app: App[Any], library: Library) -> None:
        self.app = app
        self.library = library
        self.ledger: Ledger | None = None
        self.error = ""
        self.worker: Worker[Any] | None = None
        self._asked = False  # the search index was asked for, the build is on its way
        self._waiting: list[Ready] = []

    @property
    def ready(self) -> bool:
        return self.ledger is not None

    def request(self, callback: Ready | None = None) -> Ledger | None:
        """The ledger if it is built; else None, and `callback(ledger)` once it is."""
        if self.ledger is not None:
            return self.ledger
        if callback is not None and callback not in self._waiting:
            self._waiting.append(callback)
        if not self._asked or (self.error and self.worker is not None and self.worker.is_finished):
            self._asked = True
            self.error = ""
            search = getattr(self.app, "search", None)
            if search is None or search.error:
                self._start(None)
            else:
                index = search.request(self._start)
                if index is not None:
                    self._start(index)
        return None

    def refresh(self) -> None:
        """Re-read what changed since the ledger was built or last refreshed."""
        if self.ledger is None:
            return
        try:
            self.ledger.refresh(self.library)
        except Exception as error:  # noqa: BLE001 - stale counts beat a crash
            self.app.log.error("entity ledger refresh failed", error)

    async def wait(self) -> Ledger | None:
        """For tests and callers that can wait: the first build's end."""
        search = getattr(self.app, "search", None)
        if self.worker is None and search is not None:
            await search.wait()
        if self.worker is not None and self.ledger is None:
            try:
                await self.worker.wait()
            except Exception:  # noqa: BLE001 - the error is kept in `self.error`
                pass
        return self.ledger

    # -- the build, in a thread --------------------------------------------------------------

    def _start(self, index: Any) -> None:
        if self.ledger is not None or (self.worker is not None and not self.worker.is_finished):
            return
        self.worker = self.app.run_worker(
            lambda: self._build(index), thread=True, exclusive=True, group="entity-ledger", name="entity ledger"
        )

    def _build(self, index: Any) -> None:
        try:
            from reader.core.entities.ledger import Ledger

            ledger = Ledger.build(self.library, index)
        except Exception as error:  # noqa: BLE001 - the entities are unavailable, the reader is not
            self.app.call_from_thread(self._failed, f"{type(error).__name__}: {error}")
            return
        self.app.call_from_thread(self._built, ledger)

    def _built(self, ledger: Ledger) -> None:
        self.ledger = ledger
        # The index and the ledger are millions of long-lived objects: moved out of the cyclic
        # collector's sight, a full collection (which any burst of allocation, such as the
        # Entities screen's 15,000 rows, can trigger) takes milliseconds instead of ~150 ms.
        # They are still freed by reference counting when replaced.
        gc.collect()  # once: no garbage is frozen with them
        gc.freeze()
        waiting, self._waiting = self._waiting, []
        for callback in waiting:
            try:
                callback(ledger)
            except Exception as error:  # noqa: BLE001 - a screen gone since it asked
                self.app.log.error("entity ledger callback failed", error)

    def _failed(self, message: str) -> None:
        self.error = message
        self._waiting = []
        self.app.notify(message, title="Entities are unavailable", severity="error", markup=False)
