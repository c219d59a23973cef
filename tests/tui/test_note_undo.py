"""Every change to a note made from a list of notes is taken back by `z` (issue 15): edit and
delete in the Notes screen, edit and delete on an entity's page, a quote kept there as a
highlight. The change and its undo reach the library; the lists redraw."""

from __future__ import annotations

from typing import Any

from textual.widgets import TextArea

from reader.core.store import Library
from reader.tui.screens.editor import NoteEditor
from reader.tui.screens.notes import NotesScreen
from reader.tui.widgets.entity_rows import ItemList, QuoteRows
from reader.tui.widgets.note_results import NoteResults
from test_entities_screen import analyse, open_page
from tui_helpers import SIZE, MakeApp, MakeArticle, run


def toasts(app: Any) -> list[str]:
    return [str(n.message) for n in app._notifications]


def stored(library: Library, article_id: str) -> list[tuple[str, list[str]]]:
    return [(a.note, a.tags) for a in library.annotations(article_id)]


def one_note(library: Library, make_article: MakeArticle) -> str:
    article = make_article("Talks stall", ['Marco Rubio said the talks had stalled. "No deal yet," Marco Rubio said.'])
    analyse(library, article, [("Marco Rubio", "PER", "Marco Rubio")], [("No deal yet,", "Marco Rubio")])
    text = library.article(article.id).text
    start = text.index("Marco Rubio said the talks")
    library.annotate(article.id, start, start + len("Marco Rubio said the talks"), note="first words", tags=["talks"])
    return article.id


async def press(pilot: Any, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


def test_edit_and_delete_in_the_notes_screen_are_undone_by_z(
    library: Library, make_article: MakeArticle, make_app: MakeApp
) -> None:
    article_id = one_note(library, make_article)

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+f")
            await app.search.wait()
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, NotesScreen)
            await press(pilot, "e")  # in the query: a letter typed, not an edit
            assert screen.query_one("#query").value == "e" and not isinstance(app.screen, NoteEditor)
            await press(pilot, "backspace", "down")
            assert app.focused is screen.query_one(NoteResults)
            await press(pilot, "e")
            assert isinstance(app.screen, NoteEditor)
            app.screen.query_one("#note", TextArea).text = "**second** thoughts"
            await press(pilot, "ctrl+s")
            assert app.screen is screen
            assert stored(library, article_id) == [("**second** thoughts", ["talks"])]
            assert "second thoughts" in str(screen.query_one(NoteResults).get_option_at_index(0).prompt)
            await press(pilot, "z")
            assert stored(library, article_id) == [("first words", ["talks"])]
            assert any(t.startswith("Undid: edited the note on 'Marco Rubio said the talks'") for t in toasts(app))
            assert "first words" in str(screen.query_one(NoteResults).get_option_at_index(0).prompt)
            await press(pilot, "d")
            assert stored(library, article_id) == [] and screen.query_one(NoteResults).hits == []
            screen.query_one(NoteResults).focus()
            await press(pilot, "z")
            assert stored(library, article_id) == [("first words", ["talks"])]
            assert len(screen.query_one(NoteResults).hits) == 1

    run(scenario())


def test_notes_on_an_entity_page_and_kept_quotes_are_undone_by_z(
    library: Library, make_article: MakeArticle, make_app: MakeApp
) -> None:
    article_id = one_note(library, make_article)

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            page = await open_page(pilot, "marco")
            notes = page.query_one("#entity-notes", ItemList)
            await press(pilot, "n")
            assert app.focused is notes and len(notes.items) == 1
            await press(pilot, "d")
            assert stored(library, article_id) == [] and notes.items == []
            await press(pilot, "z")
            assert stored(library, article_id) == [("first words", ["talks"])] and len(notes.items) == 1
            await press(pilot, "e")
            assert isinstance(app.screen, NoteEditor)
            app.screen.query_one("#note", TextArea).text = "changed"
            await press(pilot, "ctrl+s")
            assert stored(library, article_id) == [("changed", ["talks"])]
            await press(pilot, "z")
            assert stored(library, article_id) == [("first words", ["talks"])]
            # h keeps the quote as a highlight; z takes it away again.
            await press(pilot, "q")
            assert app.focused is page.query_one("#entity-quotes", QuoteRows)
            await press(pilot, "h")
            assert len(library.annotations(article_id)) == 2 and len(notes.items) == 2
            await press(pilot, "z")
            assert stored(library, article_id) == [("first words", ["talks"])] and len(notes.items) == 1

    run(scenario())
