"""Feeds parsed in a worker process as soon as each arrives, while the refresh stores the one before.

A feed's entries are parsed (fastxml, or feedparser for what it declines) and their HTML
converted, then planned and stored. With two or more feeds and more than one core, each
big fetched feed after the first is handed to a small process pool the moment its download
ends (`start`), so the next feed is parsed while this one is stored. The worker also converts
the HTML of the entries the library does not hold yet (`known`: their ids), so that this
thread, which stores them, only has to plan and store. A feed that fails to parse in a
worker is parsed again here, so the error the user reads is the one `read_feed` gives.

The first feed is parsed here: it arrives before a worker has started (a worker's spawn and
imports take ~0.2 s, more than parsing and converting a 1.3 MB feed, ~0.1 s, now that
fastxml reads it in ~25 ms). This thread storing is busy on one core, so the pool has one
worker fewer than the cores (one on two cores): a second worker on two cores only made the
three processes take turns (5 BBC feeds on the loaded 2-core machine, median of 6: 2.2 s
with two workers, 1.6 s with one).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from types import TracebackType
from typing import Any

from reader.core.feeds.parse import ParsedFeed, parse_feed

WORKERS = 2
IN_WORKER = 128 * 1024  # bytes: a smaller feed is parsed here (a worker's start costs more than it)


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _parse(body: bytes, url: str, content_type: str | None, base: str, known: frozenset[str]) -> ParsedFeed | None:
    """In a worker: the feed, its new entries converted, or None when it cannot be read
    (the caller reads it again for the reason)."""
    from reader.core.feeds.entries import entry_ids

    try:
        parsed = parse_feed(body, url=url, content_type=content_type, base=base)
        for entry in parsed.entries:
            if entry_ids(entry, url)[0] not in known:
                entry.convert()
    except Exception:  # noqa: BLE001 - told apart by the caller's own parse
        return None
    return parsed


class Parsing:
    """`with Parsing(feed_count, known) as parsing: parsed = parsing.start(fetched, url, read_feed)`;
    `known` the ids of the articles (and feed links) the library holds: entries the worker need not convert."""

    def __init__(self, feeds: int, known: Iterable[str] = ()) -> None:
        self.pool: ProcessPoolExecutor | None = None
        self.known = frozenset(known)
        self.first = True  # the first feed is parsed here: it arrives before a worker has started
        workers = min(WORKERS, _cores() - 1, feeds - 1)
        if workers >= 1:
            from reader.core.processes import spawn_context

            self.pool = ProcessPoolExecutor(workers, mp_context=spawn_context())

    def __enter__(self) -> Parsing:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=error is None, cancel_futures=True)

    def start(self, fetched: Future[Any], url: str, read_feed: Any) -> Future[tuple[Any, ParsedFeed | None]]:
        """(the response, the feed or None when not modified), once fetched and parsed; the
        errors `read_feed(got, url)` raises are raised by `result()`."""
        done: Future[tuple[Any, ParsedFeed | None]] = Future()
        first, self.first = self.first, False

        def here(got: Any) -> None:
            try:
                done.set_result((got, read_feed(got, url)))
            except BaseException as error:  # noqa: BLE001 - handed to the reader of `done`
                done.set_exception(error)

        def parsed_there(got: Any, job: Future[ParsedFeed | None]) -> None:
            try:
                feed = job.result()
            except BaseException:  # noqa: BLE001 - a worker lost: parsed here instead
                feed = None
            if feed is None:
                here(got)
            else:
                done.set_result((got, feed))

        def arrived(job: Future[Any]) -> None:
            try:
                got = job.result()
            except BaseException as error:  # noqa: BLE001 - the fetch's own error
                done.set_exception(error)
                return
            plain = got.not_modified or (got.status is not None and got.status >= 400)
            if self.pool is None or first or plain or len(got.body or b"") < IN_WORKER:
                here(got)
                return
            content_type = got.content_type
            if content_type and got.charset:
                content_type = f"{content_type}; charset={got.charset}"
            try:
                job = self.pool.submit(_parse, got.body, url, content_type, got.url or url, self.known)
            except RuntimeError:  # the pool is shutting down
                here(got)
                return
            job.add_done_callback(lambda job: parsed_there(got, job))

        fetched.add_done_callback(arrived)
        return done
