"""One key model on the article screen: a key means the same wherever the focus is, Escape
goes back one step, and the key bar, `?` and the palette say what works now."""

from __future__ import annotations

from textual.command import CommandList, CommandPalette
from textual.widgets import DataTable, TextArea

from reader.core.analysis import ANALYZER_VERSION
from reader.core.model import Analysis, Entity
from reader.core.store import Library
from reader.tui.commands.palette import library_command, screen_commands
from reader.tui.screens.article import ArticleScreen
from reader.tui.screens.editor import NoteEditor
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.library import LibraryScreen
from reader.tui.widgets.article_panel import ArticlePanel, NoteList
from reader.tui.widgets.bars import KeyBar
from reader.tui.widgets.block import BlockView
from tui_helpers import SIZE, MakeApp, MakeArticle, drag, run

FIRST = "Marco Rubio said the talks had stalled."
SECOND = "He said the Kremlin would answer soon."


def bar(app: object) -> str:
    return str(app.screen.query_one(KeyBar).render())  # type: ignore[attr-defined]


def test_keys_mean_the_same_in_the_text_and_in_the_notes_list_and_escape_steps_back(
    library: Library, make_article: MakeArticle, make_app: MakeApp
) -> None:
    article = make_article("Talks", [FIRST, SECOND])
    library.annotate(article.id, 0, 11, note="first")
    library.annotate(article.id, len(FIRST) + 2, len(FIRST) + 4, note="second")

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ArticleScreen)
            # Tab goes from the text to the panel's list and back: the tab bar takes no focus.
            await pilot.press("3")  # the Notes tab, its list focused
            await pilot.pause()
            notes = screen.query_one(NoteList)
            assert app.focused is notes
            assert bar(app).startswith(" e Edit note  d Delete note  esc Text ")  # what acts on the list's row
            await pilot.press("j")  # j moves the list's cursor, as down does: the second note
            assert notes.highlighted == 1 and screen.reading.scroll_y == 0  # the text stays put
            await pilot.press("k", "G")
            assert notes.highlighted == 1
            await pilot.press("e")  # edit: the note highlighted in the list
            await pilot.pause()
            assert isinstance(app.screen, NoteEditor)
            assert app.screen.query_one(TextArea).text == "second"
            await pilot.press("escape")
            await pilot.pause()
            # v works with the focus in the panel too: the caret shows in the text.
            await pilot.press("v")
            assert screen.reading.caret == 0
            # Escape: from the panel to the text, then back to the library.
            await pilot.press("escape")
            await pilot.pause()
            assert app.focused is screen.reading and app.screen is screen
            # In the text, e edits the note under the caret (the first one, at offset 0).
            await pilot.press("e")
            await pilot.pause()
            assert isinstance(app.screen, NoteEditor)
            assert app.screen.query_one(TextArea).text == "first"
            await pilot.press("escape")
            await pilot.pause()
            # A selection is dropped first, then the caret (the keys scroll again), then the screen is left.
            await pilot.press("v", "w")
            assert screen.reading.selected_range() == (0, len("Marco"))
            await pilot.press("escape")
            assert screen.reading.selected_range() is None and app.screen is screen
            await pilot.press("tab")
            assert screen.query_one(ArticlePanel).has_focus_within
            await pilot.press("tab")
            assert app.focused is screen.reading
            assert screen.reading.caret is not None
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is screen and screen.reading.caret is None
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, LibraryScreen)

    run(scenario())


def test_the_key_bar_shows_what_works_now_with_the_apps_own_keys(make_article: MakeArticle, make_app: MakeApp) -> None:
    make_article("Talks", [FIRST, SECOND])

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter")
            await pilot.pause()
            reading = bar(app)
            for piece in (" v Select ", " o Open ", " n Unread ", " z Undo ", " ^f Notes ", " ^n Entities ",
                          " [/] Prev/Next ", " ^q Quit ", " ? Help "):  # ^e Export from 132 columns, and in ?
                assert piece in reading, (piece, reading)
            assert " w/" in reading or "/w/" in reading  # the caret's keys
            assert "Annotate" not in reading  # nothing to annotate yet
            await pilot.press("v", "v", "w")
            await pilot.pause()
            selecting = bar(app)
            assert selecting.startswith(" a Annotate  h Highlight  esc Cancel ")
            assert " o Open " not in selecting
            await pilot.press("escape")
            await pilot.pause()
            after = bar(app)
            assert after.startswith(" v Select ") and "Annotate" not in after
            assert "/j/k/" in after and "/j/k/" not in reading  # the caret is placed: j/k move it now

    run(scenario())


def test_help_lists_the_app_keys_the_caret_keys_and_how_the_caret_works(
    make_article: MakeArticle, make_app: MakeApp
) -> None:
    make_article("Talks", [FIRST])

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter", "question_mark")
            await pilot.pause()
            help_screen = app.screen
            assert isinstance(help_screen, HelpScreen)
            table = help_screen.query_one(DataTable)
            rows = {str(table.get_row_at(i)[2]): str(table.get_row_at(i)[0]) for i in range(table.row_count)}
            for binding_id, key in [("app.undo", "z"), ("app.notes", "^f"), ("app.entities", "^n"),
                                    ("app.export_all", "^e"), ("app.quit", "^q"), ("article.visual", "v"),
                                    ("visual.word_forward", "w"), ("visual.sentence_forward", ")"),
                                    ("article.previous", "["), ("article.next", "]"), ("article.open", "o"),
                                    ("article.next_unread", "n"), ("article.notes", "3")]:
                assert rows.get(binding_id) == key, (binding_id, rows.get(binding_id))
            assert rows["article.scroll_down"] == "j"  # no caret yet: j scrolls
            assert "visual.line_down" not in rows
            assert "j/k scroll a line" in help_screen.underneath_help()

    run(scenario())


def test_the_palette_has_every_command_and_one_entry_per_screen(make_article: MakeArticle, make_app: MakeApp) -> None:
    make_article("Talks", [FIRST])

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter")
            await pilot.pause()
            screen = app.screen
            titles = [c.title for c in screen_commands(screen)] + [library_command(screen).title]
            for title in ("Select", "Annotate", "Open", "Next unread", "Star", "Tag", "Edit note", "Notes tab",
                          "Notes", "Entities", "Library", "Undo", "Export all notes", "Quit"):
                assert title in titles, title
            assert len(titles) == len(set(titles)), sorted(titles)  # one entry each
            # "Library" from the palette closes the article like Escape would.
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*"Library")
            await pilot.pause(0.3)
            await pilot.pause()
            commands = app.screen.query_one(CommandList)
            first = str(commands.get_option_at_index(0).prompt).split("\n")[0]
            assert "Library" in first
            await pilot.press("enter")
            await pilot.pause()
            if isinstance(app.screen, CommandPalette):
                await pilot.press("enter")
                await pilot.pause()
            assert isinstance(app.screen, LibraryScreen)
            assert library_command(app.screen) is None
            # Typing "light" finds reader's light theme first, and choosing it switches.
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*"light")
            await pilot.pause(0.3)
            await pilot.pause()
            first = str(app.screen.query_one(CommandList).get_option_at_index(0).prompt).split("\n")[0]
            assert "Theme: reader-light" in first, first
            await pilot.press("enter")
            await pilot.pause()
            assert app.theme == "reader-light"

    run(scenario())


def test_m_steps_through_an_entitys_mentions_from_the_text_or_the_panel(
    library: Library, make_article: MakeArticle, make_app: MakeApp
) -> None:
    text = "Rubio met Lavrov. Later Rubio said no. Rubio left."
    article = make_article("Talks", [text])
    mentions = [i for i in range(len(text)) if text.startswith("Rubio", i)]
    library.save_analysis(
        article.id,
        Analysis(ANALYZER_VERSION, tuple(Entity(i, i + 5, "PER", "Rubio", "Marco Rubio") for i in mentions)),
    )

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter")
            await pilot.pause()
            screen = app.screen
            reading = screen.reading
            await pilot.press("1", "enter")  # the Entities tab, its first entity chosen: the first mention
            await pilot.pause()
            assert reading.selected_range() == (mentions[0], mentions[0] + 5)
            await pilot.press("m")  # with the focus in the panel
            await pilot.pause()
            assert reading.selected_range() == (mentions[1], mentions[1] + 5)
            await pilot.press("escape")  # the selection first (one Textual would drop unseen) ...
            await pilot.pause()
            assert reading.selected_range() is None and screen.query_one(ArticlePanel).has_focus_within
            await pilot.press("escape")  # ... then back to the text
            await pilot.pause()
            assert app.focused is reading
            await pilot.press("m")  # the same key from the text
            await pilot.pause()
            assert reading.selected_range() == (mentions[2], mentions[2] + 5)
            await pilot.press("M")
            await pilot.pause()
            assert reading.selected_range() == (mentions[1], mentions[1] + 5)

    run(scenario())


def test_escape_drops_a_mouse_selection_before_it_leaves(make_article: MakeArticle, make_app: MakeApp) -> None:
    make_article("Talks", [FIRST, SECOND])

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter")
            await pilot.pause()
            screen = app.screen
            first = screen.query(BlockView).first()
            await drag(pilot, (first, (0, 0)), (first, (4, 0)))
            assert screen.reading.selected_range() == (0, len("Marco"))
            assert bar(app).startswith(" a Annotate ")
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is screen and screen.reading.selected_range() is None
            assert bar(app).startswith(" v Select ")
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, LibraryScreen)

    run(scenario())


def test_q_leaves_the_article_in_one_key_whatever_escape_would_step_back_first(
        make_article: MakeArticle, make_app: MakeApp) -> None:
    """A newsboat user took 3-4 Esc to leave an article after using the panel and the caret."""
    make_article("Talks", [FIRST, SECOND])

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter")
            await pilot.pause()
            screen = app.screen
            await pilot.press("v", "l", "l", "v", "l")  # a caret and a selection under way
            await pilot.pause()
            assert screen.reading.caret is not None and screen.back_state() != "back"
            await pilot.press("q")
            await pilot.pause()
            assert isinstance(app.screen, LibraryScreen)

    run(scenario())
