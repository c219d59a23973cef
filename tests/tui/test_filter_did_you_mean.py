"""The library's filter with a misspelt word, as a new user typed it: besides "No articles
match." it says what was meant, as the Notes screen and `reader search` do."""

from __future__ import annotations

from textual.widgets import Static

from tui_helpers import MakeApp, MakeArticle, run


def test_a_misspelt_filter_word_gets_did_you_mean(make_article: MakeArticle, make_app: MakeApp) -> None:
    make_article("A new telescope for the observatory", ["The telescope sees the far galaxies."])
    make_article("Tides and the sea wall", ["The new sea wall holds the tide."])

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("slash", *"telscope")
            await app.search.wait()
            await pilot.pause()
            shown = str(app.screen.query_one("#empty", Static).render())
            assert "No articles match." in shown and "telescope" in shown.split("match.")[1], shown
            await pilot.press(*"s")  # "telscopes": still no match, still a suggestion
            await app.search.wait()
            await pilot.pause()
            assert "Did you mean" in str(app.screen.query_one("#empty", Static).render())

    run(scenario())
