"""A refresh fetches its entries' pages a few at a time, at most two per server.

The local servers count the requests they are answering at once (each page takes a while
to produce); nothing here measures time.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from httpserver import TestServer

from reader.core.feeds import refresh_feed, refresh_feeds
from reader.core.model import Feed
from reader.core.store import Library

PAGE = "<html><body><article><h1>{title}</h1><p>" + "The harbour master said the new pontoon opens in May. " * 12 + "</p></article></body></html>"


class Overlap:
    """How many requests the servers are answering at once, and the most there were, per server."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.now: dict[int, int] = {}
        self.most: dict[int, int] = {}
        self.total_now = 0
        self.total_most = 0

    def enter(self, port: int) -> None:
        with self.lock:
            self.now[port] = self.now.get(port, 0) + 1
            self.most[port] = max(self.most.get(port, 0), self.now[port])
            self.total_now += 1
            self.total_most = max(self.total_most, self.total_now)

    def leave(self, port: int) -> None:
        with self.lock:
            self.now[port] -= 1
            self.total_now -= 1


class SlowPage:
    """A route (read as the test server reads a Response) whose body takes `seconds` to make."""

    status = 200
    etag = None
    last_modified = None
    delay = 0.0
    chunked = False

    def __init__(self, html: str, port: int, overlap: Overlap, seconds: float = 0.4) -> None:
        self.headers = {"Content-Type": "text/html; charset=utf-8"}
        self._body = html.encode()
        self.port, self.overlap, self.seconds = port, overlap, seconds

    @property
    def body(self) -> bytes:
        self.overlap.enter(self.port)
        try:
            time.sleep(self.seconds)
        finally:
            self.overlap.leave(self.port)
        return self._body


def feed_of(server: TestServer, links: list[str]) -> str:
    items = "".join(f"<item><title>Story {n}</title><link>{link}</link><description>Short.</description></item>"
                    for n, link in enumerate(links))
    return server.add("/feed.xml", f"<rss version='2.0'><channel><title>Slow</title>{items}</channel></rss>",
                      content_type="application/rss+xml")


def slow_pages(server: TestServer, overlap: Overlap, count: int, prefix: str) -> list[str]:
    links = []
    for n in range(count):
        path = f"/{prefix}/{n}"
        server.routes[path] = SlowPage(PAGE.format(title=f"Story {prefix} {n}"), server.port, overlap)
        links.append(server.url(path))
    return links


@pytest.fixture
def library(tmp_path: Path):
    lib = Library(tmp_path / "home")
    yield lib
    lib.close()


def test_the_pages_of_one_server_are_fetched_two_at_a_time(http_server, library):
    overlap = Overlap()
    links = slow_pages(http_server, overlap, 6, "a")
    report = refresh_feed(library, library.subscribe(Feed.create(feed_of(http_server, links))))
    assert len(report.new) == 6 and report.warnings == [] and report.errors == []
    assert all("pontoon opens in May" in library.article(a.id).text for a in report.new)
    assert overlap.most[http_server.port] == 2  # concurrent, and polite


def test_pages_on_several_servers_are_fetched_at_once(http_server, library):
    overlap = Overlap()
    with TestServer() as other:
        links = [link for pair in zip(slow_pages(http_server, overlap, 4, "a"), slow_pages(other, overlap, 4, "b"))
                 for link in pair]
        seen = []
        reports = refresh_feeds(library, [library.subscribe(Feed.create(feed_of(http_server, links)))],
                                progress=lambda done, total, what: seen.append(done))
    assert len(reports[0].new) == 8 and reports[0].warnings == []
    assert overlap.total_most >= 3 and max(overlap.most.values()) == 2
    assert seen == list(range(9))  # progress in the caller's order, once before and once per entry
