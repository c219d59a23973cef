"""SVG snapshots of whole screens; regenerate with `pytest tests/tui --snapshot-update`.

Every date on screen is fixed, so a snapshot changes only when the drawing does.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

from reader.core.store import Library
from tui_helpers import SIZE, MakeApp, MakeArticle


def test_library_screen(snap_compare: Any, library: Library, make_article: MakeArticle, make_app: MakeApp) -> None:
    def added(day: int) -> datetime:
        return datetime(2025, 3, day, 9, 30, tzinfo=timezone.utc)

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
    assert snap_compare(make_app(), terminal_size=SIZE)


def test_help_screen_over_an_article(snap_compare: Any, make_article: MakeArticle, make_app: MakeApp) -> None:
    make_article("Talks", ["Marco Rubio said the talks had stalled."], added=datetime(2025, 3, 1, tzinfo=timezone.utc))
    assert snap_compare(make_app(), terminal_size=SIZE, press=["enter", "question_mark"])
