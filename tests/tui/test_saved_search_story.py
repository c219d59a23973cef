"""A user's whole path through saving a search (issue 15), in the app as started for real
(nothing built before it is asked for): ctrl+f, type a query, ctrl+s from the query
or from the results, a name, Enter; a toast; back in the library the side panel lists it;
choosing it shows its results. It is the CLI's `reader search --save` (Library.save_search)."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input

from reader.core.store import Library
from reader.tui.app import ReaderApp
from reader.tui.screens.library import LibraryScreen
from reader.tui.screens.notes import NotesScreen, SaveSearch
from reader.tui.widgets.library_sidebar import SEARCH_VIEW, LibrarySidebar
from reader.tui.widgets.note_results import NoteResults
from test_notes_screen import notes  # noqa: F401 - the fixture
from tui_helpers import SIZE, run


async def started(pilot: Any) -> None:
    """The app as `reader` starts it, settled: nothing built before the user asks (the
    Notes screen is made on ctrl+f, the index loaded then)."""
    app = pilot.app
    await pilot.pause(0.1)
    await app.workers.wait_for_complete()
    assert not app.is_screen_installed("notes") and not app.search.ready


def test_ctrl_s_in_notes_saves_the_search_for_the_library_panel(
    notes: dict[str, Any], library: Library, config_dir: Any  # noqa: F811
) -> None:
    async def scenario() -> None:
        app = ReaderApp(library, config_dir=config_dir)
        async with app.run_test(size=SIZE) as pilot:
            await started(pilot)
            await pilot.press("ctrl+f", *"rubio")  # typed, as a user does
            await app.search.wait()  # built on first use
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, NotesScreen)
            assert [hit.id for hit in screen.query_one(NoteResults).hits] == [notes["rubio"].id]
            await pilot.press("down")  # the results have the focus: ctrl+s still saves
            assert app.focused is screen.query_one(NoteResults)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, SaveSearch)
            await pilot.press("ctrl+u", *"Rubio talks", "enter")
            await pilot.pause()
            assert app.screen is screen
            assert library.searches() == {"Rubio talks": "rubio"}
            assert any("Saved search 'Rubio talks'" in str(n.message) for n in app._notifications)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, LibraryScreen)
            sidebar = app.screen.query_one(LibrarySidebar)
            assert str(sidebar.get_option(SEARCH_VIEW + "Rubio talks").prompt).split()[-3:] == ["Rubio", "talks", "1"]
            await pilot.press("v")
            sidebar.highlighted = sidebar.get_option_index(SEARCH_VIEW + "Rubio talks")
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, NotesScreen)
            assert app.screen.query_one("#query", Input).value == "rubio"
            assert [hit.id for hit in app.screen.query_one(NoteResults).hits] == [notes["rubio"].id]

    run(scenario())


def test_ctrl_s_with_nothing_to_save_says_why(notes: dict[str, Any], library: Library, config_dir: Any) -> None:  # noqa: F811
    async def scenario() -> None:
        app = ReaderApp(library, config_dir=config_dir, read_ahead=None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+f")
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, NotesScreen)
            assert any("Type a query first" in str(n.message) for n in app._notifications)
            await pilot.press(*"tag:(")
            await app.search.wait()
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, NotesScreen) and library.searches() == {}
            assert any("Fix the query first" in str(n.message) for n in app._notifications)

    run(scenario())
