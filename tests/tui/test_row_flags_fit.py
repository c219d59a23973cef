"""A library row at 80 columns with long tags, as a new user saw it: the star and unread
marks always show, and what is cut is the tags, with an ellipsis."""

from __future__ import annotations

from datetime import date

from reader.core.store import Library
from reader.tui.widgets.article_list import ArticleList
from tui_helpers import MakeApp, MakeArticle, run

TAGS = ["news", "cinema", "documentary", "baghdad", "war", "festival", "rotterdam"]


def drawn_rows(app: object) -> list[str]:
    rows = app.screen.query_one(ArticleList)  # type: ignore[attr-defined]
    return [rows.render_line(y).text.rstrip() for y in range(rows.scrollable_content_region.height)]


def test_star_and_unread_marks_show_at_80_columns_and_long_tags_are_cut(
    library: Library, make_article: MakeArticle, make_app: MakeApp
) -> None:
    article = make_article("Baghdad Blogger on big screen", ["A film based on the blog.", "It was shown."],
                           source="My Local News", author="Jill Serjeant", published=date(2026, 12, 7))
    library.tag_article(article.id, add=TAGS)
    library.update_article(article.id, starred=True)
    library.annotate(article.id, 0, 6, note="one")
    library.annotate(article.id, 7, 11, note="two")

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            details = next(line for line in drawn_rows(app) if "Jill Serjeant" in line)
            assert details.endswith("· ★ · ●"), details
            assert "#new" in details and "…" in details and "#rotterdam" not in details
            await pilot.resize_terminal(60, 24)  # narrower still: the tags give way first
            await pilot.pause()
            details = next(line for line in drawn_rows(app) if "Jill" in line)
            assert details.endswith("★ · ●"), details
            await pilot.resize_terminal(160, 24)  # wider: more of the tags come back
            await pilot.pause()
            details = next(line for line in drawn_rows(app) if "Jill Serjeant" in line)
            assert "#baghdad #war" in details and details.endswith("· ★ · ●"), details

    run(scenario())
