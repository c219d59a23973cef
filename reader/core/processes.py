"""Worker processes started safely from any host: the CLI, the app's threads, a test runner.

multiprocessing's "spawn" start (not fork: the app starts workers from a thread, and a
forked child of a threaded process can deadlock) first starts its resource tracker and
hands it `sys.stderr.fileno()`. Under the app (and Pilot tests) `sys.stderr` is a capture
object whose fileno is -1, and the start fails with "bad value(s) in fds_to_keep": a feed
refresh from the app did nothing. So the tracker is started once here with a stderr that
is a real file.
"""

from __future__ import annotations

import os
import sys
from multiprocessing import get_context, resource_tracker
from multiprocessing.context import SpawnContext


def spawn_context() -> SpawnContext:
    """The spawn context, its resource tracker already running."""
    if not _has_real_fileno(sys.stderr):
        with open(os.devnull, "w") as sink:
            shown, sys.stderr = sys.stderr, sink
            try:
                resource_tracker.ensure_running()
            finally:
                sys.stderr = shown
    return get_context("spawn")


def _has_real_fileno(stream: object) -> bool:
    try:
        return stream is not None and stream.fileno() >= 0  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        return False
