"""How fast the entity ledger answers on the BBC library, against loading the library.

Run it from the repository root:

    .venv/bin/python bench/entities.py                          # reuses /work/tmp-search-lib if there
    .venv/bin/python bench/entities.py --library /tmp/search-lib # a library of bench/search.py's shape
    .venv/bin/python bench/entities.py --reps 20 --no-tui

The library: bench/search.py's (the 2,225 BBC files imported with their analyses stored,
50,000 notes), reused from --library (default /work/tmp-search-lib when it exists), else
built into a temporary folder exactly as bench/search.py builds it (several minutes).

Measured, in one process, medians over --reps after one untimed warm-up:

  load      the baseline: `Library(home).articles()` (open the library, list every article).
  index     `SearchIndex.build(library)` from its cache (search-index.cache): what the app
            holds anyway once the library screen or a search has run.
  build     `Ledger.build(library, index)` on that index: every entity's articles, mentions,
            quotes and notes (passages and note texts), aliases applied, summaries sorted.
  summaries `ledger.summaries()` on a built ledger (what the Entities screen lists).
  page      `ledger.page(name)` for the PER entity in most articles, one in about ten, and
            one in a single article (the quotes' wording cache emptied before each call).
  related   `ledger.related(article)` for the newest article naming the frequent entity:
            cold (the tf-idf vectors rebuilt first, as after any change) and warm.
  tui       headless in the app (`ReaderApp.run_test`, 120x40), after the app's read-ahead
            has built the index and ledger (0.5 s after start here, 2 s in the app) and
            prepared the Entities screen (composed, laid out and drawn unseen): from a key,
            sent as the terminal driver sends it, to the screen drawn and refreshed once
            more: ctrl+n -> the Entities screen with its rows (first and second opening);
            Enter on the filter holding the frequent entity's name -> its page, then
            another entity's page (one page screen, shown again for each entity). The
            filter rests 0.3 s first, as a user's highlight does, so the page has been read
            ahead (its cost is the `page` rows above) and the page screen prepared.
            Keys do not go through Pilot's `press`, which waits for the app to be idle
            (at least 2 x 20 ms) and so times its own polling; `tui floor` is a bare
            Textual app pushing a one-Static screen, timed the same way.

ratio = time / load (below 1: faster than listing the library).
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.core.entities.ledger import Ledger  # noqa: E402
from reader.core.search.index import SearchIndex  # noqa: E402
from reader.core.store import Library  # noqa: E402
from bbc import SIZE, key_until_drawn, send_key, timed, until  # noqa: E402

DEFAULT_LIBRARY = Path("/work/tmp-search-lib")


def load(home: Path) -> int:
    library = Library(home)
    try:
        return len(library.articles())
    finally:
        library.close()


def pick(ledger: Ledger) -> dict[str, str]:
    people = [s for s in ledger.summaries() if s.type == "PER"]
    frequent = people[0]
    mid = next((s for s in people if s.articles <= 10), people[len(people) // 2])
    rare = next((s for s in people if s.articles == 1 and s.quotes), people[-1])
    return {
        f"frequent ({frequent.articles} art.)": frequent.name,
        f"mid ({mid.articles} art.)": mid.name,
        f"rare ({rare.articles} art.)": rare.name,
    }


# -- the app ----------------------------------------------------------------------------------


async def tui_run(home: Path, config: Path, names: tuple[str, str]) -> tuple[float, ...]:
    """(first Entities open, second open, Enter -> first page, Enter -> another page) in seconds."""
    from textual.widgets import Input

    from reader.tui.app import ReaderApp
    from reader.tui.screens.entities import EntitiesScreen
    from reader.tui.screens.entity_page import EntityPageScreen
    from reader.tui.widgets.article_list import ArticleList
    from reader.tui.widgets.entity_rows import EntityRows

    library = Library(home)
    app = ReaderApp(library, config_dir=config, read_ahead=0.5)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await until(lambda: isinstance(app.screen.focused, ArticleList) and app.screen.focused.option_count > 0)
            await until(lambda: app.entities.ready)  # the app's read-ahead after start-up
            await app.workers.wait_for_complete()
            await pilot.pause(0.5)

            def entities_drawn() -> bool:
                return isinstance(app.screen, EntitiesScreen) and app.screen.query_one(EntityRows).option_count > 0

            async def back_to_entities() -> None:
                send_key(app, "escape")
                await until(lambda: isinstance(app.screen, EntitiesScreen))
                await pilot.pause(0.3)

            async def open_page(name: str) -> float:
                app.screen.query_one(Input).value = name
                await pilot.pause(0.3)  # the filter settles; the highlighted name's page is read ahead
                took = await key_until_drawn(app, "enter", lambda: isinstance(app.screen, EntityPageScreen))
                assert app.screen.page.name == name, app.screen.page.name
                return took

            first = await key_until_drawn(app, "ctrl+n", entities_drawn)
            send_key(app, "escape")
            await until(lambda: not isinstance(app.screen, EntitiesScreen))
            await app.workers.wait_for_complete()  # the library screen reloads on resume: not ours to time
            await pilot.pause(0.5)
            second = await key_until_drawn(app, "ctrl+n", entities_drawn)
            page = await open_page(names[0])
            await back_to_entities()
            other = await open_page(names[1])
    finally:
        library.close()
    return first, second, page, other


async def floor_run() -> list[float]:
    """A bare Textual app pushing a one-line screen, timed the same way: the harness's floor."""
    from textual.app import App, ComposeResult
    from textual.screen import Screen
    from textual.widgets import Static

    class Bare(Screen[None]):
        BINDINGS = [("escape", "app.pop_screen", "Back")]

        def compose(self) -> ComposeResult:
            yield Static("a screen")

    class FloorApp(App[None]):
        BINDINGS = [("ctrl+n", "bare", "Bare")]

        def action_bare(self) -> None:
            self.push_screen(Bare())

    app = FloorApp()
    samples = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        for _ in range(5):
            samples.append(await key_until_drawn(app, "ctrl+n", lambda: isinstance(app.screen, Bare)))
            send_key(app, "escape")
            await until(lambda: not isinstance(app.screen, Bare))
            await pilot.pause(0.2)
    return samples


def screens_landed() -> bool:
    import subprocess

    log = subprocess.run(
        ["git", "log", "--oneline", "-1", "--", "reader/tui/screens/entities.py"],
        cwd=ROOT, capture_output=True, text=True,
    )
    return bool(log.stdout.strip())


# -- the run ------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "bbc", help="the BBC folder")
    parser.add_argument("--library", type=Path, default=None,
                        help=f"reuse (or build and keep) the library here (default: {DEFAULT_LIBRARY} if it exists)")
    parser.add_argument("--dir", type=Path, default=None, help="where a temporary library goes")
    parser.add_argument("--reps", type=int, default=10, help="timed repetitions (medians reported)")
    parser.add_argument("--tui-reps", type=int, default=3, help="app runs for the screen timings")
    parser.add_argument("--no-tui", action="store_true", help="skip the app timings")
    parser.add_argument("--seed", type=int, default=5)
    options = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="entities-bench-", dir=options.dir))
    try:
        home = options.library or (DEFAULT_LIBRARY if (DEFAULT_LIBRARY / "library.json").exists() else work / "home")
        if (home / "library.json").exists():
            print(f"library: reused {home}")
        else:
            sys.path.insert(0, str(ROOT / "bench"))
            from search import build_library  # type: ignore[import-not-found]

            build_library(options.data, home, options.seed).close()

        library = Library(home)
        SearchIndex.build(library)  # writes the cache if it was stale, untimed
        articles = len(library.articles())
        index = SearchIndex.build(library)
        ledger = Ledger.build(library, index)
        summaries = ledger.summaries()
        print(f"{articles:,} articles, {len(index.notes.live):,} notes, {len(summaries):,} entities, "
              f"{sum(s.quotes for s in summaries):,} attributed quotes; reps={options.reps}")

        rows: list[tuple[str, list[float]]] = []
        rows.append(("load: Library(home).articles()", timed(options.reps, lambda: load(home))[0]))
        rows.append(("index: SearchIndex.build (cache)", timed(options.reps, lambda: SearchIndex.build(library))[0]))
        rows.append(("build: Ledger.build(lib, index)", timed(options.reps, lambda: Ledger.build(library, index))[0]))
        rows.append(("index + build", timed(options.reps, lambda: Ledger.build(library, SearchIndex.build(library)))[0]))
        rows.append(("summaries()", timed(options.reps, ledger.summaries)[0]))
        names = pick(ledger)
        for label, name in names.items():
            page = ledger.page(name)
            rows.append((f"page {label}", timed(options.reps, lambda name=name: ledger.page(name),
                                                 ledger._quote_cache.clear)[0]))
            print(f"page {label}: {name!r}: {len(page.articles)} articles, {len(page.quotes)} quotes, "
                  f"{len(page.notes)} notes")
        frequent = next(iter(names.values()))
        article = ledger.page(frequent).articles[0]
        related = ledger.related(article.id)
        print(f"related to {article.title!r}: " + "; ".join(f"{r.title!r} {s:.2f}" for r, s in related[:3]))

        def forget_vectors() -> None:
            ledger._vectors = None

        rows.append(("related(article), cold", timed(options.reps, lambda: ledger.related(article.id), forget_vectors)[0]))
        rows.append(("related(article), warm", timed(options.reps, lambda: ledger.related(article.id))[0]))
        library.close()

        tui_note = ""
        if options.no_tui:
            tui_note = "app timings skipped (--no-tui)"
        elif not screens_landed():
            tui_note = ("app timings not run: the Entities screens (reader/tui/screens/entities.py) "
                        "are not committed yet")
        else:
            config = work / "config"
            config.mkdir()
            mid = list(names.values())[1]
            samples = [asyncio.run(tui_run(home, config, (frequent, mid))) for _ in range(options.tui_reps)]
            rows.append(("tui: ctrl+n -> Entities (1st)", [s[0] for s in samples]))
            rows.append(("tui: ctrl+n -> Entities (2nd)", [s[1] for s in samples]))
            rows.append(("tui: Enter -> page (frequent)", [s[2] for s in samples]))
            rows.append(("tui: Enter -> page (mid, 2nd page)", [s[3] for s in samples]))
            rows.append(("tui floor: bare screen push", asyncio.run(floor_run())))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    ms = 1000
    base = statistics.median(rows[0][1])
    print()
    print("medians in ms; ratio = time / load")
    print(f"{'measurement':<36} | {'median':>9} | {'min':>9} | {'ratio':>7}")
    print("-" * 70)
    for name, samples in rows:
        median = statistics.median(samples)
        print(f"{name:<36} | {median * ms:>9.2f} | {min(samples) * ms:>9.2f} | {median / base:>6.2f}x")
    if tui_note:
        print(tui_note)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
