"""Deleting a saved search from the library's side panel is a change like any other: `z` brings
it back (a new user's `z` after `d` undid an older, unrelated star instead)."""

from __future__ import annotations

from reader.core.store import Library
from reader.tui.widgets.library_sidebar import LibrarySidebar
from tui_helpers import SIZE, MakeApp, MakeArticle, run


def test_d_deletes_a_saved_search_and_z_brings_it_back(
    library: Library, make_article: MakeArticle, make_app: MakeApp,
) -> None:
    make_article("Budget day", ["The chancellor spoke about the budget."])
    library.save_search("budget talk", "budget")

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("asterisk")  # an older change, which z must not touch
            await pilot.press("v", "G")  # the side panel, its last row: the saved search
            await pilot.pause()
            sidebar = app.screen.query_one(LibrarySidebar)
            assert "budget talk" in str(sidebar.get_option_at_index(sidebar.highlighted).prompt)
            await pilot.press("d")
            await pilot.pause()
            assert library.searches() == {}
            await pilot.press("z")
            await pilot.pause()
            assert library.searches() == {"budget talk": "budget"}
            assert library.articles()[0].starred  # the star stays
            messages = [str(n.message) for n in app._notifications]
            assert any(m.startswith("Undid: deleted the saved search 'budget talk'") for m in messages), messages

    run(scenario())
