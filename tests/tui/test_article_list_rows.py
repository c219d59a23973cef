"""The library list at 10,000 articles: every row reachable and drawn as two lines (a long
title cut with an ellipsis, never wrapped over the next row), in both densities (issue 16)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from reader.core.model import Article, Block
from reader.core.store import Library
from reader.tui.widgets.article_list import STAR_MARK, ArticleList
from tui_helpers import SIZE, MakeApp, header_text, run

LONG = "A very long headline " + "that goes on and on " * 12 + "THE END"


def drawn(articles: ArticleList) -> list[str]:
    """The list's lines as the user sees them now."""
    return ["".join(segment.text for segment in articles.render_line(y)).rstrip() for y in range(articles.size.height)]


@pytest.fixture
def many(library: Library, monkeypatch: pytest.MonkeyPatch) -> list[Article]:
    start = datetime(2020, 1, 1, tzinfo=timezone.utc)
    generated = []
    for i in range(10_000):
        title = LONG if i == 9_998 else f"Story {i:05d}"
        article = Article.create(title, [Block("paragraph", f"Body {i}.")], source="Wire", author=f"Writer {i % 7}")
        article.blocks = None
        article.added = start + timedelta(hours=i)
        generated.append(article)
    generated.reverse()  # newest added first, like the library
    monkeypatch.setattr(library, "articles", lambda: generated)
    monkeypatch.setattr(library, "note_tallies", lambda: ({}, {}))
    return generated


def test_ten_thousand_rows_the_last_reachable_and_a_long_title_cut_not_wrapped(many: list[Article],
                                                                                 make_app: MakeApp) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            articles = app.screen.query_one(ArticleList)
            assert articles.option_count == 10_000 and header_text(app) == "reader — 10000 articles"
            lines = drawn(articles)
            assert lines[0].strip() == "Story 09999"
            long_line = next(i for i, line in enumerate(lines) if "A very long headline" in line)
            assert lines[long_line].endswith("…") and "THE END" not in lines[long_line]
            assert "Wire · Writer" in lines[long_line + 1]  # its details right under it: no wrapped second line
            assert lines[long_line + 3].strip() == "Story 09997"

            await pilot.press("G")
            await pilot.pause()
            assert articles.highlighted_article_id == many[-1].id
            assert any(line.strip() == "Story 00000" for line in drawn(articles))

            await pilot.press("c")  # compact: one line each
            await pilot.pause()
            assert articles.highlighted_article_id == many[-1].id
            assert any(line.endswith("Story 00000") for line in drawn(articles))
            await pilot.press("g")
            await pilot.pause()
            lines = drawn(articles)
            assert lines[0].endswith("Story 09999") and lines[1].endswith("…") and lines[2].endswith("Story 09997")

    run(scenario())


def test_one_line_rows_say_an_undated_article_date_is_when_it_was_added(library: Library,
                                                                         make_app: MakeApp) -> None:
    """Sorted by date, an undated article sits by the day it was added; the compact row must
    not pass that day off as a published date (the two-line row already says "added")."""
    dated = Article.create("Dated story", [Block("paragraph", "Body.")], source="Wire")
    dated.published = datetime(2024, 3, 12, tzinfo=timezone.utc).date()
    undated = Article.create("Undated story", [Block("paragraph", "Body.")], source="Wire")
    old = Article.create("Old undated story", [Block("paragraph", "Body.")], source="Wire")
    old.added = datetime(2019, 5, 1, tzinfo=timezone.utc)
    for article in (dated, undated, old):
        library.add(article)
    today = undated.added

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("c")
            await pilot.pause()
            lines = drawn(app.screen.query_one(ArticleList))
            row = {title: next(line for line in lines if line.endswith(title))
                   for title in ("Dated story", "Undated story", "Old undated story")}
            assert "12 Mar 2024" in row["Dated story"] and "added" not in row["Dated story"]
            assert f"added {today.day} {today:%b}" in row["Undated story"]
            assert "added 2019" in row["Old undated story"] and "May" not in row["Old undated story"]  # over 300 days

    run(scenario())


def test_the_list_read_again_shows_what_changed_and_keeps_the_rest(library: Library, make_app: MakeApp) -> None:
    """Every return from an article reads the list again: the rows whose article changed
    (read, starred, a note kept) are drawn anew, the others are kept as they were drawn."""
    for day, title in enumerate(("Harbour plan", "Ferry fares", "Bus lanes"), start=1):
        article = Article.create(title, [Block("paragraph", f"{title}. Body.")], source="Wire")
        article.added = datetime(2025, 3, day, tzinfo=timezone.utc)
        library.add(article)

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            articles = app.screen.query_one(ArticleList)
            rows = {row.article.title: row for row in articles._rows}
            ferry = rows["Ferry fares"].article
            library.update_article(ferry.id, starred=True)
            library.annotate(ferry.id, 0, 5, note="fares?")
            articles.show(library.articles(), library.note_tallies()[0])
            await pilot.pause()
            again = {row.article.title: row for row in articles._rows}
            assert again["Harbour plan"] is rows["Harbour plan"] and again["Bus lanes"] is rows["Bus lanes"]
            assert again["Ferry fares"] is not rows["Ferry fares"]
            lines = drawn(articles)
            title = next(i for i, line in enumerate(lines) if line.endswith("Ferry fares"))
            assert "1 note" in lines[title + 1] and STAR_MARK in lines[title + 1]  # drawn with its note and star
            assert articles.shown_ids == [a.id for a in library.articles()]  # newest first, as before

    run(scenario())
