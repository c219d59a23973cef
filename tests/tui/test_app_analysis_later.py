"""A page `reader add` stored without its analysis (made by the next reader that needs it):
the app shows the same entities and quotes as when `add` analysed it, whether it was added
before the app started or while it runs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from reader.cli import main
from reader.core.ingest.batch import read_one
from reader.core.store import Library
from reader.tui.screens.article import ArticleScreen
from reader.tui.screens.entities import EntitiesScreen
from reader.tui.widgets.entity_rows import EntityRows

from tui_helpers import SIZE, MakeApp, run

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "tests" / "fixtures" / "html" / "article.html"
TITLE = "Harbour towns brace for record spring tides"


def expected() -> Any:
    """The analysis `reader add` stored with the page before it left it for later."""
    read = read_one(PAGE)
    assert read.analysis is not None and read.analysis.quotes and read.analysis.entities
    return read.analysis


def cli(home: Path, *args: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "reader", "--home", str(home), *args], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def found(app: Any, query: str) -> list[str]:
    return [hit.title for hit in app.search.index.search(query, articles=True).hits]


async def entity_rows(pilot: Any) -> list[str]:
    await pilot.press("ctrl+n")
    await pilot.pause()
    await pilot.app.entities.wait()
    await pilot.pause()
    assert isinstance(pilot.app.screen, EntitiesScreen)
    return pilot.app.screen.query_one(EntityRows).row_texts()


def test_a_page_added_before_the_app_starts_shows_its_names_and_quotes(library: Library, make_app: MakeApp) -> None:
    assert main(["--home", str(library.home), "add", str(PAGE)]) == 0
    assert library.unanalysed()  # left for later
    analysis = expected()

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            app.search.request()
            await app.search.wait()
            assert found(app, "said-by:shah") == [TITLE] and found(app, "person:reilly") == [TITLE]
            rows = await entity_rows(pilot)
            assert any(" Anita Shah " in r and "2 quotes" in r for r in rows), rows
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("enter")  # the newest article: the page
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ArticleScreen) and screen.article.title == TITLE
            assert screen.analysis == analysis

    run(scenario())


def test_a_page_added_while_the_app_runs_is_analysed_and_found(library: Library, make_app: MakeApp) -> None:
    analysis = expected()

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            app.search.request()
            await app.search.wait()
            assert found(app, "said-by:shah") == []
            cli(library.home, "add", str(PAGE))  # another process, as a user's shell would
            app.search.refresh()  # as a screen coming into view does
            for _ in range(3):  # the analysis, then the index re-read that it starts
                await pilot.pause()
                await app.workers.wait_for_complete()
            assert library.unanalysed() == []
            page = next(a for a in library.articles() if a.title == TITLE)
            assert library.analysis(page.id) == analysis
            assert found(app, "said-by:shah") == [TITLE] and found(app, "person:reilly") == [TITLE]
            rows = await entity_rows(pilot)
            assert any(" Anita Shah " in r and "2 quotes" in r for r in rows), rows

    run(scenario())
