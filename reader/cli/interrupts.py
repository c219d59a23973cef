"""Ctrl+C during a batch command: it stops between items, never inside one.

`reader add` reads each file or page (safe to stop at any moment: nothing is written yet),
then stores the article and its analysis and counts it. A KeyboardInterrupt in the second
part could leave an article in the library that the summary does not count, so
`Interrupts.deferred()` holds SIGINT back until that part is done, then raises it.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType, TracebackType


class Interrupts:
    """While entered, SIGINT raises KeyboardInterrupt at once, except inside `deferred()`,
    where it waits for the block's end. Outside the main thread, or when SIGINT is ignored
    (a background job), nothing changes."""

    def __init__(self) -> None:
        self.pending = False
        self._holding = False
        self._previous: object = None
        self._installed = False

    def __enter__(self) -> Interrupts:
        if threading.current_thread() is threading.main_thread():
            previous = signal.getsignal(signal.SIGINT)
            if previous is not signal.SIG_IGN:
                self._previous = signal.signal(signal.SIGINT, self._on_sigint)
                self._installed = True
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        if self._installed:
            signal.signal(signal.SIGINT, self._previous)  # type: ignore[arg-type]
            self._installed = False

    @contextmanager
    def deferred(self) -> Iterator[None]:
        """Run the block whole; a Ctrl+C during it is raised when it ends."""
        self._holding = True
        try:
            yield
        finally:
            self._holding = False
        if self.pending:
            raise KeyboardInterrupt

    def _on_sigint(self, signum: int, frame: FrameType | None) -> None:
        if self._holding:
            self.pending = True
            return
        raise KeyboardInterrupt
