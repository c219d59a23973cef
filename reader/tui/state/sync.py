"""Background sync in the app: with the remembered target, at start, then whenever this
library has changes not yet sent (looked at every `INTERVAL` seconds), and every
`PULL_EVERY` seconds since the last round even with none (so another device's changes
arrive while the app is open), if the user turned it on (`reader sync --auto on`). Never
two rounds at once.

It runs in a thread and never blocks reading: the round takes the library lock only while
it applies what came in. Its state is in the title bar (`reader · synced 13:52`), and a
failure is a toast (once per distinct message) as well as `sync failed` in the title. A
round's warnings (a note edited on two devices, a file in the target skipped) are a toast,
each line once while the app is open.
"""

from __future__ import annotations

import time
from datetime import datetime
from typing import TYPE_CHECKING, Any

from reader.core.sanitize import sanitize
from reader.core.store import Library
from reader.core.store.errors import LibraryError

if TYPE_CHECKING:
    from textual.app import App

INTERVAL = 30.0  # seconds between looks at whether changes wait to go out
PULL_EVERY = 180.0  # seconds after a round ends before the next, changes or not (README: 3 minutes)


class BackgroundSync:
    def __init__(self, app: App[Any], library: Library, interval: float | None = None,
                 pull_every: float | None = None) -> None:
        """`interval`, `pull_every`: INTERVAL and PULL_EVERY when not given (read when made)."""
        self.app, self.library = app, library
        self.interval = INTERVAL if interval is None else interval
        self.pull_every = PULL_EVERY if pull_every is None else pull_every
        self.last_round = time.monotonic()  # when the last round ended
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

        if self.running:
            return
        try:
            found = status(self.library)
        except LibraryError:
            return
        if not (found.auto and found.target):  # `reader sync --auto off` meanwhile
            return
        if found.pending or time.monotonic() - self.last_round >= self.pull_every:
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
        self.running, self.last_round = False, time.monotonic()
        self.last_error = ""
        self.app.title = f"{self.title} · synced {datetime.now().strftime('%H:%M')}"
        self.app.log.info(f"background sync: {summary}")
        if new := [line for line in warnings if line not in self.shown]:
            self.shown.update(new)
            self.app.notify("\n".join(sanitize(line) for line in new), title=f"Sync: {summary}",
                            severity="warning", timeout=30, markup=False)

    def _failed(self, message: str) -> None:
        self.running, self.last_round = False, time.monotonic()
        self.app.title = f"{self.title} · sync failed"
        if message != self.last_error:
            self.app.notify(message, title="Sync failed", severity="error", timeout=8)
        self.last_error = message
