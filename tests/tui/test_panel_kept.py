"""The article panel as the reader left it: `p` and its tab hold when `]` or `[` reads the next article."""

from __future__ import annotations

from datetime import datetime, timezone

from reader.core.model import Article, Block
from reader.core.store import Library
from reader.tui.screens.article import ArticleScreen
from tui_helpers import MakeApp, run


def test_p_holds_for_the_next_article_on_a_narrow_and_a_wide_screen(library: Library, make_app: MakeApp) -> None:
    for day, title in ((3, "First story"), (2, "Second story"), (1, "Third story")):
        article = Article.create(title, [Block("paragraph", f"{title} has a paragraph of text to read.")], source="Wire")
        article.added = datetime(2025, 3, day, tzinfo=timezone.utc)
        library.add(article)

    async def scenario(size: tuple[int, int], shown_at_first: bool) -> None:
        app = make_app()
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ArticleScreen) and screen.article.title == "First story"
            assert screen.panel.display is shown_at_first  # beside the text only where there is room
            await pilot.press("p")
            await pilot.press("right_square_bracket")
            await pilot.pause()
            assert screen.article.title == "Second story" and screen.panel.display is not shown_at_first
            await pilot.press("p")
            await pilot.press("right_square_bracket")
            await pilot.pause()
            assert screen.article.title == "Third story" and screen.panel.display is shown_at_first

    run(scenario((80, 24), False))
    run(scenario((120, 40), True))


def test_the_panel_tab_holds_for_the_next_article(library: Library, make_app: MakeApp) -> None:
    for day, title in ((2, "First story"), (1, "Second story")):
        article = Article.create(title, [Block("paragraph", f"{title} has a paragraph of text to read.")], source="Wire")
        article.added = datetime(2025, 3, day, tzinfo=timezone.utc)
        library.add(article)

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ArticleScreen) and screen.panel.active_tab == "entities"
            await pilot.press("3")  # the Notes tab
            await pilot.press("escape")  # back to the text
            await pilot.press("right_square_bracket")
            await pilot.pause()
            assert screen.article.title == "Second story" and screen.panel.active_tab == "notes"
            assert screen.focused is screen.reading  # the text, not the panel's list, takes the keys

    run(scenario())
