"""The Notes screen (ctrl+f from anywhere), saved searches in the side panel, and the
library's `/` filter speaking the search language.

The index is built in a thread the first time it is needed; `ready()` waits for that
build to end (no sleeping, no timing in the assertions).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest
from textual.content import Content
from textual.widgets import Input, Static

from reader.core.model import Annotation, Article, Selector, stable_id
from reader.core.store import Library
from reader.tui.commands.palette import screen_commands
from reader.tui.screens.article import ArticleScreen
from reader.tui.screens.library import LibraryScreen
from reader.tui.screens.notes import NotesScreen, SaveSearch
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.block import BlockView
from reader.tui.widgets.library_sidebar import SEARCH_VIEW, LibrarySidebar
from reader.tui.widgets.note_results import MARK_STYLE, NoteResults, TagFacets
from tui_helpers import SIZE, MakeApp, MakeArticle, run

FIXED = datetime(2025, 3, 20, 10, 0, tzinfo=timezone.utc)
FILLER = "Filler paragraph about nothing in particular, kept here to push the passage down. " * 3


def note_on(library: Library, article: Article, passage: str, note: str = "", tags: list[str] | None = None,
            color: int = 1) -> Annotation:
    """A note with a fixed creation time (a minute after the last one: no ties in "newest first")."""
    when = FIXED + timedelta(minutes=len(library.annotations()))
    text = library.article(article.id).text
    start = text.index(passage)
    annotation = Annotation(
        id=stable_id(f"note:{article.id}:{passage}"),
        article_id=article.id,
        selector=Selector.at(text, start, start + len(passage)),
        note=note,
        tags=tags or [],
        color=color,
        created=when,
        updated=when,
    )
    library.add_annotations([annotation])
    return annotation


@pytest.fixture
def notes(library: Library, make_article: MakeArticle) -> dict[str, Any]:
    talks = make_article(
        "Ceasefire talks resume in Riyadh",
        [FILLER] * 30 + ["Marco Rubio said the talks had stalled over the ports.", FILLER],
        published=date(2025, 3, 12),
    )
    budget = make_article(
        "Budget vote delayed again",
        ["The budget deficit grew faster than anyone had forecast.", "Ministers blamed the weather."],
        published=date(2025, 3, 10),
    )
    river = make_article(
        "A river runs dry",
        ["The river ran dry in July for the first time in living memory."],
        published=date(2025, 3, 8),
    )
    library.tag_article(talks.id, add=["world"])
    library.update_article(talks.id, starred=True)
    library.tag_article(budget.id, add=["economy"])
    return {
        "talks": talks,
        "budget": budget,
        "river": river,
        "rubio": note_on(library, talks, "Marco Rubio said the talks had stalled", "Rubio on the stalled talks\nmore",
                         ["ukraine", "diplomacy"]),
        "deficit": note_on(library, budget, "budget deficit grew", "numbers look wrong", ["economy"]),
        "dry": note_on(library, river, "ran dry in July", "", ["climate", "ukraine"], color=3),
    }


async def ready(pilot: Any) -> None:
    """Let the index's first build end and its callbacks run."""
    await pilot.pause()
    await pilot.app.search.wait()
    await pilot.pause()


async def open_notes(pilot: Any) -> NotesScreen:
    await pilot.press("ctrl+f")
    await ready(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, NotesScreen)
    return screen


async def set_query(pilot: Any, text: str) -> None:
    field = pilot.app.screen.query_one("#query", Input)
    field.value = text
    await pilot.pause()


def result_ids(app: Any) -> list[str]:
    return [hit.id for hit in app.screen.query_one(NoteResults).hits]


def status(app: Any) -> str:
    return str(app.screen.query_one("#status", Static).content)


def marked_words(prompt: Content) -> list[str]:
    return [prompt.plain[span.start : span.end] for span in prompt.spans if span.style == MARK_STYLE]


def shown_titles(app: Any) -> list[str]:
    articles = app.screen.query_one(ArticleList)
    return [str(articles.get_option(i).prompt).split("\n")[0] for i in articles.shown_ids]


def test_ctrl_f_opens_notes_from_the_library_and_from_an_article(notes: dict[str, Any], make_app: MakeApp) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            assert "Notes" in [command.title for command in screen_commands(app.screen)]  # in the palette
            screen = await open_notes(pilot)
            assert app.focused is screen.query_one("#query", Input)
            assert set(result_ids(app)) == {notes["rubio"].id, notes["deficit"].id, notes["dry"].id}
            assert status(app) == "3 notes"
            await pilot.press("escape")
            assert isinstance(app.screen, LibraryScreen)
            await pilot.press("enter")  # the newest article
            assert isinstance(app.screen, ArticleScreen)
            await open_notes(pilot)
            await pilot.press("escape")
            assert isinstance(app.screen, ArticleScreen)
            # Notes -> an article -> ctrl+f: back to the same Notes screen, not a second one.
            notes_screen = await open_notes(pilot)
            await set_query(pilot, "budget")
            await pilot.press("down", "enter")
            await pilot.pause()
            assert isinstance(app.screen, ArticleScreen)
            assert await open_notes(pilot) is notes_screen
            assert sum(isinstance(s, NotesScreen) for s in app.screen_stack) == 1
            await pilot.press("escape")
            assert isinstance(app.screen, ArticleScreen)  # the article Notes was opened from first
            await pilot.press("escape")
            assert isinstance(app.screen, LibraryScreen)

    run(scenario())


def test_reopened_notes_keep_the_last_query_selected_and_see_other_processes_notes(
    notes: dict[str, Any], library: Any, make_app: MakeApp
) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            first = await open_notes(pilot)
            await set_query(pilot, "ukraine")
            assert set(result_ids(app)) == {notes["rubio"].id, notes["dry"].id}
            await pilot.press("escape")
            # Meanwhile `reader note` (another process) keeps a note that matches.
            budget = notes["budget"]
            text = library.article(budget.id).text
            start = text.index("Ministers")
            other = Library(library.layout.home).annotate(budget.id, start, start + 9, note="ukraine aid?")
            again = await open_notes(pilot)
            assert again is first
            field = again.query_one("#query", Input)
            assert field.value == "ukraine" and field.selection == (0, len("ukraine"))  # typing replaces it
            assert set(result_ids(app)) == {notes["rubio"].id, notes["dry"].id, other.id}
            await pilot.press(*"river")
            await pilot.pause()
            assert field.value == "river" and result_ids(app) == [notes["dry"].id]

    run(scenario())


def test_typing_updates_results_live_with_the_matched_words_marked(notes: dict[str, Any], make_app: MakeApp) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await open_notes(pilot)
            await pilot.press(*"rubio")
            assert result_ids(app) == [notes["rubio"].id]
            assert status(app) == "1 note"
            prompt = app.screen.query_one(NoteResults).get_option_at_index(0).prompt
            assert isinstance(prompt, Content)
            assert "Rubio" in [word for word in marked_words(prompt)]
            assert "Rubio on the stalled talks" in prompt.plain  # the note's first line
            assert "more" not in prompt.plain.split("\n")[1]
            assert "#ukraine #diplomacy" in prompt.plain
            assert "Ceasefire talks resume in Riyadh" in prompt.plain
            await pilot.press(*" OR budget")
            assert set(result_ids(app)) == {notes["rubio"].id, notes["deficit"].id}

    run(scenario())


def test_a_malformed_query_shows_the_message_and_caret_and_keeps_the_results(
    notes: dict[str, Any], make_app: MakeApp
) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await open_notes(pilot)
            await set_query(pilot, "budget")
            assert result_ids(app) == [notes["deficit"].id]
            await set_query(pilot, 'budget "unclosed')
            assert isinstance(app.screen, NotesScreen)
            text = status(app)
            assert "unclosed quote" in text
            assert text.splitlines()[-3:-1] == ['budget "unclosed', "       ^^^^^^^^^"]
            assert "still those of the last query that worked" in text.splitlines()[-1]  # said, not left to guess
            assert app.screen.query_one("#status").has_class("-error")
            assert result_ids(app) == [notes["deficit"].id]
            await set_query(pilot, "[/] [@click=app.quit]x[/] (")  # markup is text, never run
            assert isinstance(app.screen, NotesScreen)
            assert result_ids(app) == [notes["deficit"].id]

    run(scenario())


def test_choosing_a_tag_facet_narrows_the_results(notes: dict[str, Any], make_app: MakeApp) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await open_notes(pilot)
            facets = app.screen.query_one(TagFacets)
            assert facets.counts["ukraine"] == 2
            assert facets.counts["economy"] >= 1
            facets.focus()
            facets.highlighted = list(facets.counts).index("ukraine")
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen.query_one("#query", Input).value == "tag:ukraine"
            assert set(result_ids(app)) == {notes["rubio"].id, notes["dry"].id}
            assert status(app) == "2 notes"

    run(scenario())


def test_no_match_offers_did_you_mean(notes: dict[str, Any], make_app: MakeApp) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await open_notes(pilot)
            await set_query(pilot, "rubbio")
            assert result_ids(app) == []
            text = status(app)
            assert text == "No notes match. Did you mean 'rubio' for 'rubbio'?"

    run(scenario())


def test_enter_opens_the_article_with_the_passage_selected_and_in_view(notes: dict[str, Any], make_app: MakeApp) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await open_notes(pilot)
            await set_query(pilot, "rubio")
            await pilot.press("down", "enter")
            await pilot.pause()
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ArticleScreen)
            assert screen.article.id == notes["talks"].id
            assert screen.get_selected_text() == "Marco Rubio said the talks had stalled"
            reading = screen.reading
            start = notes["rubio"].selector.start
            block = next(v for v in screen.query(BlockView) if v.start <= start < v.start + len(v.block.text))
            top = reading.scroll_y
            assert top > 0
            assert top <= block.virtual_region.y < top + reading.scrollable_content_region.height
            assert screen.neighbours == [notes["talks"].id]

    run(scenario())


def test_up_from_the_first_result_goes_back_to_the_query_so_typing_never_runs_keys(
    notes: dict[str, Any], make_app: MakeApp, library: Library,
) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_notes(pilot)
            await set_query(pilot, "budget")
            await pilot.press("down")
            assert app.focused is screen.query_one(NoteResults)
            await pilot.press("up", *" ed")  # e and d edit and delete in the results: here they are typed
            await pilot.pause()
            assert app.screen is screen
            assert screen.query_one("#query", Input).value == "budget ed"
            assert len(library.annotations()) == 3  # nothing deleted

    run(scenario())


def test_a_note_added_in_the_article_shows_in_the_notes_screen(notes: dict[str, Any], make_app: MakeApp) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await open_notes(pilot)
            await set_query(pilot, "ministers")
            assert result_ids(app) == []
            await set_query(pilot, "budget")
            await pilot.press("down", "enter")
            await pilot.pause()
            await pilot.pause()
            article = app.screen
            assert isinstance(article, ArticleScreen)
            text = article.text
            start = text.index("Ministers blamed")
            article.reading.mark(start, start + len("Ministers blamed"))
            await pilot.press("h")
            await pilot.pause()
            await pilot.press("escape", "escape")  # the caret the passage left, then the article
            await pilot.pause()
            assert isinstance(app.screen, NotesScreen)
            await set_query(pilot, "ministers")
            assert len(result_ids(app)) == 1
            hit = app.screen.query_one(NoteResults).hits[0]
            assert hit.article_id == notes["budget"].id

    run(scenario())


def test_a_saved_search_shows_in_the_side_panel_runs_and_can_be_deleted(
    notes: dict[str, Any], library: Library, make_app: MakeApp
) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await open_notes(pilot)
            await set_query(pilot, "tag:ukraine")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, SaveSearch)
            assert app.screen.query_one("#save-name", Input).value == "tag:ukraine"
            await pilot.press("ctrl+u", *"war", "enter")
            await pilot.pause()
            assert library.searches() == {"war": "tag:ukraine"}
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, LibraryScreen)
            sidebar = app.screen.query_one(LibrarySidebar)
            option = sidebar.get_option(SEARCH_VIEW + "war")
            assert str(option.prompt).split()[-2:] == ["war", "2"]
            await pilot.press("v")
            sidebar.highlighted = sidebar.get_option_index(SEARCH_VIEW + "war")
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, NotesScreen)
            assert app.screen.query_one("#query", Input).value == "tag:ukraine"
            assert set(result_ids(app)) == {notes["rubio"].id, notes["dry"].id}
            await pilot.press("escape")
            await pilot.pause()
            sidebar = app.screen.query_one(LibrarySidebar)
            assert app.focused is sidebar
            await pilot.press("d")
            await pilot.pause()
            assert library.searches() == {}
            assert SEARCH_VIEW + "war" not in [o.id for o in sidebar.options]

    run(scenario())


def test_the_library_filter_speaks_the_search_language(notes: dict[str, Any], make_app: MakeApp) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("slash", *"is:starred")
            await ready(pilot)
            assert shown_titles(app) == ["Ceasefire talks resume in Riyadh"]
            field = app.screen.query_one("#filter", Input)
            field.value = "tag:economy"
            await pilot.pause()
            assert shown_titles(app) == ["Budget vote delayed again"]
            field.value = "title:river"
            await pilot.pause()
            assert shown_titles(app) == ["A river runs dry"]
            field.value = "title:river ("
            await pilot.pause()
            error = app.screen.query_one("#filter-error", Static)
            assert error.display
            assert "(" in str(error.content) and "^" in str(error.content)
            assert shown_titles(app) == ["A river runs dry"]
            field.value = ""
            await pilot.pause()
            assert not error.display
            assert len(shown_titles(app)) == 3

    run(scenario())


def test_notes_screen_snapshot(snap_compare: Any, notes: dict[str, Any], make_app: MakeApp) -> None:
    async def run_before(pilot: Any) -> None:
        await open_notes(pilot)
        await set_query(pilot, "talks OR budget")
        pilot.app.screen.query_one("#query", Input).cursor_blink = False  # the same drawing every run
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)
