"""How quickly the real app becomes usable, against bare Textual apps showing the same text.

Run it from the repository root:

    .venv/bin/python bench/tui.py                 # 5 repetitions; ~1-2 minutes
    .venv/bin/python bench/tui.py --reps 3 --data ../shared/data/bbc
    .venv/bin/python bench/tui.py --library /tmp/bbc-lib   # import once, reuse on later runs

Everything runs headless (`App.run_test(size=(120, 40))`), in one process, one harness:

  start    from constructing the app (for the reader: opening the Library too) to an
           interactive list: every row is in the list and a `down` key press has moved
           the highlight (or scrolled, for Markdown). The reader shows the 2,225 BBC
           articles on the library screen. Baselines:
             OptionList  a bare App with one OptionList of the 2,225 titles (the widget
                         the reader's list is built on: the cost of everything else);
             Markdown    a bare App with one Markdown bullet list of the 2,225 titles
                         (a widget per item: ~40 s, so --markdown-reps, default 1).
  open     from pressing Enter on the longest BBC article in the library to its screen
           showing the entity layer (`screen.analysis` set and a refresh done).
             cold  no analysis/<id>.json: the tagger runs (its model already loaded by
                   an untimed first open, which is reported on its own);
             warm  the analysis file is read back.
           Baseline: a bare App where Enter pushes a screen with the article's text
           (title as a heading, one paragraph per block) in one Markdown widget, timed
           until every block is mounted and a refresh done.

Each repetition starts with the collector as a new process has it (`fresh_heap`): earlier
apps collected, nothing frozen. The BBC files are imported once into a temporary library
(timed and reported, not part of any ratio) and that library is reused by every
repetition. Medians over --reps; ratio = reader / baseline (above 1 means the reader is slower).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from textual.app import App, ComposeResult  # noqa: E402
from textual.binding import Binding  # noqa: E402
from textual.containers import VerticalScroll  # noqa: E402
from textual.screen import Screen  # noqa: E402
from textual.widgets import Markdown, OptionList, Static  # noqa: E402

from reader.core.model import Article  # noqa: E402
from bbc import SIZE, import_bbc, refreshed, until  # noqa: E402
from reader.core.store import Library  # noqa: E402
from reader.tui.app import ReaderApp  # noqa: E402
from reader.tui.screens.article import ArticleScreen  # noqa: E402
from reader.tui.widgets.article_list import ArticleList  # noqa: E402


# -- start: the library list -----------------------------------------------------------------


class TitlesOptionList(App[None]):
    """Baseline: the titles in a bare OptionList."""

    def __init__(self, titles: list[str]) -> None:
        super().__init__()
        self.titles = titles

    def compose(self) -> ComposeResult:
        yield OptionList(*self.titles)

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()


class TitlesMarkdown(App[None]):
    """Baseline: the titles as one Markdown bullet list, scrolled with the keyboard."""

    def __init__(self, titles: list[str]) -> None:
        super().__init__()
        self.markdown = "\n".join(f"- {title}" for title in titles)

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Markdown(self.markdown)

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()


async def start_reader(home: Path, config: Path, count: int) -> float:
    began = time.perf_counter()
    library = Library(home)
    app = ReaderApp(library, config_dir=config)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await until(lambda: isinstance(app.screen.focused, ArticleList) and app.screen.focused.option_count == count)
            articles = app.screen.query_one(ArticleList)
            await until(lambda: articles.highlighted == 0)
            await pilot.press("down")
            await until(lambda: articles.highlighted == 1)
            elapsed = time.perf_counter() - began
    finally:
        library.close()
    return elapsed


async def start_option_list(titles: list[str]) -> float:
    began = time.perf_counter()
    app = TitlesOptionList(titles)
    async with app.run_test(size=SIZE) as pilot:
        options = app.query_one(OptionList)
        await until(lambda: options.option_count == len(titles) and options.has_focus)
        await pilot.press("down")
        await until(lambda: options.highlighted == 1)
        elapsed = time.perf_counter() - began
    return elapsed


async def start_markdown(titles: list[str]) -> float:
    began = time.perf_counter()
    app = TitlesMarkdown(titles)
    async with app.run_test(size=SIZE) as pilot:
        scroll = app.query_one(VerticalScroll)
        await until(lambda: scroll.max_scroll_y > 0 and scroll.has_focus)
        await pilot.press("down")
        await until(lambda: scroll.scroll_y > 0)
        elapsed = time.perf_counter() - began
    return elapsed


# -- open: the longest article ---------------------------------------------------------------


def article_markdown(article: Article) -> str:
    blocks = article.blocks or []
    return "\n\n".join([f"# {article.title}", *(block.text for block in blocks)])


class ArticleMarkdownScreen(Screen[None]):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Markdown(self.text)


class OpenMarkdown(App[None]):
    """Baseline: Enter pushes a screen with the article in one Markdown widget."""

    BINDINGS = [Binding("enter", "open", "Open")]

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        yield Static("Press Enter")

    def action_open(self) -> None:
        self.push_screen(ArticleMarkdownScreen(self.text))


async def open_markdown(text: str) -> float:
    expected = text.count("\n\n") + 1
    app = OpenMarkdown(text)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        began = time.perf_counter()
        await pilot.press("enter")
        await until(lambda: isinstance(app.screen, ArticleMarkdownScreen))
        markdown = app.screen.query_one(Markdown)
        await until(lambda: len(markdown.children) >= expected)
        await refreshed(app)
        elapsed = time.perf_counter() - began
    return elapsed


async def open_reader(home: Path, config: Path, article_id: str) -> float:
    library = Library(home)
    app = ReaderApp(library, config_dir=config, read_ahead=None)  # the open alone, no background build beside it
    try:
        async with app.run_test(size=SIZE) as pilot:
            await until(lambda: isinstance(app.screen.focused, ArticleList) and app.screen.focused.option_count > 0)
            articles = app.screen.query_one(ArticleList)
            articles.highlight_article(article_id)
            await until(lambda: articles.highlighted_article_id == article_id)
            await pilot.pause()
            began = time.perf_counter()
            await pilot.press("enter")
            await until(lambda: isinstance(app.screen, ArticleScreen) and app.screen.analysis is not None)
            await refreshed(app)
            elapsed = time.perf_counter() - began
            assert app.screen.analysis is not None and app.screen.analysis.entities
    finally:
        library.close()
    return elapsed


# -- the run -------------------------------------------------------------------------------


def fresh_heap() -> None:
    """The collector as a new process has it: the apps of earlier repetitions collected, and
    nothing frozen (the reader freezes what is alive when its first article opens, once a
    process: without this, only the first app of this process would be timed that way)."""
    gc.collect()
    gc.unfreeze()


def repeat(reps: int, measure: Callable[[], Awaitable[float]], before: Callable[[], None] | None = None) -> list[float]:
    samples = []
    for _ in range(reps):
        if before:
            before()
        fresh_heap()
        samples.append(asyncio.run(measure()))
    return samples


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "bbc", help="the BBC folder")
    parser.add_argument("--reps", type=int, default=5, help="repetitions per measurement (medians reported)")
    parser.add_argument("--markdown-reps", type=int, default=1,
                        help="repetitions of the (very slow) Markdown list of titles baseline; 0 skips it")
    parser.add_argument("--dir", type=Path, default=None, help="where the temporary library goes")
    parser.add_argument("--library", type=Path, default=None,
                        help="keep the imported library here and reuse it if it is already there")
    options = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="tui-bench-", dir=options.dir))
    try:
        home, config = options.library or work / "home", work / "config"
        config.mkdir()
        if options.library and (home / "library.json").exists():
            library = Library(home)
            print(f"import: reused the library in {home}; reps={options.reps}")
        else:
            library, files, import_s = import_bbc(options.data, home)
            print(f"import: {files} files -> {len(library.articles())} articles in {import_s:.1f} s"
                  f" (not timed below; duplicates are added once); reps={options.reps}")
        summaries = library.articles()
        titles = [a.title for a in summaries]
        longest = max((library.article(a.id) for a in summaries), key=lambda a: len(a.text))
        library.close()
        count = len(summaries)
        text = article_markdown(longest)
        words = len(longest.text.split())
        print(f"longest article: {longest.title!r}, {words:,} words, {len(longest.blocks or [])} blocks")
        analysis_file = home / "analysis" / f"{longest.id}.json"

        def forget_analysis() -> None:
            analysis_file.unlink(missing_ok=True)

        rows: list[tuple[str, list[float], str, list[float]]] = []
        reader_start = repeat(options.reps, lambda: start_reader(home, config, count))
        rows.append(("start -> interactive library", reader_start, "bare OptionList of titles",
                     repeat(options.reps, lambda: start_option_list(titles))))
        if options.markdown_reps:
            rows.append(("start -> interactive library", reader_start,
                         f"bare Markdown list of titles ({options.markdown_reps}x)",
                         repeat(options.markdown_reps, lambda: start_markdown(titles))))
        forget_analysis()
        fresh_heap()
        first = asyncio.run(open_reader(home, config, longest.id))  # imports the tagger, loads its model
        baseline_open = repeat(options.reps, lambda: open_markdown(text))
        rows.append(("Enter -> entities drawn, cold", repeat(options.reps, lambda: open_reader(home, config, longest.id), forget_analysis),
                     "bare Markdown of the text", baseline_open))
        rows.append(("Enter -> entities drawn, warm", repeat(options.reps, lambda: open_reader(home, config, longest.id)),
                     "bare Markdown of the text", baseline_open))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    ms = 1000
    print(f"first cold open in the process (tagger import + model load): {first * ms:.0f} ms (not in the table)")
    print()
    print("medians in ms; ratio = reader / baseline")
    print(f"{'measurement':<31} | {'reader':>8} | {'baseline':<34} {'':>8} | {'ratio':>6}")
    print("-" * 99)
    for name, ours, label, theirs in rows:
        ours_med, theirs_med = statistics.median(ours), statistics.median(theirs)
        print(f"{name:<31} | {ours_med * ms:>8.0f} | {label:<34} {theirs_med * ms:>8.0f} | {ours_med / theirs_med:>5.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
