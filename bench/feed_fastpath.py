"""The fast feed path (reader/core/feeds/fastxml.py) against feedparser: same result, how much faster.

Run it from the repository root:

    .venv/bin/python bench/feed_fastpath.py            # oracle over the corpora, then the BBC timing
    .venv/bin/python bench/feed_fastpath.py --show 5   # and the first 5 differences, field by field

Oracle: every feed under ../shared/data/feeds/feedparser/tests/ (feedparser's own test feeds,
BSD-licensed, read in place, never copied) and the 5 BBC feeds of bench/newsboat.py, each read by
`parse_feed` twice, with the fast path and with feedparser alone (`fast=False`), at two bases (a
web address and none). For every feed the fast path takes, the two ParsedFeeds must be equal
field by field; a feed it declines is read by feedparser on both sides, so it counts as neither.
Exit 1 when any differ.

Timing: each BBC feed (~1.3 MB, ~450 entries) read both ways, alternately, best of --reps;
the ratio is fast / feedparser for the whole `parse_feed` (decoding and the titles' conversion
included) and for the XML reading alone (fastxml.read_feed against feedparser.parse).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import fields
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from reader.core.feeds import fastxml  # noqa: E402
from reader.core.feeds.parse import FeedError, ParsedFeed, parse_feed  # noqa: E402

CORPUS = ROOT.parent / "shared" / "data" / "feeds" / "feedparser" / "tests"
BASES = ("http://example.test/dir/feed.xml", "")


class Counting:
    """fastxml.read_feed, counting the feeds it takes."""

    def __init__(self) -> None:
        self.real = fastxml.read_feed
        self.taken = 0

    def __call__(self, text: str, base: str) -> fastxml.RawFeed | None:
        raw = self.real(text, base)
        self.taken += raw is not None
        return raw


def outcome(body: bytes, base: str, fast: bool) -> ParsedFeed | str:
    try:
        return parse_feed(body, url=base, fast=fast)
    except FeedError as error:
        return f"FeedError: {error}"
    except Exception as error:  # noqa: BLE001 - reported as a difference if only one side raises
        return f"{type(error).__name__}: {error}"


def differences(a: ParsedFeed | str, b: ParsedFeed | str) -> list[str]:
    if isinstance(a, str) or isinstance(b, str):
        return [f"outcome: {a!r:.200} != {b!r:.200}"]
    found = [f"{f.name}: {getattr(a, f.name)!r:.200} != {getattr(b, f.name)!r:.200}"
             for f in fields(a) if f.name != "entries" and getattr(a, f.name) != getattr(b, f.name)]
    if len(a.entries) != len(b.entries):
        found.append(f"entries: {len(a.entries)} != {len(b.entries)}")
    for number, (x, y) in enumerate(zip(a.entries, b.entries)):
        found += [f"entry {number} {f.name}: {getattr(x, f.name)!r:.200} != {getattr(y, f.name)!r:.200}"
                  for f in fields(x) if f.compare and getattr(x, f.name) != getattr(y, f.name)]
    return found


def oracle(paths: list[Path], show: int) -> tuple[int, int, int]:
    """(documents read, taken by the fast path, equal to feedparser's), over both bases."""
    counting = Counting()
    fastxml.read_feed = counting
    read = taken = equal = shown = 0
    try:
        for path in paths:
            body = path.read_bytes()
            for base in BASES:
                before = counting.taken
                fast = outcome(body, base, True)
                read += 1
                if counting.taken == before:
                    continue
                taken += 1
                slow = outcome(body, base, False)
                found = differences(fast, slow)
                if not found:
                    equal += 1
                elif shown < show:
                    shown += 1
                    print(f"DIFFERS {path} (base {base!r}):", *found[:6], sep="\n  ")
    finally:
        fastxml.read_feed = counting.real
    return read, taken, equal


def best(function, reps: int) -> float:
    times = []
    for _ in range(reps):
        began = time.perf_counter()
        function()
        times.append(time.perf_counter() - began)
    return min(times)


def timing(feeds: list[Path], reps: int) -> None:
    import feedparser

    base = "http://127.0.0.1:8000/business.xml"
    whole_fast = whole_slow = xml_fast = xml_slow = 0.0
    for path in feeds:
        body = path.read_bytes()
        text = body.decode("utf-8")
        whole_slow += best(lambda: parse_feed(body, url=base, fast=False), reps)
        whole_fast += best(lambda: parse_feed(body, url=base), reps)
        xml_slow += best(lambda: feedparser.parse(body, response_headers={
            "content-type": "application/xml; charset=utf-8", "content-location": base},
            sanitize_html=False, resolve_relative_uris=False), reps)
        xml_fast += best(lambda: fastxml.read_feed(text, base), reps)
    print(f"BBC feeds ({len(feeds)}, best of {reps}): parse_feed {whole_fast:.3f} s fast vs {whole_slow:.3f} s "
          f"feedparser = {whole_fast / whole_slow:.3f}x; XML reading alone {xml_fast:.3f} s vs {xml_slow:.3f} s "
          f"= {xml_fast / xml_slow:.3f}x")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", type=int, default=10, help="differences to print (default 10)")
    parser.add_argument("--reps", type=int, default=3)
    args = parser.parse_args()
    from newsboat import CATEGORIES, DATA, write_feeds

    corpus = sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.suffix in (".xml", ".rdf", ".rss", ".atom"))
    read, taken, equal = oracle(corpus, args.show)
    print(f"feedparser corpus: {len(corpus)} feeds x {len(BASES)} bases = {read} reads; fast path took {taken}, "
          f"equal to feedparser {equal}, different {taken - equal}")
    with tempfile.TemporaryDirectory() as folder:
        write_feeds(DATA, Path(folder), "http://127.0.0.1:8000")
        feeds = [Path(folder) / f"{category}.xml" for category in CATEGORIES]
        bbc_read, bbc_taken, bbc_equal = oracle(feeds, args.show)
        print(f"BBC feeds: {bbc_read} reads; fast path took {bbc_taken}, equal {bbc_equal}, "
              f"different {bbc_taken - bbc_equal}")
        timing(feeds, args.reps)
    return 0 if taken == equal and bbc_taken == bbc_equal else 1


if __name__ == "__main__":
    sys.exit(main())
