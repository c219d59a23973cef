"""The Entities screen (ctrl+n from anywhere), an entity's page and the related articles.

Analyses are stored up front (`Library.save_analysis`), so no tagger runs. The ledger
is built in a thread the first time it is needed; `ready()` waits for that build to
end (no sleeping, no timing in the assertions).
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

import pytest
from textual.widgets import Input

from reader.core.analysis import ANALYZER_VERSION
from reader.core.model import Analysis, Article, Entity, Quote
from reader.core.store import Library
from reader.tui.screens.article import ArticleScreen
from reader.tui.screens.entities import ConfirmMerge, EntitiesScreen
from reader.tui.screens.entity_page import EntityPageScreen
from reader.tui.screens.entity_split import ChooseSplit
from reader.tui.screens.related import RelatedScreen
from reader.tui.widgets.entity_rows import EntityRows, ItemList, QuoteRows
from tui_helpers import SIZE, MakeApp, MakeArticle, run

HOSTILE = "[@click=app.quit]Mallory[/]"


def analyse(library: Library, article: Article, names: list[tuple[str, str, str]],
            quotes: list[tuple[str, str | None]] = ()) -> None:  # type: ignore[assignment]
    """Store an analysis: (surface text, type, canonical name) for every occurrence of the
    surface text; (quote words, speaker) for quotes in straight double quotes."""
    text = library.article(article.id).text
    entities: list[Entity] = []
    for surface, kind, name in names:
        start = text.find(surface)
        assert start >= 0, surface
        while start >= 0:
            entities.append(Entity(start, start + len(surface), kind, surface, name))  # type: ignore[arg-type]
            start = text.find(surface, start + len(surface))
    found: list[Quote] = []
    for words, speaker in quotes:
        start = text.index(f'"{words}')
        end = text.index('"', start + 1) + 1
        found.append(Quote(start, end, words, speaker))
    entities.sort(key=lambda e: e.start)
    library.save_analysis(article.id, Analysis(ANALYZER_VERSION, tuple(entities), tuple(found)))


@pytest.fixture
def story(library: Library, make_article: MakeArticle) -> dict[str, Article]:
    def added(day: int) -> datetime:
        return datetime(2025, 3, day, 9, 0, tzinfo=timezone.utc)

    kyiv = make_article(
        "Zelensky meets envoys in Kyiv",
        ['Volodymyr Zelensky met the envoys in Kyiv on Monday. "We want peace now," Zelensky told them.'],
        source="BBC News", published=date(2025, 3, 10), added=added(10),
    )
    analyse(library, kyiv, [("Volodymyr Zelensky", "PER", "Volodymyr Zelensky"), ("Kyiv", "LOC", "Kyiv")],
            [("We want peace now,", "Volodymyr Zelensky")])
    riyadh = make_article(
        "Zelenskyy and Rubio talk ceasefire in Riyadh",
        ["Zelenskyy spoke to Marco Rubio in Riyadh about the ceasefire. Zelenskyy asked for guarantees."],
        source="Reuters", published=date(2025, 3, 12), added=added(12),
    )
    analyse(library, riyadh, [("Zelenskyy", "PER", "Zelenskyy"), ("Marco Rubio", "PER", "Marco Rubio"),
                              ("Riyadh", "LOC", "Riyadh")])
    same_story = make_article(
        "Rubio meets Zelenskyy in Riyadh",
        ['Marco Rubio met Zelenskyy in Riyadh. "The talks went well," Marco Rubio said afterwards.'],
        source="AP", published=date(2025, 3, 11), added=added(11),
    )
    analyse(library, same_story, [("Zelenskyy", "PER", "Zelenskyy"), ("Marco Rubio", "PER", "Marco Rubio"),
                                  ("Riyadh", "LOC", "Riyadh")], [("The talks went well,", "Marco Rubio")])
    budget = make_article(
        "Zürich council approves its budget",
        ["The council in Zürich approved the budget. Marco Rubio was not mentioned there."],
        source="City Desk", published=date(2025, 3, 5), added=added(5),
    )
    analyse(library, budget, [("Zürich", "LOC", "Zürich"), ("Marco Rubio", "PER", "Marco Rubio")])
    hostile = make_article(
        "[bold]Markup[/] in a title [TODO]",
        [f'{HOSTILE} wrote a note. "[red]Run[/] this," {HOSTILE} said.'],
        source="[/]", published=date(2025, 3, 1), added=added(1),
    )
    analyse(library, hostile, [(HOSTILE, "PER", HOSTILE)], [("[red]Run[/] this,", HOSTILE)])
    return {"kyiv": kyiv, "riyadh": riyadh, "same": same_story, "budget": budget, "hostile": hostile}


async def ready(pilot: Any) -> None:
    """The ledger's first build is over and the screen has drawn it."""
    await pilot.pause()
    await pilot.app.entities.wait()
    await pilot.pause()
    await pilot.pause()


async def open_entities(pilot: Any) -> EntitiesScreen:
    await pilot.press("ctrl+n")
    await ready(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, EntitiesScreen)
    return screen


def rows(app: Any) -> list[str]:
    return app.screen.query_one(EntityRows).row_texts()


def row_of(app: Any, name: str) -> str:
    found = [row for row in rows(app) if f" {name} " in row]
    assert len(found) == 1, (name, rows(app))
    return found[0]


async def set_filter(pilot: Any, text: str) -> None:
    field = pilot.app.screen.query_one("#entity-filter", Input)
    field.value = text
    await pilot.pause()


async def open_page(pilot: Any, name: str) -> EntityPageScreen:
    await open_entities(pilot)
    await set_filter(pilot, name)
    await pilot.press("enter")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, EntityPageScreen)
    return screen


def test_nothing_is_built_before_it_is_asked_for_and_entities_show_on_first_open(
    story: dict[str, Article], library: Library, config_dir: Any
) -> None:
    """As `reader` starts the app: a reader who only reads never pays for the index, the ledger
    or the Entities screen (memory); ctrl+n builds them then, and the rows show."""
    from reader.tui.app import ReaderApp

    async def scenario() -> None:
        app = ReaderApp(library, config_dir=config_dir)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause(0.3)
            await app.workers.wait_for_complete()
            assert not app.search.ready and not app.entities.ready
            assert not app.is_screen_installed("entities") and not app.is_screen_installed("notes")
            screen = await open_entities(pilot)
            assert app.entities.ready and app.search.ready
            assert "Marco Rubio" in row_of(app, "Marco Rubio") and screen.rows.option_count > 0

    run(scenario())


def test_a_read_ahead_builds_the_ledger_and_the_screen_shows_it_at_once(
    story: dict[str, Article], library: Library, config_dir: Any
) -> None:
    from reader.tui.app import ReaderApp

    async def scenario() -> None:
        app = ReaderApp(library, config_dir=config_dir, read_ahead=0.05)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause(0.2)
            await app.entities.wait()
            assert app.entities.ready and app.search.ready  # no screen asked for them
            assert not app.is_screen_installed("entities")  # no screen drawn unseen
            await pilot.press("ctrl+n")
            await pilot.pause()
            assert isinstance(app.screen, EntitiesScreen)
            assert "Marco Rubio" in row_of(app, "Marco Rubio")

    run(scenario())


def test_entities_screen_groups_and_counts(story: dict[str, Article], make_app: MakeApp) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await open_entities(pilot)
            shown = rows(app)
            assert shown[0] == "People (4)"
            assert "Places (3)" in shown
            assert shown.index("Places (3)") > shown.index("People (4)")
            rubio = row_of(app, "Marco Rubio")
            assert rubio.endswith("3 articles · 4 mentions · 1 quote"), rubio
            assert row_of(app, "Kyiv").endswith("1 article · 1 mention")
            # The key is the app's: from the library again after going back.
            first = app.screen
            kept_rows = first.query_one(EntityRows).get_option_at_index(1)
            await pilot.press("escape")
            assert not isinstance(app.screen, EntitiesScreen)
            # Reopened: the same screen, its rows not rebuilt, since nothing changed...
            again = await open_entities(pilot)
            assert again is first and again.query_one(EntityRows).get_option_at_index(1) is kept_rows
            # ...but a note kept meanwhile shows in the counts at once.
            await pilot.press("escape")
            kyiv = story["kyiv"]
            text = app.library.article(kyiv.id).text
            app.library.annotate(kyiv.id, text.index("Kyiv"), text.index("Kyiv") + 4, note="here")
            await open_entities(pilot)
            assert row_of(app, "Kyiv").endswith("1 article · 1 mention · 1 note")

    run(scenario())


def test_filter_narrows_ignoring_case_and_accents(story: dict[str, Article], make_app: MakeApp) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await open_entities(pilot)
            await pilot.press(*"RUB")  # the filter has the focus
            assert [row.strip() for row in rows(app)][0] == "People (1)"
            assert len(rows(app)) == 2 and "Marco Rubio" in rows(app)[1]
            await set_filter(pilot, "zurich")
            assert rows(app)[0] == "Places (1)" and "Zürich" in rows(app)[1]
            await set_filter(pilot, "nobody at all")
            assert rows(app) == []
            assert "No name matches" in str(app.screen.query_one("#entity-status").content)

    run(scenario())


def test_page_lists_articles_newest_first_and_quotes(story: dict[str, Article], make_app: MakeApp) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            page = await open_page(pilot, "rubio")
            assert page.page.name == "Marco Rubio"
            articles = page.query_one("#entity-articles", ItemList)
            assert [ref.id for ref in articles.items] == [story["riyadh"].id, story["same"].id, story["budget"].id]
            first = str(articles.get_option_at_index(0).prompt)
            assert first.startswith("12 Mar 2025") and "Reuters" in first and "Zelenskyy and Rubio" in first
            quotes = page.query_one("#entity-quotes", QuoteRows)
            assert [q.text for q in quotes.items] == ["The talks went well,"]
            assert "“The talks went well,”" in str(quotes.get_option_at_index(0).prompt)
            # Enter on an article reads it.
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ArticleScreen) and app.screen.article.id == story["riyadh"].id

    run(scenario())


def test_a_second_entity_reuses_the_page_screen_from_the_top(story: dict[str, Article], make_app: MakeApp) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            first = await open_page(pilot, "rubio")
            articles = first.query_one("#entity-articles", ItemList)
            await pilot.press("down")
            assert articles.highlighted == 1
            await pilot.press("escape")
            await set_filter(pilot, "zelenskyy")
            await pilot.press("enter")
            await pilot.pause()
            second = app.screen
            assert second is first  # the same screen, shown again with the other entity
            assert second.page.name == "Zelenskyy" and second.sub_title == "Zelenskyy"
            assert [ref.id for ref in articles.items] == [story["riyadh"].id, story["same"].id]
            assert articles.highlighted == 0 and articles.has_focus
            assert "Marco Rubio" not in str(second.query_one("#entity-head").content)
            assert second.query_one("#entity-quotes", QuoteRows).items == []

    run(scenario())


def test_a_page_read_ahead_is_not_shown_stale(story: dict[str, Article], library: Library, make_app: MakeApp) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_entities(pilot)
            await set_filter(pilot, "kyiv")
            await pilot.pause(0.4)  # the highlight rests: Kyiv's page is read ahead
            assert screen._ready_page is not None and screen._ready_page.name == "Kyiv"
            await pilot.press("escape")
            kyiv = story["kyiv"]
            text = library.article(kyiv.id).text
            kept = library.annotate(kyiv.id, text.index("Kyiv"), text.index("Kyiv") + 4, note="here")
            await open_entities(pilot)
            await pilot.press("enter")
            await pilot.pause()
            page = app.screen
            assert isinstance(page, EntityPageScreen) and page.page.name == "Kyiv"
            assert [n.id for n in page.query_one("#entity-notes", ItemList).items] == [kept.id]

    run(scenario())


def test_enter_on_a_quote_opens_the_article_with_it_selected(story: dict[str, Article], make_app: MakeApp) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            page = await open_page(pilot, "rubio")
            quote = page.query_one("#entity-quotes", QuoteRows).items[0]
            await pilot.press("q", "enter")
            for _ in range(4):
                await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ArticleScreen) and screen.article.id == story["same"].id
            assert screen.reading.selected_range() == (quote.start, quote.end)
            assert screen.text[quote.start:quote.end] == '"The talks went well,"'

    run(scenario())


def test_h_keeps_the_quote_as_a_highlight(story: dict[str, Article], library: Library, make_app: MakeApp) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await open_page(pilot, "rubio")
            await pilot.press("q", "h")
            await pilot.pause()
            kept = library.annotations(story["same"].id)
            assert [a.quote for a in kept] == ['"The talks went well,"']
            assert kept[0].note == ""
            assert any("Highlight kept" in str(n.message) for n in app._notifications)
            # The page shows it at once among the notes on the entity (it sits on its quote).
            page = app.screen
            assert isinstance(page, EntityPageScreen)
            assert [n.id for n in page.query_one("#entity-notes", ItemList).items] == [kept[0].id]
            # A second h on the same quote keeps nothing twice and says so.
            page.query_one("#entity-quotes", QuoteRows).focus()
            await pilot.press("h")
            await pilot.pause()
            assert [a.id for a in library.annotations(story["same"].id)] == [kept[0].id]
            assert any("kept already" in str(n.message) for n in app._notifications)
            # The kept passage brings its own quote marks: it is shown quoted once.
            shown = str(page.query_one("#entity-notes", ItemList).get_option_at_index(0).prompt)
            assert "“The talks went well,”" in shown and '"' not in shown

    run(scenario())


def test_merge_two_spellings_persists(story: dict[str, Article], make_app: MakeApp) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await open_entities(pilot)
            await set_filter(pilot, "zelensk")
            names = [row for row in rows(app) if "Zelensk" in row]
            assert len(names) == 2, rows(app)
            assert row_of(app, "Zelenskyy").endswith("2 articles · 3 mentions")
            listing = app.screen.query_one(EntityRows)
            listing.focus()
            await pilot.pause()
            # Mark "Zelenskyy", then highlight "Volodymyr Zelensky" and merge into it.
            listing.highlighted = next(i for i, t in enumerate(rows(app)) if " Zelenskyy " in t)
            await pilot.press("space")
            assert "●" in row_of(app, "Zelenskyy")
            listing.highlighted = next(i for i, t in enumerate(rows(app)) if " Volodymyr Zelensky " in t)
            await pilot.press("m")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmMerge)
            question = str(app.screen.query_one("#ask-question").content)
            assert question == "Zelenskyy becomes Volodymyr Zelensky?"
            await pilot.press("y")
            await pilot.pause()
            merged = [row for row in rows(app) if "Zelensk" in row]
            assert len(merged) == 1
            assert merged[0].endswith("3 articles · 4 mentions · 1 quote"), merged  # 2+1 articles, 3+1 mentions

        # A new app: the merge was stored.
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await open_entities(pilot)
            await set_filter(pilot, "zelensk")
            merged = [row for row in rows(app) if "Zelensk" in row]
            assert len(merged) == 1 and "Volodymyr Zelensky" in merged[0]
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen.page.aliases == ("Zelenskyy",)

    run(scenario())


def test_merge_without_marks_says_how(story: dict[str, Article], make_app: MakeApp) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await open_entities(pilot)
            app.screen.query_one(EntityRows).focus()
            await pilot.press("m")
            await pilot.pause()
            assert isinstance(app.screen, EntitiesScreen)
            assert any("Mark the names" in str(n.message) for n in app._notifications)

    run(scenario())


def test_related_lists_the_same_story_first(story: dict[str, Article], make_app: MakeApp) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            library_ids = [a.id for a in app.library.articles()]
            from reader.tui.widgets.article_list import ArticleList

            app.screen.query_one(ArticleList).highlighted = library_ids.index(story["riyadh"].id)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ArticleScreen) and app.screen.article.id == story["riyadh"].id
            await pilot.press("r")
            await ready(pilot)
            await app.workers.wait_for_complete()  # the list finds its articles in a thread
            await pilot.pause()
            related = app.screen
            assert isinstance(related, RelatedScreen) and not related.finding
            refs = [ref for ref, _score in related.query_one(ItemList).items]
            assert refs[0].id == story["same"].id
            assert "Rubio meets Zelenskyy in Riyadh" in str(related.query_one(ItemList).get_option_at_index(0).prompt)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ArticleScreen) and app.screen.article.id == story["same"].id
            await pilot.press("escape")  # back to the article it was opened from
            await pilot.pause()
            assert isinstance(app.screen, ArticleScreen) and app.screen.article.id == story["riyadh"].id

    run(scenario())


def test_hostile_names_are_shown_literally(story: dict[str, Article], make_app: MakeApp) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await open_entities(pilot)
            await set_filter(pilot, "mallory")
            assert HOSTILE in rows(app)[1]
            await pilot.press("enter")
            await pilot.pause()
            page = app.screen
            assert isinstance(page, EntityPageScreen)
            assert str(page.query_one("#entity-head").content).startswith(HOSTILE)
            article = str(page.query_one("#entity-articles", ItemList).get_option_at_index(0).prompt)
            assert "[bold]Markup[/] in a title [TODO]" in article and "[/]" in article
            quote = str(page.query_one("#entity-quotes", QuoteRows).get_option_at_index(0).prompt)
            assert "“[red]Run[/] this,”" in quote
            assert app.is_running  # nothing ran app.quit

    run(scenario())


def test_entity_page_snapshot(snap_compare: Any, story: dict[str, Article], library: Library,
                              make_app: MakeApp) -> None:
    text = library.article(story["same"].id).text
    start = text.index("Marco Rubio met")
    library.annotate(story["same"].id, start, start + len("Marco Rubio met Zelenskyy"), note="Who asked for the meeting?")

    async def run_before(pilot: Any) -> None:
        await open_page(pilot, "marco")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_split_a_name_joined_into_the_highlighted_entity(
    library: Library, make_article: MakeArticle, make_app: MakeApp
) -> None:
    full = make_article("Labour plans", ['Tony Blair spoke in Leeds. "We will win," Tony Blair said.'])
    analyse(library, full, [("Tony Blair", "PER", "Tony Blair"), ("Leeds", "LOC", "Leeds")],
            [("We will win,", "Tony Blair")])
    short = make_article("Blair speaks", ['Blair spoke in Leeds. "No row," Blair said.'])
    analyse(library, short, [("Blair", "PER", "Blair"), ("Leeds", "LOC", "Leeds")], [("No row,", "Blair")])

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await open_entities(pilot)
            await set_filter(pilot, "blair")
            assert len(rows(app)) == 2  # "Blair" counts as the library's one Blair with a first name
            assert row_of(app, "Tony Blair").endswith("2 articles · 4 mentions · 2 quotes")
            listing = app.screen.query_one(EntityRows)
            listing.focus()
            listing.highlighted = next(i for i, t in enumerate(rows(app)) if " Tony Blair " in t)
            await pilot.press("s")
            await pilot.pause()
            assert isinstance(app.screen, ChooseSplit) and app.screen.names == ["Blair"]
            await pilot.press("enter")
            await ready(pilot)
            assert isinstance(app.screen, EntitiesScreen)
            assert row_of(app, "Tony Blair").endswith("1 article · 2 mentions · 1 quote")
            apart = [row for row in rows(app) if row.split() and row.split()[0] == "Blair"]
            assert len(apart) == 1 and apart[0].endswith("1 article · 2 mentions · 1 quote")
            assert library.aliases() == {"Blair": "Blair"}
            # Nothing else is joined into Tony Blair now: s says so.
            listing.highlighted = next(i for i, t in enumerate(rows(app)) if " Tony Blair " in t)
            await pilot.press("s")
            await pilot.pause()
            assert isinstance(app.screen, EntitiesScreen)
            assert any("No other name is joined" in str(n.message) for n in app._notifications)

    run(scenario())


def test_related_shows_at_once_and_fills_when_found(story: dict[str, Article], make_app: MakeApp) -> None:
    """The list is on screen, saying it is looking, while the ledger is still re-read and searched."""
    import threading

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            ledger = await app.entities.wait() if app.entities.request() is None else app.entities.ledger
            release = threading.Event()
            found = ledger.related

            def slow_related(article_id: str, limit: int = 10) -> Any:
                assert release.wait(10), "never released"
                return found(article_id, limit)

            ledger.related = slow_related  # type: ignore[method-assign]
            from reader.tui.navigation import open_article

            await open_article(app, app.library, story["riyadh"].id)
            await pilot.pause()
            await pilot.press("r")
            await pilot.pause()
            related = app.screen
            assert isinstance(related, RelatedScreen) and related.finding
            listing = related.query_one(ItemList)
            assert str(listing.get_option_at_index(0).prompt) == "Finding related articles…"
            release.set()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert not related.finding and listing.items[0][0].id == story["same"].id
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ArticleScreen) and app.screen.article.id == story["same"].id

    run(scenario())


def test_ctrl_n_again_selects_the_old_filter_so_typing_starts_a_new_one(story: dict[str, Article], make_app: MakeApp) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = await open_entities(pilot)
            await pilot.press(*"kyiv")
            await pilot.press("escape")  # back to the library
            await pilot.pause()
            assert not isinstance(app.screen, EntitiesScreen)
            await open_entities(pilot)
            await pilot.press(*"rubio")
            await pilot.pause()
            assert screen.filter_text == "rubio"
            await pilot.press("ctrl+n")  # from the screen itself: the filter, selected again
            await pilot.press(*"kyiv")
            assert screen.filter_text == "kyiv"

    run(scenario())


def test_ctrl_n_from_an_article_starts_on_the_name_its_panel_shows(story: dict[str, Article], make_app: MakeApp) -> None:
    """A newsboat user found no key from an article's panel to a person's page: ctrl+n opens
    the Entities screen filtered on the highlighted name, and Enter opens its page."""
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("enter")  # the newest: "Zelenskyy and Rubio talk ceasefire in Riyadh"
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.press("1", "j")  # the Entities tab, its second name
            await pilot.pause()
            assert app.screen.entity_in_view() == "Marco Rubio"
            await pilot.press("ctrl+n")
            await ready(pilot)
            assert isinstance(app.screen, EntitiesScreen)
            assert app.screen.query_one("#entity-filter", Input).value == "Marco Rubio"
            assert [row.split()[:2] for row in rows(app) if "Rubio" in row] == [["Marco", "Rubio"]]
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, EntityPageScreen) and app.screen.page.name == "Marco Rubio"

    run(scenario())
