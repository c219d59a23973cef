"""The hint `v` gives in an article is gone when the note editor opens over it."""

from __future__ import annotations

from reader.core.model import Article, Block
from reader.core.store import Library
from reader.tui.screens.article import ArticleScreen
from reader.tui.screens.editor import NoteEditor
from tui_helpers import SIZE, MakeApp, run


def test_the_caret_hint_does_not_sit_on_the_note_editor(library: Library, make_app: MakeApp) -> None:
    text = "The ferry leaves at dawn. Fishermen say the harbour wall needs repair before winter."
    library.add(Article.create("Harbour news", [Block("paragraph", text)], source="Wire"))

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ArticleScreen)
            await pilot.press("v")  # the caret placed, and the hint: "Move the caret ..., then v"
            await pilot.pause()
            assert any("Move the caret" in n.message for n in app._notifications)  # noqa: SLF001
            await pilot.press("v", "w", "w", "a")
            await pilot.pause()
            assert isinstance(app.screen, NoteEditor)
            assert not app._notifications  # noqa: SLF001 - none left to draw over the editor

    run(scenario())
