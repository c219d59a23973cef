"""The article as a whole: star, unread, tags, and reading on with [ and ]."""

from __future__ import annotations

from textual.widgets import Static

from reader.core.store import Library
from reader.tui.screens.article import ArticleScreen
from reader.tui.screens.library import LibraryScreen
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.block import BlockView

from tui_helpers import SIZE, MakeApp, MakeArticle, run


def meta_text(app: object) -> str:
    return str(app.screen.query_one("#meta", Static).visual)  # type: ignore[attr-defined]


def test_s_stars_and_unstars_the_article(library: Library, make_article: MakeArticle, make_app: MakeApp) -> None:
    async def scenario() -> None:
        article = make_article("Story", ["Text."])
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter", "s")
            await pilot.pause()
            assert "★" in meta_text(app)
            assert library.article(article.id).starred
            await pilot.press("s")
            await pilot.pause()
            assert "★" not in meta_text(app)
            assert not library.article(article.id).starred

    run(scenario())


def test_u_marks_the_article_unread_and_it_stays_unread(library: Library, make_article: MakeArticle, make_app: MakeApp) -> None:
    async def scenario() -> None:
        article = make_article("Story", ["Text."])
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter")
            await pilot.pause()
            assert library.article(article.id).read
            await pilot.press("u")
            await pilot.pause()
            assert "unread" in meta_text(app)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, LibraryScreen)
        assert not library.article(article.id).read

    run(scenario())


def test_brackets_read_the_next_and_previous_article_of_the_list(
    library: Library, make_article: MakeArticle, make_app: MakeApp
) -> None:
    async def scenario() -> None:
        from datetime import date

        first = make_article("Newest", ["Newest text."], published=date(2025, 3, 3))
        second = make_article("Middle", ["Middle text."], published=date(2025, 3, 2))
        make_article("Oldest", ["Oldest text."], published=date(2025, 3, 1))
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ArticleScreen)
            await pilot.press("left_square_bracket")  # nothing before the first
            await pilot.pause()
            assert screen.article.id == first.id
            await pilot.press("right_square_bracket")
            await pilot.pause()
            assert app.screen is screen and screen.article.id == second.id
            assert [str(v.visual) for v in screen.query(BlockView)] == ["Middle text."]
            assert library.article(second.id).read
            await pilot.press("right_square_bracket", "right_square_bracket")  # the last stays
            await pilot.pause()
            assert [str(v.visual) for v in screen.query(BlockView)] == ["Oldest text."]
            await pilot.press("left_square_bracket")
            await pilot.pause()
            assert screen.article.id == second.id
            await pilot.press("escape")
            await pilot.pause()
            # Back in the library on the article last read.
            assert app.screen.query_one(ArticleList).highlighted_article_id == second.id

    run(scenario())
