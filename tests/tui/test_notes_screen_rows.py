"""A Notes screen row says what is the note's and what is its article's: the note's own
tags as its tags, the article's title, date (never the day the note was kept) and tags
said to be the article's, as `reader search` prints them; and the status says what the search
language makes of a capital NOT, as `reader search` does."""

from __future__ import annotations

from datetime import date, datetime, timezone

from textual.widgets import Static

from reader.core.model import Annotation, Selector
from reader.core.store import Library
from reader.tui.widgets.note_results import NoteResults
from test_notes_screen import open_notes
from tui_helpers import SIZE, MakeApp, MakeArticle, run

KEPT = datetime(2026, 12, 7, 9, 30, tzinfo=timezone.utc)


def test_an_untagged_highlight_on_a_tagged_article(library: Library, make_article: MakeArticle,
                                                   make_app: MakeApp) -> None:
    article = make_article("Thousands of UK academics strike", ["Staff on precarious contracts walked out."],
                           published=date(2020, 1, 20))
    library.tag_article(article.id, add=["uk", "welfare"])
    text = library.article(article.id).text
    start = text.index("precarious")
    library.add_annotations([Annotation(id="a" * 32, article_id=article.id,
                                        selector=Selector.at(text, start, start + len("precarious")),
                                        created=KEPT, updated=KEPT)])

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await open_notes(pilot)
            row = app.screen.query_one(NoteResults).get_option_at_index(0).prompt.plain
            last = row.splitlines()[-1]
            assert last == "Thousands of UK academics strike · 20 Jan 2020 · article #uk #welfare", row
            assert "Dec 2026" not in row

    run(scenario())


def test_a_capital_not_in_the_query_says_how_to_exclude(library: Library, make_article: MakeArticle,
                                                        make_app: MakeApp) -> None:
    article = make_article("Minister denies spin", ["Critics called it spin."])
    library.annotate(article.id, 0, len("Critics"))

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_notes(pilot)
            await pilot.press(*"NOT spin")
            await pilot.pause()
            status = str(screen.query_one("#status", Static).content)
            assert status.startswith("No notes match.") and "(-spin)" in status and "'not'" not in status
            await pilot.press("ctrl+u", *"-spin")
            await pilot.pause()
            assert "searched as a word" not in str(screen.query_one("#status", Static).content)

    run(scenario())
