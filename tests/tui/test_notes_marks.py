"""A kept passage that brings its own quote marks is shown with them once in Notes."""

from __future__ import annotations

from textual.widgets import Input

from reader.core.model import Article, Block
from reader.core.store import Library
from reader.tui.screens.notes import NotesScreen
from reader.tui.widgets.note_results import NoteResults
from tui_helpers import SIZE, MakeApp, run

TEXT = '"I felt enormous pressure and pain," Tsutsumi told a weekly magazine in 1987. He resigned.'


def test_a_passage_opening_with_its_own_marks_is_not_quoted_again(library: Library, make_app: MakeApp) -> None:
    article = library.add(Article.create("Mogul arrested", [Block("paragraph", TEXT)], source="Wire"))[0]
    end = TEXT.index(" He resigned")
    library.annotate(article.id, 0, end, note="pressure", tags=["japan"])

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+f")
            await pilot.pause()
            await app.search.wait()
            await pilot.pause()
            assert isinstance(app.screen, NotesScreen)
            app.screen.query_one("#query", Input).value = "tag:japan"
            await pilot.pause()
            results = app.screen.query_one(NoteResults)
            first = str(results.get_option_at_index(0).prompt).split("\n")[0]
            assert first.startswith('"I felt enormous pressure') and "“" not in first and "”" not in first

    run(scenario())
