"""The library's density and width: `c` for one line per article (remembered), and rows that
stop at a readable width on a wide screen."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from reader.core.model import Article, Block
from reader.core.settings import SETTINGS_FILE
from reader.core.store import Library
from reader.tui.screens.library import MAX_WIDTH
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.library_sidebar import LibrarySidebar
from tui_helpers import SIZE, MakeApp, run

COUNT = 60


@pytest.fixture
def many(library: Library) -> None:
    for i in range(COUNT):
        article = Article.create(f"Story {i:02d} " + "and a long title " * (3 * (i % 4)), [Block("paragraph", f"Body {i}.")],
                                 source="The Harbour Gazette of the Long Estuary" if i % 2 else "Wire", author="Ann")
        article.added = datetime(2025, 1, 1, tzinfo=timezone.utc) + timedelta(hours=COUNT - i)
        article.published = article.added.date()
        stored = library.add(article)[0]
        if i % 3 == 0:
            library.update_article(stored.id, starred=True)
        if i % 5 == 0:
            library.tag_article(stored.id, add=["port"])


def on_screen(app: object) -> list[str]:
    """The stories whose titles are drawn in the list's visible lines, top to bottom."""
    rows = app.screen.query_one(ArticleList)  # type: ignore[attr-defined]
    lines = [rows.render_line(y).text for y in range(rows.scrollable_content_region.height)]
    return [word for line in lines for word in line.split() if word.isdigit() and len(word) == 2]


def test_c_shows_one_line_per_article_and_is_remembered(many: None, make_app: MakeApp, config_dir: Path) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            normal = on_screen(app)
            await pilot.press("j", "j")
            await pilot.press("c")
            await pilot.pause()
            compact = on_screen(app)
            assert len(normal) <= 13 and len(compact) >= 33  # ~a third of the rows, then ~35 of 40 lines
            assert compact[:3] == ["00", "01", "02"]
            assert app.screen.query_one(ArticleList).highlighted_article.title.startswith("Story 02")
            rows = app.screen.query_one(ArticleList)
            line = rows.render_line(3).text  # Story 03: the long source cut to its column, the title to the width
            assert "  3 Jan 2025  The Harbour Gazet…  Story 03 and a long title" in line
            assert line.rstrip().endswith("…") and len(line) == rows.scrollable_content_region.width
        assert json.loads((config_dir / SETTINGS_FILE).read_text())["compact"] is True

        again = make_app()  # the next start
        async with again.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert len(on_screen(again)) >= 33
            await pilot.press("c")
            await pilot.pause()
            assert len(on_screen(again)) <= 13
        assert json.loads((config_dir / SETTINGS_FILE).read_text())["compact"] is False

    run(scenario())


def test_rows_stop_at_a_readable_width_on_a_wide_screen(many: None, make_app: MakeApp) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(240, 50)) as pilot:
            await pilot.pause()
            rows = app.screen.query_one(ArticleList)
            assert rows.region.width == MAX_WIDTH <= 120
            assert app.screen.query_one("#filter").region.right <= rows.region.right
        async with make_app().run_test(size=(100, 40)) as pilot:
            await pilot.pause()
            rows = pilot.app.screen.query_one(ArticleList)
            assert rows.region.right == 100  # a narrow screen: the list takes what there is

    run(scenario())


def test_below_100_columns_the_side_panel_starts_hidden_and_v_or_p_shows_it(many: None, make_app: MakeApp) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            sidebar = app.screen.query_one(LibrarySidebar)
            articles = app.screen.query_one(ArticleList)
            assert not sidebar.display and articles.region.width > 70  # the titles get the room
            await pilot.press("p")
            await pilot.pause()
            assert sidebar.display and app.focused is articles
            await pilot.press("p")
            await pilot.pause()
            assert not sidebar.display
            await pilot.press("v")  # to the views: shown and focused
            await pilot.pause()
            assert sidebar.display and app.focused is sidebar
            await pilot.press("p")  # hidden again: the focus goes back to the list
            await pilot.pause()
            assert not sidebar.display and app.focused is articles
        async with make_app().run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert pilot.app.screen.query_one(LibrarySidebar).display

    run(scenario())


def test_narrowing_the_terminal_hides_the_side_panel_unless_the_user_chose(many: None, make_app: MakeApp) -> None:
    """A newsboat user resized to 60 columns and the panel kept its room, every count wrapped."""
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            sidebar = app.screen.query_one(LibrarySidebar)
            assert sidebar.display
            await pilot.press("v")  # the focus in the panel, as the user had it
            await pilot.resize_terminal(60, 20)
            await pilot.pause()
            assert not sidebar.display and app.focused is app.screen.query_one(ArticleList)
            await pilot.resize_terminal(120, 40)
            await pilot.pause()
            assert sidebar.display
            await pilot.press("p")  # hidden by hand: a resize leaves it so
            await pilot.resize_terminal(110, 40)
            await pilot.pause()
            assert not sidebar.display

    run(scenario())


def test_an_article_another_process_adds_shows_in_the_open_list(
    many: None, make_app: MakeApp, library: Library,
) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            before = app.screen.query_one(ArticleList).option_count
            other = Library(library.home)  # as `reader add` in another terminal
            other.add(Article.create("Fresh from the command line", [Block("paragraph", "A new story.")]))
            other.close()
            for _ in range(50):  # the list looks every two seconds
                await pilot.pause(0.1)
                if app.screen.query_one(ArticleList).option_count > before:
                    break
            assert app.screen.query_one(ArticleList).option_count == before + 1

    run(scenario())
