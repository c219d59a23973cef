"""How long a feed refresh takes when its entries' pages are slow to come: one at a time vs the pool.

Run it from the repository root:

    .venv/bin/python bench/feed_refresh.py                 # 10 pages, each served after 1 s
    .venv/bin/python bench/feed_refresh.py --pages 20 --delay 0.5

A local test server (tests/httpserver.py, 127.0.0.1 only) serves a feed of N summary-only
entries whose pages each take --delay seconds to be sent, so a refresh fetches and reads
all N pages. Each refresh goes into a fresh library, timed whole (fetching, extraction,
storing, analysis):

  one at a time   refresh_feeds(workers=1): the pages fetched in turn, as reader did before
  pool            refresh_feeds() as it is: 6 fetches at once, at most 2 per server

once with every page on one server (so 2 at a time, the polite limit) and once with the
pages spread over 5 servers (5 ports, counted as 5 servers). The ratio is against the
one-at-a-time refresh of the same run.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from httpserver import TestServer  # noqa: E402

from reader.core.feeds import refresh_feeds  # noqa: E402
from reader.core.model import Feed  # noqa: E402
from reader.core.store import Library  # noqa: E402

PAGE = ("<html><head><title>Story {n}</title></head><body><article><h1>Story {n}</h1><p>"
        + "The harbour master said on Monday that the new pontoon will open in May, weeks later than planned. " * 15
        + "</p></article></body></html>")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--delay", type=float, default=1.0, help="seconds each page takes to be sent")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-refresh-"))
    servers = [TestServer().start() for _ in range(5)]
    try:
        print(f"{args.pages} summary-only entries, each page sent after {args.delay:g} s")
        for spread in (1, 5):
            feed_url = _serve(servers[:spread], args.pages, args.delay)
            sequential = _time(work / f"seq{spread}", feed_url, workers=1, pages=args.pages)
            pooled = _time(work / f"pool{spread}", feed_url, workers=None, pages=args.pages)
            where = "one server" if spread == 1 else f"{spread} servers"
            print(f"  pages on {where:11}  one at a time {sequential:6.2f} s   pool {pooled:6.2f} s   "
                  f"x{sequential / pooled:4.1f} faster")
    finally:
        for server in servers:
            server.stop()
        shutil.rmtree(work, ignore_errors=True)


def _serve(servers: list[TestServer], pages: int, delay: float) -> str:
    items = []
    for n in range(pages):
        server = servers[n % len(servers)]
        link = server.add(f"/story/{n}", PAGE.format(n=n), delay=delay)
        items.append(f"<item><title>Story {n}</title><link>{link}</link><description>Short.</description></item>")
    feed = f"<rss version='2.0'><channel><title>Slow pages</title>{''.join(items)}</channel></rss>"
    return servers[0].add("/feed.xml", feed, content_type="application/rss+xml")


def _time(home: Path, feed_url: str, *, workers: int | None, pages: int) -> float:
    library = Library(home)
    try:
        feed = library.subscribe(Feed.create(feed_url))
        start = time.perf_counter()
        options = {"workers": workers} if workers else {}
        [report] = refresh_feeds(library, [feed], **options)
        elapsed = time.perf_counter() - start
    finally:
        library.close()
    if len(report.new) != pages or report.warnings or report.errors:
        sys.exit(f"the refresh did not import every page: {report.summary()} {report.warnings} {report.errors}")
    return elapsed


if __name__ == "__main__":
    main()
