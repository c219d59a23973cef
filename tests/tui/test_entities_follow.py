"""The Entities screen as a user found it: it follows a merge made by another process
(`reader entity X --merge-into Y`) while it shows, its filter finds an entity by the
names merged into it ("tory" finds Conservative Party), and its help says that space
marks a name and moves down."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, Input

from reader.core.analysis import ANALYZER_VERSION
from reader.core.model import Analysis, Article, Entity
from reader.core.store import Library
from reader.tui.screens.entities import EntitiesScreen
from reader.tui.screens.help import HelpScreen
from reader.tui.widgets.entity_rows import EntityRows
from tui_helpers import SIZE, MakeApp, MakeArticle, run

ROOT = Path(__file__).resolve().parents[2]
TEXT = ("Beverly Hughes spoke for Labour. Beverley Hughes said the Tories and the Tory press were wrong. "
        "The Conservative Party and the Liberal Democrats disagreed; the Lib Dems abstained.")
NAMES = [("Beverly Hughes", "PER"), ("Beverley Hughes", "PER"), ("Labour", "ORG"), ("Tories", "ORG"),
         ("Tory", "ORG"), ("Conservative Party", "ORG"), ("Liberal Democrats", "ORG"), ("Lib Dems", "ORG")]


def cli(home: Path, *args: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "reader", "--home", str(home), *args], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


@pytest.fixture
def politics(library: Library, make_article: MakeArticle) -> Article:
    article = make_article("Vote", [TEXT])
    entities = []
    for surface, kind in NAMES:
        start = TEXT.find(f"{surface} ") if surface == "Tory" else TEXT.find(surface)
        entities.append(Entity(start, start + len(surface), kind, surface, surface))  # type: ignore[arg-type]
    entities.sort(key=lambda e: e.start)
    library.save_analysis(article.id, Analysis(ANALYZER_VERSION, tuple(entities)))
    return article


async def open_entities(pilot: Any) -> EntitiesScreen:
    await pilot.press("ctrl+n")
    await pilot.pause()
    await pilot.app.entities.wait()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, EntitiesScreen)
    return screen


def names(screen: EntitiesScreen) -> list[str]:
    return [summary.name for summary in screen.query_one(EntityRows).summaries]


def test_a_merge_made_by_another_process_shows_without_leaving_the_screen(
    politics: Article, library: Library, make_app: MakeApp
) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_entities(pilot)
            assert {"Beverly Hughes", "Beverley Hughes"} <= set(names(screen))
            await asyncio.to_thread(cli, library.home, "entity", "Beverly Hughes", "--merge-into", "Beverley Hughes")
            for _ in range(60):  # the screen looks at the library every two seconds
                if "Beverly Hughes" not in names(screen):
                    break
                await pilot.pause(0.1)
            assert app.screen is screen
            assert "Beverly Hughes" not in names(screen) and "Beverley Hughes" in names(screen)

    run(scenario())


def test_the_filter_finds_an_entity_by_the_names_merged_into_it(
    politics: Article, library: Library, make_app: MakeApp
) -> None:
    library.save_aliases({"Tories": "Conservative Party", "Tory": "Conservative Party",
                          "Lib Dems": "Liberal Democrats"})

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_entities(pilot)
            assert "Tories" not in names(screen)
            await pilot.press(*"tory")
            await pilot.pause()
            assert names(screen) == ["Conservative Party"]
            field = screen.query_one("#entity-filter", Input)
            field.value = ""
            await pilot.press(*"lib dem")
            await pilot.pause()
            assert names(screen) == ["Liberal Democrats"]
            await pilot.press("enter")  # opens the entity found by its other name
            await pilot.pause()
            assert app.screen.page.name == "Liberal Democrats"  # type: ignore[attr-defined]

    run(scenario())


def test_the_help_says_space_marks_a_name_and_moves_down(politics: Article, make_app: MakeApp) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_entities(pilot)
            await pilot.press("down")  # from the filter to the list
            entity_rows = screen.query_one(EntityRows)
            first = entity_rows.highlighted_name
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            table = app.screen.query_one(DataTable)
            cells = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
            assert ["space", "Mark ↓", "entities.mark"] in cells
            await pilot.press("escape", "space")  # does what the help says
            await pilot.pause()
            assert entity_rows.marked == [first] and entity_rows.highlighted_name not in (None, first)

    run(scenario())
