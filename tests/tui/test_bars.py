"""The one-line title and key bars every screen has (reader/tui/widgets/bars.py)."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input

from reader.tui.widgets.bars import KeyBar, TitleBar
from tui_helpers import SIZE, MakeApp, MakeArticle, run


def spot(bar: KeyBar, description: str) -> Any:
    """The bar's spot for the key whose description is `description`."""
    for found in bar._spots:
        if str(bar.render())[found.start:found.end].strip().endswith(description):
            return found
    raise AssertionError(f"{description!r} not on the bar: {bar.render()}")


def test_the_key_bar_shows_the_screens_keys_and_a_click_presses_one(make_article: MakeArticle, make_app: MakeApp) -> None:
    make_article("Talks", ["Some text."])

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            bar = app.screen.query_one(KeyBar)
            shown = str(bar.render())
            assert "/ Filter" in shown and "^q Quit" in shown and shown.rstrip().endswith("^p palette")
            assert not app.screen.query_one("#filter", Input).has_focus
            where = spot(bar, "Filter")
            await pilot.click(KeyBar, offset=(where.start + 1, 0))
            await pilot.pause()
            assert app.screen.query_one("#filter", Input).has_focus
            assert str(app.screen.query_one(TitleBar).heading()) == "reader — 1 article"
            # Another screen: its own keys, its own title.
            app.screen.query_one("#filter", Input).blur()
            await pilot.press("ctrl+f")
            await pilot.pause()
            assert "Save search" in str(app.screen.query_one(KeyBar).render())
            assert str(app.screen.query_one(TitleBar).heading()) == "reader — Notes"

    run(scenario())


def test_a_narrow_key_bar_leaves_out_whole_screen_keys_and_keeps_quit_and_help(
    make_article: MakeArticle, make_app: MakeApp
) -> None:
    make_article("Talks", ["Some text."])

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(50, 20)) as pilot:
            await pilot.press("enter")  # the article screen: a dozen keys
            await pilot.pause()
            bar = app.screen.query_one(KeyBar)
            shown = str(bar.render())
            assert len(shown) <= 50
            assert shown.startswith(" v Select ") and "^q Quit" in shown and "? Help" in shown
            assert "] Next" not in shown  # left out whole, not cut
            assert [spot.key for spot in bar._spots][-3:-1] == ["ctrl+q", "question_mark"]

    run(scenario())
