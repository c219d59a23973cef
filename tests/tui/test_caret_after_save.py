"""The README's keyboard sequence, twice in a row: `v` places the caret, `v` again starts a
selection, `a` annotates, ctrl+s saves; then the same keys work again from the top (a
saved note leaves caret mode, so the next `v` places the caret where the reader is)."""

from __future__ import annotations

from reader.core.store import Library
from reader.tui.screens.article import ArticleScreen
from reader.tui.screens.editor import NoteEditor
from tui_helpers import MakeApp, MakeArticle, run

PARAGRAPHS = [f"Paragraph {i} says the talks in Riyadh went on for a long while." for i in range(40)]


def test_after_a_note_is_saved_v_places_the_caret_again_and_v_a_makes_a_second_note(
    library: Library, make_article: MakeArticle, make_app: MakeApp
) -> None:
    article = make_article("Talks", PARAGRAPHS)

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("enter")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ArticleScreen)
            await pilot.press("v", "v", "w", "a", *"first", "ctrl+s")
            await pilot.pause()
            assert app.screen is screen
            assert "v places it again" in screen.help_text()
            await pilot.press("space", "space")  # read on: a page further down
            await pilot.pause()
            await pilot.press("v")  # places the caret here, selects nothing
            await pilot.pause()
            assert screen.reading.selected_range() is None and screen.reading.caret is not None
            assert screen.reading.caret_on_screen()
            await pilot.press("v", "w", "a")
            await pilot.pause()
            assert isinstance(app.screen, NoteEditor), [str(n.message) for n in app._notifications]  # noqa: SLF001
            await pilot.press(*"second", "ctrl+s")
            await pilot.pause()

    run(scenario())
    notes = library.annotations(article.id)
    assert [n.note for n in notes] == ["first", "second"]
    assert notes[1].selector.start > len(PARAGRAPHS[0])  # where the reader had got to, not the old caret
