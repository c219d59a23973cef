"""Background sync in the app: with the remembered target, at start and then whenever this
library has changes not yet sent (looked at every `INTERVAL` seconds), if the user turned
it on (`reader sync --auto on`).

It runs in a thread and never blocks reading: the round takes the library lock only while
it applies what came in. Its state is in the title bar (`reader · synced 13:52`), and a
failure is a toast (once per distinct message) as well as `sync failed` in the title. A
round's warnings (a note edited on two devices, a file in the target skipped) are a toast,
each line once while the app is open.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from reader.core.sanitize import sanitize
from reader.core.store import Library
from reader.core.store.errors import LibraryError

if TYPE_CHECKING:
    from textual.app import App

INTERVAL = 30.0


class BackgroundSync:
    def __init__(self, app: App[Any], library: Library, interval: float = INTERVAL) -> None:
        self.app, self.library, self.interval = app, library, interval
        self.title = str(app.title)
        self.running = False
        self.last_error = ""
        self.shown: set[str] = set()  # warning lines already toasted

    def start(self) -> bool:
        """Sync now and every so often if the library has a target and sync is on."""
        from reader.core.sync.engine import status

        try:
            found = status(self.library)
        except LibraryError as error:
            self._failed(str(error))
            return False
        if not (found.auto and found.target):
            return False
        self.app.set_interval(self.interval, self._tick, name="background sync")
        self._run()
        return True

    def _tick(self) -> None:
        from reader.core.sync.engine import status

        try:
            pending = status(self.library).pending
        except LibraryError:
            return
        if pending and not self.running:
            self._run()

    def _run(self) -> None:
        self.running = True
        self.app.title = f"{self.title} · syncing"
        self.app.run_worker(self._work, thread=True, group="sync", name="background sync", exclusive=True)

    def _work(self) -> None:
        from reader.core.sync.engine import sync
        from reader.core.sync.target import TargetError

        try:
            report = sync(self.library)
        except (LibraryError, TargetError, OSError) as error:
            self.app.call_from_thread(self._failed, str(error))
        else:
            self.app.call_from_thread(self._synced, report.summary(), report.warnings)

    def _synced(self, summary: str, warnings: list[str]) -> None:
        self.running = False
        self.last_error = ""
        self.app.title = f"{self.title} · synced {datetime.now().strftime('%H:%M')}"
        self.app.log.info(f"background sync: {summary}")
        if new := [line for line in warnings if line not in self.shown]:
            self.shown.update(new)
            self.app.notify("\n".join(sanitize(line) for line in new), title=f"Sync: {summary}",
                            severity="warning", timeout=30, markup=False)

    def _failed(self, message: str) -> None:
        self.running = False
        self.app.title = f"{self.title} · sync failed"
        if message != self.last_error:
            self.app.notify(message, title="Sync failed", severity="error", timeout=8)
        self.last_error = message
