"""The app as a user meets it: the library list, opening an article, going back, quitting."""

from __future__ import annotations

import sys
import types

import pytest

from reader.core.store import Library
from reader.tui.screens.article import ArticleScreen
from reader.tui.screens.library import LibraryScreen
from reader.tui.widgets.article_list import UNREAD_MARK, ArticleList
from reader.tui.widgets.block import BlockView

from tui_helpers import SIZE, MakeApp, MakeArticle, header_text, row_texts, run


def test_an_empty_library_gets_the_two_seed_articles(library: Library, make_app: MakeApp) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, LibraryScreen)
            assert len(row_texts(app)) == 2
            assert header_text(app) == "reader — 2 articles"
        assert len(library.articles()) == 2

    run(scenario())


def test_enter_opens_the_article_and_escape_goes_back(make_article: MakeArticle, make_app: MakeApp) -> None:
    async def scenario() -> None:
        make_article("First story", ["One paragraph.", "Another paragraph."])
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert header_text(app) == "reader — 1 article"
            assert isinstance(app.focused, ArticleList)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ArticleScreen)
            assert [str(view.visual) for view in app.screen.query(BlockView)] == ["One paragraph.", "Another paragraph."]
            assert app.focused is app.screen.query_one("#reading")
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, LibraryScreen)

    run(scenario())


def test_a_click_opens_the_article(make_article: MakeArticle, make_app: MakeApp) -> None:
    async def scenario() -> None:
        make_article("Clicked story", ["Text."])
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.click(ArticleList, offset=(5, 0))
            await pilot.pause()
            assert isinstance(app.screen, ArticleScreen)

    run(scenario())


def test_opening_marks_the_article_read(library: Library, make_article: MakeArticle, make_app: MakeApp) -> None:
    async def scenario() -> None:
        article = make_article("Unread story", ["Text."])
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert row_texts(app)[0].endswith(UNREAD_MARK)
            await pilot.press("enter", "escape")
            await pilot.pause()
            assert library.article(article.id).read
            assert not row_texts(app)[0].endswith(UNREAD_MARK)

    run(scenario())


def test_the_reading_place_is_kept_and_restored(
    library: Library, make_article: MakeArticle, make_app: MakeApp
) -> None:
    async def scenario() -> None:
        article = make_article("Long story", [f"Paragraph {i} " + "word " * 40 for i in range(60)])
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ArticleScreen)
            screen.query_one("#reading").scroll_to_widget(list(screen.query(BlockView))[20], top=True, animate=False)
            await pilot.pause()
            assert screen.reading.top_block() == 20
            await pilot.press("escape")
            await pilot.pause()
            assert library.article(article.id).position == 20
            await pilot.press("enter")
            await pilot.pause()
            await pilot.pause()
            assert isinstance(app.screen, ArticleScreen)
            assert app.screen.reading.top_block() == 20
            app.screen.query_one("#reading").scroll_to_widget(
                list(app.screen.query(BlockView))[33], top=True, animate=False
            )
            await pilot.pause()
            await pilot.press("ctrl+q")
        assert app.return_code == 0
        assert library.article(article.id).position == 33

    run(scenario())


def test_ctrl_q_quits_from_the_library(make_article: MakeArticle, make_app: MakeApp) -> None:
    async def scenario() -> None:
        make_article("Story", ["Text."])
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+q")
            await pilot.pause()
        assert app.return_code == 0

    run(scenario())


def test_article_text_is_selectable_with_the_mouse(make_article: MakeArticle, make_app: MakeApp) -> None:
    async def scenario() -> None:
        make_article("Story", ["Alpha beta gamma delta.", "Second paragraph."])
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            first = app.screen.query(BlockView).first()
            await pilot.mouse_down(first, offset=(6, 0))
            # Textual 8.2.8 includes the cell under the pointer at mouse-up (8.1 did not).
            await pilot.hover(first, offset=(15, 0))
            await pilot.mouse_up(first, offset=(15, 0))
            await pilot.pause()
            assert app.screen.get_selected_text() == "beta gamma"
            assert first in app.screen.selections

    run(scenario())


def test_the_app_starts_even_if_the_samples_fail(monkeypatch: pytest.MonkeyPatch, make_app: MakeApp) -> None:
    def broken(library: Library) -> None:
        raise OSError("disk on fire")

    monkeypatch.setitem(sys.modules, "reader.core.seeds", types.SimpleNamespace(import_seeds_if_empty=broken))

    async def scenario() -> None:
        app = make_app()
        notices: list[str] = []
        app.notify = lambda message, **_: notices.append(message)  # type: ignore[method-assign]
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert notices == ["OSError: disk on fire"]
            assert isinstance(app.screen, LibraryScreen)
            assert app.screen.query_one("#empty").display
            assert header_text(app) == "reader — 0 articles"

    run(scenario())
