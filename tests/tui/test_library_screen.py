"""The library screen: filter as you type, side-panel views, sorting, opening, and a big library."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from textual.screen import Screen
from textual.widgets import Input, Static

import reader.tui.navigation as navigation_module
from reader.core.model import Article, Block
from reader.core.store import Library
from reader.tui.screens.library import LibraryScreen
from reader.tui.widgets.article_list import STAR_MARK, ArticleList
from reader.tui.widgets.library_sidebar import LibrarySidebar
from tui_helpers import SIZE, MakeApp, header_text, run


class OpenedStub(Screen[str]):
    """Stands in for the article screen: the library screen's part ends at pushing it."""

    def __init__(self, library: Library, article: Article, neighbours: list[str]) -> None:
        super().__init__()
        self.article = article
        self.neighbours = neighbours


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(navigation_module, "ArticleScreen", OpenedStub)  # every screen opens articles there


def add(library: Library, title: str, *, source: str, author: str | None, day: int, **state: object) -> Article:
    article = Article.create(title, [Block("paragraph", f"{title}. Body text of the article.")], source=source, author=author)
    article.added = datetime(2025, 3, day, 9, 0, tzinfo=timezone.utc)
    article = library.add(article)[0]
    if "tags" in state:
        library.tag_article(article.id, add=state.pop("tags"))  # type: ignore[arg-type]
    if state:
        library.update_article(article.id, **state)
    return article


@pytest.fixture
def handful(library: Library) -> dict[str, Article]:
    articles = {
        "cafe": add(library, "Café culture in Zürich", source="Le Monde", author="Élodie Martin", day=5,
                    tags=["travel", "food"], starred=True),
        "budget": add(library, "Budget talks stall", source="Reuters", author="Ann Clerk", day=4, tags=["politics"]),
        "river": add(library, "A river runs dry", source="The Guardian", author=None, day=3, tags=["climate"], read=True),
        "vote": add(library, "Vote count delayed", source="AP", author="Bo Reporter", day=2,
                    tags=["politics"], starred=True, read=True),
        "zebra": add(library, "Zebra crossings return", source="City Desk", author="Cy Writer", day=1),
    }
    library.annotate(articles["budget"].id, 0, 6, note="stall?")
    library.annotate(articles["budget"].id, 7, 12)
    library.annotate(articles["river"].id, 0, 7)
    return articles


def shown_titles(app: object) -> list[str]:
    articles = app.screen.query_one(ArticleList)  # type: ignore[attr-defined]
    return [str(articles.get_option(i).prompt).split("\n")[0] for i in articles.shown_ids]


def sidebar_entries(app: object) -> dict[str, str]:
    sidebar = app.screen.query_one(LibrarySidebar)  # type: ignore[attr-defined]
    return {option.id: " ".join(str(option.prompt).split()) for option in sidebar.options}


async def choose_view(pilot: object, view: str) -> None:
    app = pilot.app  # type: ignore[attr-defined]
    sidebar = app.screen.query_one(LibrarySidebar)
    await pilot.press("v")  # type: ignore[attr-defined]
    assert app.focused is sidebar
    sidebar.highlighted = sidebar.get_option_index(view)
    await pilot.press("enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


def test_rows_show_tags_star_notes_and_the_sort(handful: dict[str, Article], make_app: MakeApp) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            rows = app.screen.query_one(ArticleList)
            cafe = str(rows.get_option(handful["cafe"].id).prompt)
            assert cafe.startswith("Café culture in Zürich\nLe Monde · Élodie Martin · added 5 Mar 2025 · 1 min")
            assert "#travel #food" in cafe and STAR_MARK in cafe
            assert "2 notes" in str(rows.get_option(handful["budget"].id).prompt)
            assert STAR_MARK not in str(rows.get_option(handful["budget"].id).prompt)
            assert "newest" in str(app.screen.query_one("#sort").visual)
            assert header_text(app) == "reader — 5 articles"

    run(scenario())


def test_typing_a_filter_narrows_the_list_and_escape_clears_it(handful: dict[str, Article], make_app: MakeApp) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert len(shown_titles(app)) == 5
            await pilot.press("slash")
            assert isinstance(app.focused, Input)
            await pilot.press(*"CAFE")  # case- and accent-insensitive
            await pilot.pause()
            assert shown_titles(app) == ["Café culture in Zürich"]
            assert header_text(app) == "reader — 1 of 5 articles"
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen.query_one("#filter", Input).value == ""
            assert isinstance(app.focused, ArticleList)
            assert len(shown_titles(app)) == 5
            assert header_text(app) == "reader — 5 articles"
            # sources, authors and #tags match too; several words must all match
            for query, expected in [
                ("reuters", ["Budget talks stall"]),
                ("elodie", ["Café culture in Zürich"]),
                ("#politics", ["Budget talks stall", "Vote count delayed"]),
                ("politics ap", ["Vote count delayed"]),
                ("nothing like this", []),
            ]:
                await pilot.press("slash", *query)
                await pilot.pause()
                assert shown_titles(app) == expected, query
                assert app.screen.query_one("#empty").display is (not expected)
                await pilot.press("escape")
                await pilot.pause()

    run(scenario())


def test_side_panel_views_filter_with_the_right_counts(handful: dict[str, Article], make_app: MakeApp) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            entries = sidebar_entries(app)
            assert list(entries) == [
                "all", "unread", "starred", "annotated", "tag:climate", "tag:food", "tag:politics", "tag:travel",
            ]
            assert entries["all"] == "▸ All 5"
            assert entries["unread"] == "Unread 3"
            assert entries["starred"] == "Starred 2"
            assert entries["annotated"] == "Annotated 2"
            assert entries["tag:politics"] == "#politics 2"
            assert entries["tag:food"] == "#food 1"
            for view, titles in [
                ("unread", ["Café culture in Zürich", "Budget talks stall", "Zebra crossings return"]),
                ("starred", ["Café culture in Zürich", "Vote count delayed"]),
                ("annotated", ["Budget talks stall", "A river runs dry"]),
                ("tag:politics", ["Budget talks stall", "Vote count delayed"]),
                ("all", [a.title for a in handful.values()]),
            ]:
                await choose_view(pilot, view)
                assert shown_titles(app) == titles, view
                assert isinstance(app.focused, ArticleList)
                assert sidebar_entries(app)[view].startswith("▸")
            # a view combines with the text filter
            await choose_view(pilot, "tag:politics")
            await pilot.press("slash", *"vote")
            await pilot.pause()
            assert shown_titles(app) == ["Vote count delayed"]
            assert header_text(app) == "reader — 1 of 5 articles · #politics"
            # nothing in this view: the empty list says how many the words match in All
            await pilot.press("escape")
            await choose_view(pilot, "starred")
            await pilot.press("slash", *"budget")
            await pilot.pause()
            assert shown_titles(app) == []
            assert str(app.screen.query_one("#empty", Static).render()) == "No match in this view (1 article in All)."

    run(scenario())


def test_sorting_cycles_date_title_source_notes(handful: dict[str, Article], make_app: MakeApp) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert shown_titles(app) == [a.title for a in handful.values()]  # newest first
            await pilot.press("s")
            assert "title" in str(app.screen.query_one("#sort").visual)
            assert shown_titles(app) == [
                "A river runs dry", "Budget talks stall", "Café culture in Zürich", "Vote count delayed",
                "Zebra crossings return",
            ]
            await pilot.press("s")
            assert "source" in str(app.screen.query_one("#sort").visual)
            sources = [app.screen.query_one(ArticleList).get_option(i).prompt for i in app.screen.query_one(ArticleList).shown_ids]
            assert [str(p).split("\n")[1].split(" · ")[0] for p in sources] == [
                "AP", "City Desk", "Le Monde", "Reuters", "The Guardian",
            ]
            await pilot.press("s")
            assert "notes" in str(app.screen.query_one("#sort").visual)
            assert shown_titles(app)[:2] == ["Budget talks stall", "A river runs dry"]
            await pilot.press("s")
            assert "newest" in str(app.screen.query_one("#sort").visual)

    run(scenario())


def test_enter_opens_the_highlighted_article(handful: dict[str, Article], make_app: MakeApp, opened: None) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("slash", *"zebra", "enter")  # Enter in the filter opens the first article found
            await pilot.pause()
            assert isinstance(app.screen, OpenedStub)
            assert app.screen.article.id == handful["zebra"].id
            assert app.screen.article.blocks is not None
            assert app.screen.neighbours == [handful["zebra"].id]  # [ and ] follow the filtered list
            app.pop_screen()
            await pilot.pause()
            assert isinstance(app.screen, LibraryScreen)
            assert shown_titles(app) == ["Zebra crossings return"]  # the filter is kept
            assert isinstance(app.focused, ArticleList)  # back on the list, not in the filter
            assert app.screen.query_one(ArticleList).highlighted_article_id == handful["zebra"].id
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen.query_one(ArticleList).highlighted_article_id == handful["zebra"].id  # kept
            await pilot.press("home", "down", "enter")
            await pilot.pause()
            assert isinstance(app.screen, OpenedStub)
            assert app.screen.article.id == handful["budget"].id

    run(scenario())


def test_down_in_the_filter_goes_to_the_list(handful: dict[str, Article], make_app: MakeApp) -> None:
    """As on the Notes and Entities screens: Down leaves the query for the results, so the
    next key acts on the list rather than being typed into the filter."""
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("slash", *"r", "down")
            await pilot.pause()
            assert isinstance(app.focused, ArticleList)
            await pilot.press("down", "asterisk")
            await pilot.pause()
            assert app.screen.query_one("#filter", Input).value == "r"
            starred = app.screen.query_one(ArticleList).highlighted_article_id
            assert starred == app.screen.query_one(ArticleList).shown_ids[1]
            assert app.library.article_state(starred).starred

    run(scenario())


def test_bindings_have_ids_and_tooltips() -> None:
    ids = {binding.id: binding.tooltip for binding in LibraryScreen.BINDINGS}  # type: ignore[union-attr]
    assert {"library.filter", "library.sort", "library.views", "library.clear"} <= ids.keys()
    assert all(ids.values())


def test_a_big_library_mounts_and_filters(
    library: Library, make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 2,225 index entries as `Library.articles()` returns them (no bodies); writing them
    # through TinyDB one by one would take half a minute and test nothing of the screen.
    sources = ["Reuters", "AP", "Le Monde", "The Guardian", "City Desk"]
    start = datetime(2020, 1, 1, tzinfo=timezone.utc)
    generated = []
    for i in range(2225):
        article = Article.create(
            f"Story {i:04d} about {'élections' if i % 10 == 0 else 'weather'}",
            [Block("paragraph", f"Body {i}.")],
            source=sources[i % 5],
            author=f"Writer {i % 7}",
        )
        article.blocks = None
        article.added = start + timedelta(hours=i)
        article.tags = ["big"] if i % 3 == 0 else []
        generated.append(article)
    generated.reverse()  # newest added first, like the library
    monkeypatch.setattr(library, "articles", lambda: generated)
    monkeypatch.setattr(library, "note_tallies", lambda: ({generated[0].id: 2}, {}))

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            articles = app.screen.query_one(ArticleList)
            assert articles.option_count == 2225
            assert header_text(app) == "reader — 2225 articles"
            await pilot.press("slash", *"ELECTIONS")
            await pilot.pause()
            assert articles.option_count == 223
            assert shown_titles(app)[0] == "Story 2220 about élections"
            await pilot.press(*" reuters")
            await pilot.pause()
            assert articles.option_count == 223  # i % 10 == 0 implies i % 5 == 0: all Reuters
            await pilot.press("escape")
            await pilot.pause()
            assert articles.option_count == 2225
            assert " ".join(str(app.screen.query_one(LibrarySidebar).get_option("tag:big").prompt).split()) == "#big 742"
            await choose_view(pilot, "tag:big")
            assert articles.option_count == 742
            await choose_view(pilot, "annotated")
            assert shown_titles(app) == ["Story 2224 about weather"]

    run(scenario())


def test_a_to_z_reads_past_quote_marks_and_ties_keep_one_order(library: Library, make_app: MakeApp) -> None:
    """'"Parasite" wins' files under P, not before A; articles added in the same moment
    (one `reader add` of a folder) come back in the same order after a round of `s`."""
    same = datetime(2025, 3, 9, 9, 0, tzinfo=timezone.utc)
    for title in ("Budget talks stall", "“Parasite” wins the top prize", "'Errors' admitted", "A river runs dry",
                  "Zebra crossings return", "Ports reopen"):
        article = Article.create(title, [Block("paragraph", f"{title}. Body.")], source="Wire")
        article.added = same
        library.add(article)

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            newest = shown_titles(app)
            await pilot.press("s")
            assert shown_titles(app) == [
                "A river runs dry", "Budget talks stall", "'Errors' admitted", "“Parasite” wins the top prize",
                "Ports reopen", "Zebra crossings return",
            ]
            await pilot.press("s", "s", "s")
            assert "newest" in str(app.screen.query_one("#sort").visual)
            assert shown_titles(app) == newest

    run(scenario())
