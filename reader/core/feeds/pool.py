"""Fetching many URLs at once, politely: a few at a time, at most two per server.

A refresh that fetched its pages one after another spent nearly all its time waiting
on the network (10 pages, 27 s). Here a small pool of threads fetches them while the
caller's thread reads and stores what has come back. Threads only fetch bytes: reading
the page (trafilatura, lxml) and storing stay in the caller's thread.

The threads are daemons, so an interrupted refresh (Ctrl+C) does not wait for the
fetches still under way to time out before the program can end.
"""

from __future__ import annotations

import queue
import threading
import urllib.parse
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

WORKERS = 6  # fetches at once
PER_HOST = 2  # fetches at once from one server (host and port)

_STOP = object()


class FetchPool:
    """Run `fetch(url, **kwargs)` calls on a few threads; `submit` gives a Future."""

    def __init__(self, fetch: Callable[..., Any], *, workers: int = WORKERS, per_host: int = PER_HOST) -> None:
        self.fetch = fetch
        self.per_host = per_host
        self._jobs: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._hosts: dict[str, threading.BoundedSemaphore] = {}
        self._lock = threading.Lock()
        self._threads = [threading.Thread(target=self._work, name=f"fetch-{n}", daemon=True) for n in range(workers)]
        for thread in self._threads:
            thread.start()

    def submit(self, url: str, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        self._jobs.put((future, url, kwargs))
        return future

    def close(self) -> None:
        """Let the threads end once the fetches already asked for are done."""
        for _ in self._threads:
            self._jobs.put(_STOP)

    def cancel_waiting(self) -> None:
        """Cancel every fetch that has not started (an interrupted refresh)."""
        while True:
            try:
                job = self._jobs.get_nowait()
            except queue.Empty:
                break
            if job is not _STOP:
                job[0].cancel()

    def __enter__(self) -> FetchPool:
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if error is not None:
            self.cancel_waiting()
        self.close()

    def _work(self) -> None:
        while True:
            job = self._jobs.get()
            if job is _STOP:
                return
            future, url, kwargs = job
            if not future.set_running_or_notify_cancel():
                continue
            try:
                with self._host(url):
                    result = self.fetch(url, **kwargs)
            except BaseException as error:  # noqa: BLE001 - handed to whoever waits on the future
                future.set_exception(error)
            else:
                future.set_result(result)

    def _host(self, url: str) -> threading.BoundedSemaphore:
        try:
            host = urllib.parse.urlsplit(url).netloc.lower()
        except ValueError:
            host = ""
        with self._lock:
            return self._hosts.setdefault(host, threading.BoundedSemaphore(self.per_host))


def interleaved(urls: list[str]) -> list[str]:
    """`urls` reordered so that consecutive ones are on different servers where possible:
    a thread waiting for its server's turn then holds up no other server."""
    by_host: dict[str, list[str]] = {}
    for url in urls:
        try:
            host = urllib.parse.urlsplit(url).netloc.lower()
        except ValueError:
            host = ""
        by_host.setdefault(host, []).append(url)
    out: list[str] = []
    lanes = list(by_host.values())
    for depth in range(max((len(lane) for lane in lanes), default=0)):
        out.extend(lane[depth] for lane in lanes if depth < len(lane))
    return out
