"""A user's filter in the library: Enter in it opens the first article found (README),
not the row the list remembered from before the query was typed."""

from __future__ import annotations

from datetime import datetime, timezone

from reader.core.store import Library
from reader.tui.screens.article import ArticleScreen
from reader.tui.screens.library import LibraryScreen
from tui_helpers import SIZE, MakeApp, MakeArticle, run


def test_enter_in_the_filter_opens_the_first_match_after_the_cursor_moved_down_a_match(
    library: Library, make_article: MakeArticle, make_app: MakeApp
) -> None:
    for day, title in ((3, "Blair returns to Downing Street"), (2, "Blair's memoir is out"), (1, "Budget day")):
        make_article(title, [f"{title}. Text."], added=datetime(2025, 3, day, 9, 0, tzinfo=timezone.utc))

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("slash", *"blair", "down", "j", "escape")  # the cursor on the 2nd match, filter cleared
            await pilot.pause()
            await pilot.press("slash", *"blair")
            await pilot.pause()
            assert isinstance(app.screen, LibraryScreen)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ArticleScreen)
            assert app.screen.article.title == "Blair returns to Downing Street"

    run(scenario())
