"""Reading many files and pages at once, on every core, handed back in the order given.

`reader add DIR` spends nearly all its time reading, extracting and analysing each file
(entities and quotes), and that work needs nothing but the file. So `Reading` runs it in
a pool of worker processes, while the caller stores each result, in the order of the
files, under the library lock, in its own process. The workers are spawned (not forked):
they share nothing with the caller but what they are sent.

- One source, or `jobs=1`: everything runs in this process, with no pool to start.
- A worker ignores Ctrl+C; the caller gets it, leaves the `with` block, and `Reading`
  stops the workers at once: nothing is stored by them, so nothing is lost.
- A worker that dies (killed, out of memory) takes the files it held with it: those are
  read again, one at a time, in a new pool, and a file that kills its worker again is
  reported as failed, like any file that cannot be read.
- An article already in the library (`known`) is read but not analysed again.
- `analyse=False`: nothing is analysed here (a few pages added by hand: each is stored
  at once, and its analysis made by the next command that needs it, `analysis_for`).
"""

from __future__ import annotations

import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from reader.core.ingest import Imported, IngestError, load_file
from reader.core.model import Analysis

if TYPE_CHECKING:  # the pool's modules load only when a pool starts: one file needs none
    from concurrent.futures import Future, ProcessPoolExecutor

__all__ = ["Read", "Reading", "default_jobs", "read_one"]

Source = Path | str  # a file, or a URL
AHEAD = 8  # files in flight per worker: enough to keep it busy, and to store in runs
GROUP = 512  # at most this many reads handed back at once (see `Reading.groups`)
GATHER = 1.0  # seconds a run gathers reads before it is handed back while more are on their way
WORKER_DIED = "the process reading it stopped unexpectedly"


@dataclass
class Read:
    """One source, read: its article and analysis, or why it could not be read."""

    source: Source
    imported: Imported | None = None
    analysis: Analysis | None = None  # None: already in the library, or not analysed (`analyse=False`)
    where: str = ""  # with `reason`, the IngestError (sent as text: it does not pickle)
    reason: str = ""

    @property
    def error(self) -> IngestError | None:
        return IngestError(self.where, self.reason) if self.reason else None


def read_one(source: Source, known: frozenset[str] = frozenset(), analyse: bool = True) -> Read:
    """Read (and, if `analyse`, analyse) one file or URL; any failure is a `Read` with a
    reason, never raised."""
    from reader.core.ingest.html import load_url

    try:
        imported = load_url(source) if isinstance(source, str) else load_file(source)
    except IngestError as error:
        return Read(source, where=error.where, reason=error.reason)
    except Exception as error:  # noqa: BLE001 - one file a library chokes on; the others go on
        return Read(source, where=str(source), reason=f"could not be read ({type(error).__name__}: {error})")
    if imported.article.id in known or not analyse:
        return Read(source, imported)
    from reader.core.analysis import analyze

    return Read(source, imported, analyze(imported.article))


def default_jobs(count: int) -> int:
    """Worker processes for `count` sources: one per usable core; none (0) for one source."""
    if count < 2:
        return 0
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return min(cores, count)


class Reading:
    """`with Reading(sources, known, jobs) as reads: for read in reads: ...`, in order."""

    def __init__(self, sources: Iterable[Source], known: frozenset[str] = frozenset(), jobs: int = 0,
                 work: Callable[[Source], Read] | None = None, *, analyse: bool = True) -> None:
        self.sources = list(sources)
        self.known = known
        self.jobs = jobs
        self.analyse = analyse
        self.work = work or _read_in_worker  # what a worker does with a source (tests change it)
        self._pool: ProcessPoolExecutor | None = None
        self._flying: deque[tuple[Source, Future[Read]]] = deque()  # submitted, in order

    def __enter__(self) -> Reading:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self._close(at_once=error is not None)

    def __iter__(self) -> Iterator[Read]:
        if self.jobs <= 1:
            for source in self.sources:
                yield read_one(source, self.known, self.analyse)
            return
        yield from self._pooled()

    def groups(self, most: int | None = None) -> Iterator[list[Read]]:
        """The reads in order, in runs (at most `most`, default GROUP): the caller stores
        each run at once, in one save whose cost hardly grows with the run. A run is handed
        back when the next read is not done yet and it has gathered for GATHER seconds (so
        a bulk import stores a few runs a second, not one per file). Reading in this
        process, each run is one read."""
        most = most or GROUP
        group: list[Read] = []
        began = time.monotonic()
        for read in self:
            group.append(read)
            waited = time.monotonic() - began >= GATHER or self.jobs <= 1
            if len(group) >= most or (waited and not self._next_done()) or not self._flying:
                yield group
                group, began = [], time.monotonic()
        if group:
            yield group

    def _next_done(self) -> bool:
        return bool(self._flying) and self._flying[0][1].done()

    def _pooled(self) -> Iterator[Read]:
        from concurrent.futures.process import BrokenProcessPool

        queue: deque[Source] = deque(self.sources)
        alone: set[Source] = set()  # in flight when a worker died: read again, one at a time
        flying = self._flying
        while queue or flying:
            while queue and len(flying) < self.jobs * AHEAD and not (flying and queue[0] in alone):
                source = queue.popleft()
                flying.append((source, self._executor().submit(self.work, source)))
                if source in alone:
                    break
            source, future = flying.popleft()
            try:
                read = future.result()
            except BrokenProcessPool:
                self._close(at_once=True)
                lost = [s for s, _ in flying]
                flying.clear()
                alone.update(lost)
                queue.extendleft(reversed(lost))
                if source not in alone:
                    alone.add(source)
                    queue.appendleft(source)
                    continue
                read = Read(source, where=str(source), reason=WORKER_DIED)  # it went alone: it is the one
            yield read

    def _executor(self) -> ProcessPoolExecutor:
        from concurrent.futures import ProcessPoolExecutor

        from reader.core.processes import spawn_context

        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                self.jobs, mp_context=spawn_context(),
                initializer=_worker_start, initargs=(self.known, self.analyse),
            )
        return self._pool

    def _close(self, *, at_once: bool) -> None:
        """Shut the pool down: after its work, or `at_once`, ending the workers mid-file."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if not at_once:
            pool.shutdown(wait=True)
            return
        # Python 3.14 has pool.terminate_workers(); before it, the processes are only in _processes
        workers = list((getattr(pool, "_processes", None) or {}).values())
        for worker in workers:
            worker.terminate()
        # Then wait for the pool's own thread to see them gone: left running, it closes its
        # wake-up pipe while Python's exit writes to it ("Bad file descriptor" at exit).
        pool.shutdown(wait=True, cancel_futures=True)


# What a worker process knows, set once as it starts (`_worker_start`): the ids already in
# the library, so that their articles are not analysed again, and whether to analyse at
# all. Sent once per worker, not with every file: a big library's ids would cost more to
# send than a file to read.
_known_here: frozenset[str] = frozenset()
_analyse_here = True


def _worker_start(known: frozenset[str], analyse: bool = True) -> None:
    """In each worker, first: Ctrl+C is the caller's to handle."""
    global _known_here, _analyse_here  # noqa: PLW0603 - once, as the worker process starts
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _known_here, _analyse_here = known, analyse


def _read_in_worker(source: Source) -> Read:
    return read_one(source, _known_here, _analyse_here)
