"""Bounded work on a big article: analysis time per character, and the app's keys meanwhile.

    .venv/bin/python bench/big_article.py [--data ../shared/data/bbc] [--mb 19]

Builds one text from the BBC articles, repeated to --mb megabytes (the import cap is 20).

  analysis  seconds per million characters of `analyze` on prefixes of 125k to 1M
            characters and on the whole text (capped at MAX_ANALYSED), against the
            tokenizer alone on the same prefix, timed in the same run: a flat ratio is a
            linear analysis, and the whole text costing what 1M costs is the cap.
  app       headless (`run_test`, 120x40) on a library holding that one article, no
            analysis stored: Enter until the article screen shows, then `down` key
            events, each timed until the text has scrolled, while the analysis and the
            search index are built in threads and after; baseline: the same on a
            3,000-character article.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from textual import events

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.core.analysis import analyze  # noqa: E402
from reader.core.limits import MAX_ANALYSED  # noqa: E402
from reader.core.analysis.ner import Tagger  # noqa: E402
from reader.core.analysis.tokenize import tokenize  # noqa: E402
from reader.core.ingest import load_file  # noqa: E402
from reader.core.model import Article, Block  # noqa: E402
from reader.core.store import Library  # noqa: E402
from reader.tui.app import ReaderApp  # noqa: E402
from reader.tui.screens.article import ArticleScreen  # noqa: E402


def big_text(data: Path, megabytes: float) -> str:
    texts = [load_file(p).article.text for p in sorted(data.glob("*/*.txt"))]
    body, size = [], 0
    while size < megabytes * 1_000_000:
        for text in texts:
            body.append(text)
            size += len(text) + 2
    return "\n\n".join(body)[: int(megabytes * 1_000_000)]


def article_of(text: str, title: str = "A very long file") -> Article:
    return Article.create(title, [Block("paragraph", p) for p in text.split("\n\n") if p.strip()])


def timed(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def bench_analysis(text: str) -> None:
    tagger = Tagger.default()
    analyze(article_of(text[:5_000]), tagger)  # the model loads outside the timing
    print(f"{'characters':>12} {'analysis s':>11} {'s per M':>8} {'tokenizer s/M':>14} {'ratio':>6}")
    for size in (125_000, 250_000, 500_000, MAX_ANALYSED, len(text)):
        article = article_of(text[:size])
        n = len(article.text) / 1e6
        analysis = timed(lambda: analyze(article, tagger))
        tokens = timed(lambda: tokenize(article.text[:MAX_ANALYSED]))
        print(f"{len(article.text):>12,} {analysis:>11.2f} {analysis / n:>8.2f} {tokens / n:>14.3f} {analysis / tokens:>6.1f}")


async def key_latencies(library: Library, presses: int) -> tuple[float, list[float], list[float]]:
    """Open time, then `down` latencies while background work runs and after it ends."""
    app = ReaderApp(library, read_ahead=0.01)
    during, after = [], []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        start = time.perf_counter()
        await pilot.press("enter")
        while not isinstance(app.screen, ArticleScreen):
            await pilot.pause(0.01)
        opened = time.perf_counter() - start
        await asyncio.sleep(0.3)  # the first frame
        for _ in range(presses):
            busy = any(w.is_running for w in app.workers)
            reading = app.screen.reading
            was = reading.scroll_y
            start = time.perf_counter()
            app.post_message(events.Key("down", None))  # Pilot's press also waits for the CPU to idle
            while reading.scroll_y == was and time.perf_counter() - start < 30:
                await asyncio.sleep(0.002)
            (during if busy else after).append(time.perf_counter() - start)
            await asyncio.sleep(0.1)
    return opened, during, after


def bench_app(text: str, small: str) -> None:
    for name, body, presses in (("3,000 characters", small, 15), ("the big text", text, 60)):
        with tempfile.TemporaryDirectory() as home:
            library = Library(Path(home))
            library.add(article_of(body))
            opened, during, after = asyncio.run(key_latencies(library, presses))
            library.close()

        def p(values: list[float]) -> str:
            if not values:
                return "-"
            return f"median {statistics.median(values) * 1000:.0f} ms, max {max(values) * 1000:.0f} ms ({len(values)})"

        print(f"{name:>16}: open {opened:.2f} s; down while busy: {p(during)}; after: {p(after)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "bbc")
    parser.add_argument("--mb", type=float, default=19.0)
    args = parser.parse_args()
    text = big_text(args.data, args.mb)
    bench_analysis(text)
    bench_app(text, text[:3000])


if __name__ == "__main__":
    main()
