"""The library's reader keys (newsboat's and mutt's), as a user presses them: moving with
j/k/g/G/space/b wherever the focus is, n to the next unread, u, *, t and A, each taken
back with z."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from textual.widgets import Input

from reader.core.model import Article, Block
from reader.core.store import Library
from reader.tui.screens.tags import TagsEditor
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.library_sidebar import LibrarySidebar
from tui_helpers import SIZE, MakeApp, header_text, run

COUNT = 30


@pytest.fixture
def stories(library: Library) -> list[Article]:
    """Thirty articles, newest first as the list shows them: 'Story 00' on top. Every
    fifth from Story 03 on (03, 08, 13, ...) is unread; the rest are read."""
    made = []
    for i in range(COUNT):
        article = Article.create(f"Story {i:02d}", [Block("paragraph", f"Body of story {i}.")], source="Wire")
        article.added = datetime(2025, 1, 1, tzinfo=timezone.utc) + timedelta(hours=COUNT - i)
        made.append(library.add(article)[0])
    library.mark_read([a.id for i, a in enumerate(made) if i % 5 != 3])
    return made


def highlighted(app: object) -> str:
    article = app.screen.query_one(ArticleList).highlighted_article  # type: ignore[attr-defined]
    return article.title if article is not None else ""


def read_state(library: Library) -> dict[str, bool]:
    return {a.title: a.read for a in library.articles()}


def test_j_k_g_G_space_b_move_the_cursor_wherever_the_focus_is(stories: list[Article], make_app: MakeApp) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert highlighted(app) == "Story 00"
            await pilot.press("j", "j", "j")
            assert highlighted(app) == "Story 03"
            await pilot.press("k")
            assert highlighted(app) == "Story 02"
            await pilot.press("G")
            assert highlighted(app) == "Story 29"
            await pilot.press("g")
            assert highlighted(app) == "Story 00"
            await pilot.press("space")
            paged = int(highlighted(app).split()[1])
            assert paged > 5  # a page of two-line rows is some ten articles
            await pilot.press("b")
            assert highlighted(app) == "Story 00"
            await pilot.press("v")  # the side panel has the focus: the letters move its cursor
            assert isinstance(app.focused, LibrarySidebar)
            await pilot.press("j", "j")
            assert app.screen.query_one(LibrarySidebar).highlighted == 2
            assert highlighted(app) == "Story 00"  # the list's cursor stayed
            await pilot.press("v")  # and back to the list
            assert isinstance(app.focused, ArticleList)
            await pilot.press("j", "j")
            assert highlighted(app) == "Story 02"
            await pilot.press("slash", "j", "k")  # in the filter, they are letters
            assert isinstance(app.focused, Input) and app.focused.value == "jk"
            assert highlighted(app) == ""  # nothing matches 'jk'

    run(scenario())


def test_n_goes_to_the_next_unread_and_wraps_then_says_when_there_is_none(
    stories: list[Article], library: Library, make_app: MakeApp
) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("n")
            assert highlighted(app) == "Story 03"
            await pilot.press("n")
            assert highlighted(app) == "Story 08"
            await pilot.press("G", "n")  # from the last, round to the top
            assert highlighted(app) == "Story 03"
            await pilot.press("A")  # everything here read
            await pilot.pause()
            app._notifications.clear()
            await pilot.press("A")
            await pilot.pause()
            assert [n.message for n in app._notifications] == ["Every article here is read already"]
            app._notifications.clear()
            await pilot.press("n")
            await pilot.pause()
            assert highlighted(app) == "Story 03"  # stayed
            assert [n.message for n in app._notifications] == ["No unread articles here"]

    run(scenario())


def test_A_marks_the_view_read_and_z_puts_back_exactly_those(
    stories: list[Article], library: Library, make_app: MakeApp
) -> None:
    before = read_state(library)
    unread = sorted(title for title, read in before.items() if not read)
    assert len(unread) == 6

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            sidebar = app.screen.query_one(LibrarySidebar)
            await pilot.press("v")
            sidebar.highlighted = sidebar.get_option_index("unread")
            await pilot.press("enter")
            await pilot.pause()
            assert header_text(app) == "reader — 6 of 30 articles · Unread"
            await pilot.press("A")
            await pilot.pause()
            assert all(read_state(library).values())
            assert any(n.message == "Marked 6 articles read. Press z to undo." for n in app._notifications)
            assert header_text(app) == "reader — 0 of 30 articles · Unread"
            assert " ".join(str(sidebar.get_option("unread").prompt).split()) == "▸ Unread 0"
            await pilot.press("z")
            await pilot.pause()
            assert read_state(library) == before  # the 24 read before stay read
            assert any(n.message == "Undid: marked 6 articles read" for n in app._notifications)
            assert header_text(app) == "reader — 6 of 30 articles · Unread"  # redrawn from LibraryChanged
            assert " ".join(str(sidebar.get_option("unread").prompt).split()) == "▸ Unread 6"

    run(scenario())


def test_u_star_and_tag_change_the_highlighted_article_and_z_takes_the_last_back(
    stories: list[Article], library: Library, make_app: MakeApp
) -> None:
    def state(title: str) -> tuple[bool, bool, list[str]]:
        article = next(a for a in library.articles() if a.title == title)
        return article.read, article.starred, article.tags

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("j")
            assert state("Story 01") == (True, False, [])
            await pilot.press("u")
            await pilot.pause()
            assert state("Story 01") == (False, False, [])
            assert highlighted(app) == "Story 01"
            await pilot.press("z")
            await pilot.pause()
            assert state("Story 01") == (True, False, [])
            await pilot.press("u")
            await pilot.pause()
            await pilot.press("asterisk")
            await pilot.pause()
            assert state("Story 01") == (False, True, [])
            await pilot.press("z")
            await pilot.pause()
            assert state("Story 01") == (False, False, [])
            await pilot.press("asterisk")
            await pilot.pause()
            await pilot.press("t")
            await pilot.pause()
            assert isinstance(app.screen, TagsEditor)
            await pilot.press(*"wire", "enter")
            await pilot.pause()
            assert state("Story 01") == (False, True, ["wire"])
            rows = app.screen.query_one(ArticleList)
            assert "#wire" in str(rows.get_option(rows.highlighted_article.id).prompt)
            await pilot.press("z")
            await pilot.pause()
            assert state("Story 01") == (False, True, [])
            await pilot.press("z")  # one undo: the star and the read mark stay
            await pilot.pause()
            assert state("Story 01") == (False, True, [])
            messages = [n.message for n in app._notifications]
            assert "Undid: marked 'Story 01' unread" in messages and "Undid: starred 'Story 01'" in messages

    run(scenario())


def test_u_in_the_unread_view_leaves_the_cursor_on_the_row_that_takes_its_place(
    stories: list[Article], make_app: MakeApp
) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            sidebar = app.screen.query_one(LibrarySidebar)
            await pilot.press("v")
            sidebar.highlighted = sidebar.get_option_index("unread")
            await pilot.press("enter", "j")
            await pilot.pause()
            assert highlighted(app) == "Story 08"
            await pilot.press("u")  # read: it leaves the Unread view
            await pilot.pause()
            assert highlighted(app) == "Story 13"

    run(scenario())


def test_the_key_bar_and_help_list_the_reader_keys(make_app: MakeApp) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            ids = {active.binding.id for active in app.screen.active_bindings.values()}
            assert {"library.down", "library.up", "library.first", "library.last", "library.page_down",
                    "library.page_up", "library.next_unread", "library.toggle_read", "library.mark_all_read",
                    "library.star", "library.tag", "library.compact"} <= ids
            bar = str(app.screen.query_one("KeyBar").render())
            for shown in (" n Next unread", " u Read", " A All read", " * Star"):
                assert shown in bar
            await pilot.press("question_mark")
            await pilot.pause()
            table = app.screen.query_one("DataTable")
            keys = {str(table.get_row_at(i)[2]) for i in range(table.row_count)}
            assert {"library.down", "library.page_up", "library.compact", "library.mark_all_read"} <= keys

    run(scenario())
