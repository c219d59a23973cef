"""What the benchmarks share: the BBC articles imported as `reader add` does, a timer, and
the waits that time the real app headless (a key pressed -> what the user would now see).

Run as `python bench/<name>.py`, each benchmark finds this module beside it.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from reader.core.ingest import collect_paths, load_file
from reader.core.store import Library

T = TypeVar("T")


def import_bbc(data: Path, home: Path) -> tuple[Library, int, float]:
    """The BBC folders (not README.TXT) into a library at `home`: (library, files, seconds)."""
    began = time.perf_counter()
    paths, errors = collect_paths(sorted(p for p in data.iterdir() if p.is_dir()))
    if errors:
        raise SystemExit(f"cannot read {data}: {errors[0]}")
    library = Library(home)
    for path in paths:
        library.add(load_file(path).article)
    return library, len(paths), time.perf_counter() - began


def timed(reps: int, run: Callable[[], T], before: Callable[[], Any] | None = None) -> tuple[list[float], T]:
    """Seconds of `reps` runs after one untimed warm-up, and what the warm-up returned;
    `before` runs ahead of each (untimed), e.g. to drop a cache."""
    if before:
        before()
    result = run()
    samples = []
    for _ in range(reps):
        if before:
            before()
        began = time.perf_counter()
        run()
        samples.append(time.perf_counter() - began)
    return samples, result


SIZE = (120, 40)  # the terminal the app is timed in
POLL = 0.002  # seconds between checks while waiting for a condition


async def until(condition: Callable[[], bool], timeout: float = 120.0) -> None:
    """Yield to the app until `condition()` holds (it runs in the same event loop)."""
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the app never got there")
        await asyncio.sleep(POLL)


async def refreshed(app: Any) -> None:
    """Wait until the screen has been refreshed once more (what the user would now see)."""
    done = asyncio.Event()
    app.screen.call_after_refresh(done.set)
    await done.wait()


def send_key(app: Any, key: str) -> None:
    """The key as the terminal driver delivers it; Pilot's `press` would add its own idle waits."""
    from textual import events

    event = events.Key(key, None)
    event.set_sender(app)
    app._driver.send_message(event)


async def key_until_drawn(app: Any, key: str, landed: Callable[[], bool]) -> float:
    """Seconds from a key to the screen it leads to drawn (`landed()`, then one more refresh)."""
    began = time.perf_counter()
    send_key(app, key)
    await until(landed)
    await refreshed(app)
    return time.perf_counter() - began
