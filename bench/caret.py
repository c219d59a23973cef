"""The reading caret's cost per key on a long article, against plain scrolling.

    .venv/bin/python bench/caret.py [--blocks 150] [--keys 60]

Headless (`run_test`, 120x40), one article of --blocks paragraphs (150 is the most a
part of a very long article mounts), an empty analysis stored. What is timed is the
screen's own work for a key, its action called directly (Textual's painting after it is
the same whatever moved, and a Pilot key press costs ~70 ms of waiting on its own):

  baseline  `j` with no caret: the view scrolled a line (`scroll_to`)
  caret j   the caret a drawn line down (its rows read back, the view following)
  caret w   the caret a word on
  caret }   the caret a paragraph on
  visual )  a selection grown a sentence at a time (the selection redrawn)
  bindings  `active_bindings`: every binding's check_action, asked on each refresh

Prints the median and the worst of each in milliseconds and the median's ratio to the
baseline timed in the same run. The machine is shared: run it twice.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.core.analysis import ANALYZER_VERSION  # noqa: E402
from reader.core.model import Analysis, Article, Block  # noqa: E402
from reader.core.store import Library  # noqa: E402
from reader.tui.app import ReaderApp  # noqa: E402

SENTENCE = "The minister said on Tuesday that the harbour would reopen after the repairs. "


async def timed(pilot, action: Callable[[], object], count: int) -> list[float]:  # noqa: ANN001
    """Milliseconds the screen's own work for one key takes (the handler, not Textual's paint),
    each call followed by a pause so the next starts from a drawn screen."""
    times = []
    for _ in range(count):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
        await pilot.pause()
    return times


async def measure(blocks: int, keys: int) -> dict[str, list[float]]:
    with tempfile.TemporaryDirectory() as home:
        library = Library(Path(home) / "library")
        article = Article.create("Long", [Block("paragraph", f"Part {i}. " + SENTENCE * 6) for i in range(blocks)])
        article, _ = library.add(article)
        library.save_analysis(article.id, Analysis(ANALYZER_VERSION))
        (Path(home) / "config").mkdir()
        app = ReaderApp(library, config_dir=Path(home) / "config", read_ahead=None)
        results: dict[str, list[float]] = {}
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("enter")
            await pilot.pause()
            screen = app.screen
            reading = screen.reading
            results["baseline j"] = await timed(pilot, lambda: screen.action_scroll(1), keys)
            await pilot.press("g", "l")
            await pilot.pause()
            results["caret j"] = await timed(pilot, lambda: screen.action_line(1), keys)
            results["caret w"] = await timed(pilot, lambda: screen.action_caret("word", True), keys)
            results["caret }"] = await timed(pilot, lambda: screen.action_caret("paragraph", True), keys)
            await pilot.press("g", "v")
            await pilot.pause()
            assert reading.visual is not None
            results["visual )"] = await timed(pilot, lambda: screen.action_caret("sentence", True), keys)
            # what the key bar and ? ask on every refresh: each binding's check_action
            results["bindings"] = await timed(pilot, lambda: screen.active_bindings, keys)
        library.close()
        return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--blocks", type=int, default=150)
    parser.add_argument("--keys", type=int, default=60)
    args = parser.parse_args()
    results = asyncio.run(measure(args.blocks, args.keys))
    base = statistics.median(results["baseline j"])
    print(f"{args.blocks} paragraphs, {args.keys} presses each (ms of the screen's own work per key)")
    for name, times in results.items():
        median = statistics.median(times)
        print(f"  {name:14} median {median:6.1f}  max {max(times):6.1f}  x{median / base:.2f} of baseline")


if __name__ == "__main__":
    main()
