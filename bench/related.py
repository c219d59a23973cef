"""How quickly `r` on an article shows its related articles, against a bare modal in the same app.

Run it from the repository root, on a library whose articles are analysed (it is copied
first; the copy is changed, the original never):

    .venv/bin/python bench/related.py --library /tmp/bbc-lib        # 5 articles, ~1 minute
    .venv/bin/python bench/related.py --library /tmp/bbc-lib --reps 9

Headless (`App.run_test(size=(120, 40))`), one process, one harness. The ledger is built
first (untimed, reported). Then for each of --reps articles:

  new      the article's analysis is saved again, as when it was just opened for the
           first time (the ledger must re-read the library: what users timed at ~2 s);
           the article is opened; `r` pressed:
             appear  until the related list's screen is the one shown and drawn;
             filled  until its rows are in and drawn;
  again    `r` once more on the same article (nothing new to read): appear and filled.
  baseline a key bound in the same app that pushes a bare modal screen (a title and an
           empty list), until it is drawn: what showing any modal costs here.

Medians over --reps; ratio = related / baseline (1 means as quick as a bare modal).
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from textual.app import ComposeResult  # noqa: E402
from textual.binding import Binding  # noqa: E402
from textual.screen import ModalScreen  # noqa: E402
from textual.widgets import OptionList, Static  # noqa: E402

from bbc import SIZE, key_until_drawn, refreshed, send_key, until  # noqa: E402
from reader.core.store import Library  # noqa: E402
from reader.tui.app import ReaderApp  # noqa: E402
from reader.tui.navigation import open_article  # noqa: E402
from reader.tui.screens.article import ArticleScreen  # noqa: E402
from reader.tui.screens.related import RelatedScreen  # noqa: E402


class BareModal(ModalScreen[None]):
    BINDINGS = [Binding("escape", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        yield Static("A bare modal")
        yield OptionList()


class TimedApp(ReaderApp):
    CSS_PATH = str(Path(sys.modules[ReaderApp.__module__].__file__).with_name("app.tcss"))  # not beside this file
    BINDINGS = [*ReaderApp.BINDINGS, Binding("f9", "bare", "Bare modal")]

    def action_bare(self) -> None:
        self.push_screen(BareModal())


def filled(app: ReaderApp) -> bool:
    """The related list shows its rows (or says there are none), nothing left to find."""
    screen = app.screen
    return isinstance(screen, RelatedScreen) and not getattr(screen, "finding", False)


async def back_to(app: ReaderApp, kind: type) -> None:
    while not isinstance(app.screen, kind):
        send_key(app, "escape")
        await until(lambda: not app.screen.is_current or isinstance(app.screen, kind))
        await refreshed(app)


async def measure(home: Path, reps: int) -> dict[str, list[float]]:
    library = Library(home)
    app = TimedApp(library, config_dir=home / "config", read_ahead=None)
    samples: dict[str, list[float]] = {k: [] for k in ("new appear", "new filled", "again appear", "again filled", "baseline")}
    async with app.run_test(size=SIZE):
        began = time.perf_counter()
        app.entities.request()
        await app.entities.wait()
        print(f"ledger built in {time.perf_counter() - began:.2f} s (untimed)")
        ids = [a.id for a in library.articles() if library.analysis(a.id) is not None][: reps]
        for article_id in ids:
            library.save_analysis(article_id, library.analysis(article_id))  # as if just analysed
            await open_article(app, library, article_id)
            await until(lambda: isinstance(app.screen, ArticleScreen) and app.screen.analysis is not None)
            await refreshed(app)
            for case in ("new", "again"):
                began = time.perf_counter()
                send_key(app, "r")
                await until(lambda: isinstance(app.screen, RelatedScreen))
                await refreshed(app)
                samples[f"{case} appear"].append(time.perf_counter() - began)
                await until(lambda: filled(app))
                await refreshed(app)
                samples[f"{case} filled"].append(time.perf_counter() - began)
                await back_to(app, ArticleScreen)
            samples["baseline"].append(await key_until_drawn(app, "f9", lambda: isinstance(app.screen, BareModal)))
            await back_to(app, ArticleScreen)
            send_key(app, "escape")
            await until(lambda: not isinstance(app.screen, ArticleScreen))
    library.close()
    return samples


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--library", type=Path, required=True, help="an analysed library (copied first)")
    parser.add_argument("--reps", type=int, default=5)
    options = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="related-bench-"))
    try:
        home = work / "home"
        shutil.copytree(options.library, home)
        samples = asyncio.run(measure(home, options.reps))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    baseline = statistics.median(samples["baseline"])
    print(f"{'':14} {'median ms':>10} {'ratio':>7}")
    for name, values in samples.items():
        median = statistics.median(values)
        print(f"{name:14} {median * 1000:10.1f} {median / baseline:7.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
