"""Annotating as a user does it: by mouse, by keyboard, then editing, deleting and tagging.

Each story ends by reading the library itself, so what is checked is what was saved.
"""

from __future__ import annotations

from datetime import datetime, timezone

from textual.widgets import Static, TextArea

from reader.core.store import Library
from reader.tui.screens.article import ArticleScreen
from reader.tui.screens.editor import NoteEditor
from reader.tui.screens.tags import TagsEditor
from reader.tui.widgets.article_panel import ArticlePanel
from reader.tui.widgets.block import BlockView

from tui_helpers import SIZE, MakeApp, MakeArticle, drag, run

FIRST = "Marco Rubio said the talks had stalled."
SECOND = "He said the Kremlin would answer soon."


async def open_first(app, pilot) -> ArticleScreen:  # noqa: ANN001 - Pilot types are generic
    await pilot.press("enter")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ArticleScreen)
    return screen


def test_drag_then_a_saves_exactly_the_dragged_words_with_the_note(
    library: Library, make_article: MakeArticle, make_app: MakeApp
) -> None:
    article = make_article("Talks", [FIRST, SECOND])

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_first(app, pilot)
            first, _ = screen.query(BlockView)
            # From the "R" of "Rubio" to the last "d" of "said", as a user drags. Textual 8.2.8
            # includes the character under the pointer at mouse-up; see test_selection.
            await drag(pilot, (first, (FIRST.index("Rubio"), 0)), (first, (FIRST.index(" the") - 1, 0)))
            await pilot.press("a")
            await pilot.pause()
            assert isinstance(app.screen, NoteEditor)
            await pilot.press(*"Who *said* it", "tab", *"talks", "ctrl+s")
            await pilot.pause()
            assert app.screen is screen
            assert screen.selections == {}  # the kept passage is no longer selected

    run(scenario())
    (note,) = library.annotations(article.id)
    assert (note.selector.start, note.selector.end) == (FIRST.index("Rubio"), FIRST.index(" the"))
    assert note.quote == "Rubio said"
    assert note.selector.prefix.endswith("Marco ") and note.selector.suffix.startswith(" the talks")
    assert (note.note, note.tags, note.color) == ("Who *said* it", ["talks"], 1)


def test_a_drag_across_two_paragraphs_and_h_keeps_a_highlight_without_a_note(
    library: Library, make_article: MakeArticle, make_app: MakeApp
) -> None:
    article = make_article("Talks", [FIRST, SECOND])

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_first(app, pilot)
            first, second = screen.query(BlockView)
            await drag(pilot, (first, (FIRST.index("stalled"), 0)), (second, (SECOND.index(" the"), 0)))
            await pilot.press("h")
            await pilot.pause()
            assert app.screen is screen  # no editor for a bare highlight

    run(scenario())
    (note,) = library.annotations(article.id)
    assert note.quote == "stalled.\n\nHe said"  # the end of a cross-block drag is exclusive in 8.2.8
    assert note.note == ""


def test_keyboard_only_v_then_w_w_then_a_saves_the_first_two_words(
    library: Library, make_article: MakeArticle, make_app: MakeApp
) -> None:
    article = make_article("Talks", [FIRST, SECOND])

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_first(app, pilot)
            await pilot.press("v")  # the first v shows the caret at the top line; nothing is selected yet
            await pilot.pause()
            assert screen.reading.caret == 0 and screen.reading.selected_range() is None
            await pilot.press("v", "w", "w")
            await pilot.pause()
            assert screen.reading.selected_range() == (0, len("Marco Rubio"))
            await pilot.press("right_curly_bracket")  # to the end of the paragraph
            await pilot.press("left_curly_bracket")  # and back
            await pilot.press("right_parenthesis")  # then the whole sentence
            await pilot.press("a", *"whole sentence", "tab", "tab", "3", "ctrl+s")
            await pilot.pause()

    run(scenario())
    (note,) = library.annotations(article.id)
    assert note.quote == FIRST
    assert (note.note, note.color) == ("whole sentence", 3)


def test_a_without_a_selection_explains_how_to_select(make_article: MakeArticle, make_app: MakeApp) -> None:
    make_article("Talks", [FIRST])

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_first(app, pilot)
            await pilot.press("a")
            await pilot.pause()
            assert app.screen is screen
            assert any("press v" in n.message for n in app._notifications)

    run(scenario())


def test_clicking_a_highlight_opens_its_note_to_edit(library: Library, make_article: MakeArticle, make_app: MakeApp) -> None:
    article = make_article("Talks", [FIRST])
    library.annotate(article.id, 0, 11, note="old note", tags=["one"], color=2)

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_first(app, pilot)
            await pilot.click(screen.query_one(BlockView), offset=(3, 0))
            await pilot.pause()
            editor = app.screen
            assert isinstance(editor, NoteEditor)
            assert editor.query_one(TextArea).text == "old note"
            editor.query_one(TextArea).text = "new note"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen is screen

    run(scenario())
    (note,) = library.annotations(article.id)
    assert (note.quote, note.note, note.tags, note.color) == ("Marco Rubio", "new note", ["one"], 2)


def test_delete_from_the_notes_tab_and_z_brings_it_back(
    library: Library, make_article: MakeArticle, make_app: MakeApp
) -> None:
    article = make_article("Talks", [FIRST, SECOND])
    kept = library.annotate(article.id, 0, 11, note="first")
    library.annotate(article.id, len(FIRST) + 2, len(FIRST) + 4, note="second")

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_first(app, pilot)
            await pilot.press("3")  # the Notes tab
            await pilot.pause()
            assert screen.query_one(ArticlePanel).has_focus_within
            await pilot.press("d")
            await pilot.pause()
            assert [a.note for a in library.annotations(article.id)] == ["second"]
            assert [a.note for a in screen.annotations] == ["second"]
            await pilot.press("escape", "z")  # back to the text, then the app's undo
            await pilot.pause()
            assert app.screen is screen
            assert [a.id for a in library.annotations(article.id)][0] == kept.id

    run(scenario())
    assert [a.note for a in library.annotations(article.id)] == ["first", "second"]


def test_deleting_from_the_editor(library: Library, make_article: MakeArticle, make_app: MakeApp) -> None:
    article = make_article("Talks", [FIRST])
    library.annotate(article.id, 0, 11, note="doomed")

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_first(app, pilot)
            await pilot.press("3", "e")  # Notes tab, edit the highlighted note
            await pilot.pause()
            assert isinstance(app.screen, NoteEditor)
            await pilot.click("#delete")
            await pilot.pause()
            assert app.screen is screen

    run(scenario())
    assert library.annotations(article.id) == []


def test_t_tags_the_article_with_autocomplete_from_tags_in_use(
    library: Library, make_article: MakeArticle, make_app: MakeApp
) -> None:
    other = make_article("Older", ["Text."], added=datetime(2025, 1, 1, tzinfo=timezone.utc))
    library.tag_article(other.id, add=["diplomacy"])
    article = make_article("Talks", [FIRST])

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_first(app, pilot)
            assert screen.article.id == article.id
            await pilot.press("t")
            await pilot.pause()
            assert isinstance(app.screen, TagsEditor)
            await pilot.press(*"ukraine dip", "right", "enter")
            await pilot.pause()
            assert app.screen is screen
            assert "#ukraine #diplomacy" in str(screen.query_one("#meta", Static).visual)

    run(scenario())
    assert library.article(article.id).tags == ["ukraine", "diplomacy"]
