"""What the benchmarks share: the BBC articles imported as `reader add` does, and a timer.

Run as `python bench/<name>.py`, each benchmark finds this module beside it.
"""

from __future__ import annotations

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
