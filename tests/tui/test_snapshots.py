"""SVG snapshots of whole screens; regenerate with `pytest tests/tui --snapshot-update`.

Every date on screen is fixed, so a snapshot changes only when the drawing does.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

from reader.core.model import Article, Block, Feed
from reader.core.store import Library
from tui_helpers import SIZE, MakeApp, MakeArticle


def added(day: int) -> datetime:
    return datetime(2025, 3, day, 9, 30, tzinfo=timezone.utc)


def test_library_screen(snap_compare: Any, library: Library, make_article: MakeArticle, make_app: MakeApp) -> None:
    three_articles(library, make_article)
    assert snap_compare(make_app(), terminal_size=SIZE)


def three_articles(library: Library, make_article: MakeArticle) -> None:
    """Unread with notes; read, with markup in its title and byline; unread and short."""

    noted = make_article(
        "Rubio presses Russia to accept a 30-day ceasefire",
        ["U.S. Secretary of State Marco Rubio has reiterated calls for a cease-fire. " * 20],
        author="Ryan Morgan",
        source="The Epoch Times",
        published=date(2025, 3, 12),
        added=added(14),
    )
    library.annotate(noted.id, 0, 5, note="who")
    library.annotate(noted.id, 6, 15)
    read = make_article(
        "[bold]Markup[/] in a title stays literal [TODO]",
        ["Plain text. " * 200],
        author="[@click=app.quit]Mallory[/]",
        source="[/]",
        added=added(10),
    )
    library.update_article(read.id, read=True)
    make_article("Local elections: what changed", ["Short."], author=None, source="City Desk", added=added(2))


def test_library_in_compact_rows(snap_compare: Any, library: Library, make_article: MakeArticle, make_app: MakeApp) -> None:
    three_articles(library, make_article)
    library.tag_article(library.articles()[0].id, add=["world"])
    assert snap_compare(make_app(), terminal_size=SIZE, press=["c"])


def test_library_in_the_light_theme_with_a_feed(
    snap_compare: Any, library: Library, make_article: MakeArticle, make_app: MakeApp
) -> None:
    three_articles(library, make_article)
    feed = library.subscribe(Feed.create("https://harbour.example/feed.xml", title="Harbour Gazette"))
    article = Article.create("Ferry timetable changes", [Block("paragraph", "The ferry leaves earlier.")],
                             source="Harbour Gazette")
    article.added, article.feed = added(1), feed.id
    library.add(article)
    library.tag_article(library.articles()[0].id, add=["world"])

    async def light(pilot: Any) -> None:
        pilot.app.theme = "reader-light"
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=light)


def test_help_screen_over_an_article(snap_compare: Any, make_article: MakeArticle, make_app: MakeApp) -> None:
    make_article("Talks", ["Marco Rubio said the talks had stalled."], added=datetime(2025, 3, 1, tzinfo=timezone.utc))
    assert snap_compare(make_app(), terminal_size=SIZE, press=["enter", "question_mark"])
