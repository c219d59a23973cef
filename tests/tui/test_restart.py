"""Quit and start again: everything the user did is still there."""

from __future__ import annotations

from reader.core.store import Library
from reader.tui.widgets.layers import highlight_style
from reader.tui.screens.article import ArticleScreen
from reader.tui.widgets.block import BlockView

from tui_helpers import SIZE, MakeApp, MakeArticle, row_texts, run

PARAGRAPHS = [f"Paragraph {n} says something worth reading about the talks." for n in range(40)]


def test_notes_tags_star_read_state_and_place_survive_a_restart(
    library: Library, make_article: MakeArticle, make_app: MakeApp
) -> None:
    make_article("Long read", PARAGRAPHS)

    async def first_session() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("v", "v", "w", "w", "a", *"kept", "ctrl+s")  # v shows the caret, v selects
            await pilot.press("s", "t", *"talks", "enter")
            await pilot.press("pagedown", "pagedown")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ArticleScreen)
            position = screen.reading.top_block()
            assert position > 0
            await pilot.press("ctrl+q")  # quit from the article: the place is kept on the way out
        session["position"] = position

    session: dict[str, int] = {}
    run(first_session())

    async def second_session() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            (row,) = row_texts(app)
            assert "1 note" in row and "#talks" in row and "★" in row and "●" not in row
            await pilot.press("enter")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ArticleScreen)
            assert screen.reading.top_block() == session["position"]
            first = screen.query(BlockView).first()
            highlighted = [first.block.text[s.start : s.end] for s in first.visual.spans if s.style == highlight_style(1)]
            assert highlighted == ["Paragraph 0"]
            notes = screen.query_one("#panel-notes")
            assert "kept" in str(notes.get_option_at_index(0).prompt)

    run(second_session())
