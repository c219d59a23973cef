"""Something the app builds once, lazily, in a thread, then announces with a typed message.

The search index and the entity ledger are both that: too slow to build on the UI thread,
needed by several screens, kept for the app's life and refreshed (a cheap re-read of what
changed) when a screen comes into view. Screens ask with `request()`: the thing if it is
built, else None and the build started. Once built, the app receives the build's message
(`reader.tui.messages`: `IndexReady`, `LedgerReady`) and tells every running screen, so
nothing holds a callback of a screen that is gone. A failed build is named once in a
notification and posted as `BuildFailed`; the reader goes on without it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from textual.message import Message
from textual.worker import Worker

from reader.core.store import Library
from reader.tui.messages import BuildFailed

if TYPE_CHECKING:
    from textual.app import App

T = TypeVar("T")


class BackgroundBuild(Generic[T]):
    """Holds the built thing (`value`) and the build's error; says when it is built by a message."""

    name = "background build"  # the worker's name and group, and in log messages
    unavailable = "Unavailable"  # the title of the notification when the build fails

    def __init__(self, app: App[Any], library: Library) -> None:
        self.app = app
        self.library = library
        self.value: T | None = None
        self.error = ""
        self.worker: Worker[Any] | None = None

    @property
    def ready(self) -> bool:
        return self.value is not None

    def refresh(self) -> None:
        """Re-read what changed since the build or the last refresh; a failure is logged."""
        if self.value is None:
            return
        try:
            self._refresh(self.value)
        except Exception as error:  # noqa: BLE001 - stale results beat a crash
            self.app.log.error(f"{self.name} refresh failed", error)

    def _refresh(self, value: T) -> None:
        """Bring `value` up to date with the library (each kind of build says how)."""
        raise NotImplementedError

    def ready_message(self, value: T) -> Message:
        """The message that tells the app (and through it the screens) `value` is built."""
        raise NotImplementedError

    def _run(self, build: Callable[[], T]) -> None:
        """Build in a thread worker; `build` runs off the UI thread."""
        self.worker = self.app.run_worker(
            lambda: self._build(build), thread=True, exclusive=True, group=self.name, name=self.name
        )

    def _build(self, build: Callable[[], T]) -> None:
        try:
            value = build()
        except Exception as error:  # noqa: BLE001 - the feature is unavailable, the reader is not
            self.app.call_from_thread(self._failed, f"{type(error).__name__}: {error}")
            return
        self.app.call_from_thread(self._built, value)

    def _built(self, value: T) -> None:
        self.value = value
        self.app.post_message(self.ready_message(value))

    def _failed(self, message: str) -> None:
        self.error = message
        self.app.post_message(BuildFailed(self.name, message))
        self.app.notify(message, title=self.unavailable, severity="error", markup=False)

    async def _wait_worker(self) -> T | None:
        if self.worker is not None and self.value is None:
            try:
                await self.worker.wait()
            except Exception:  # noqa: BLE001 - the error is kept in `self.error`
                pass
        return self.value
