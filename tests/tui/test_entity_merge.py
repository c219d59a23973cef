"""A user's whole path through merging on the Entities screen (issue 15): filter, mark two
names, `m`, the question naming what becomes what, the toast, the merged row; `z` unmerges.
The merge is the CLI's (`reader entity X --merge-into Y`): both store it in library.json."""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

import pytest

from reader.core.model import Article
from reader.core.store import Library
from reader.tui.screens.entities import ConfirmMerge, EntitiesScreen
from reader.tui.widgets.entity_rows import EntityRows
from test_entities_screen import analyse, ready, rows
from tui_helpers import SIZE, MakeApp, MakeArticle, run


@pytest.fixture
def airlines(library: Library, make_article: MakeArticle) -> list[Article]:
    made = []
    for day, (title, text, surface) in enumerate([
        ("Zephyr cuts flights", "Zephyr Airways cut flights. Zephyr Airways said so.", "Zephyr Airways"),
        ("Zephyr fares rise", "Zephyr Air raised its fares on Monday.", "Zephyr Air"),
        ("Airline results", "Zephyr Aviation beat forecasts. Rival United did not.", "Zephyr Aviation"),
    ], start=1):
        article = make_article(title, [text], published=date(2025, 4, day),
                               added=datetime(2025, 4, day, tzinfo=timezone.utc))
        analyse(library, article, [(surface, "ORG", surface)])
        made.append(article)
    return made


def toasts(app: Any) -> list[str]:
    return [str(n.message) for n in app._notifications]


def names_shown(app: Any) -> list[str]:
    """Each row's name: what comes before the two spaces that end the name column."""
    return [row[2:].split("  ")[0].strip() for row in rows(app) if row.startswith(("  ", "● "))]


async def keys(pilot: Any, *names: str) -> None:
    for name in names:
        await pilot.press(name)
        await pilot.pause()


def test_merge_two_marked_names_into_the_highlighted_one_and_undo_it(
    airlines: list[Article], library: Library, make_app: MakeApp
) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+n")
            await ready(pilot)
            await pilot.press(*"zephyr")  # the filter has the focus
            await pilot.pause()
            shown = names_shown(app)
            assert set(shown) == {"Zephyr Airways", "Zephyr Air", "Zephyr Aviation"}, rows(app)
            screen = app.screen
            assert isinstance(screen, EntitiesScreen)
            listing = screen.query_one(EntityRows)
            await keys(pilot, "down")  # from the filter to the first name
            assert listing.has_focus and listing.highlighted_name == shown[0]
            # j/k/g/G and the arrows move; Up moves back up.
            await keys(pilot, "G")
            assert listing.highlighted_name == shown[-1]
            await keys(pilot, "g")
            assert listing.highlighted_name == shown[0]
            await keys(pilot, "j")
            assert listing.highlighted_name == shown[1]
            await keys(pilot, "up")
            assert listing.highlighted_name == shown[0]
            # Mark "Zephyr Airways" and "Zephyr Air" (space moves on to the next name), keep "Zephyr Aviation".
            for name in ("Zephyr Airways", "Zephyr Air"):
                listing.highlighted = next(i for i, r in enumerate(listing.rows) if r is not None and r.name == name)
                await keys(pilot, "space")
                assert [r for r in rows(app) if r[2:].startswith(name + "  ")][0].startswith("●")
            assert "2 marked" in str(screen.query_one("#entity-status").content)
            listing.highlighted = next(i for i, r in enumerate(listing.rows) if r is not None and r.name == "Zephyr Aviation")
            await keys(pilot, "m")
            assert isinstance(app.screen, ConfirmMerge)
            question = str(app.screen.query_one("#ask-question").content)
            assert question == "Zephyr Airways and Zephyr Air become Zephyr Aviation?"
            await keys(pilot, "y")
            assert app.screen is screen
            assert names_shown(app) == ["Zephyr Aviation"]
            assert rows(app)[1].endswith("3 articles · 4 mentions")
            assert any("Zephyr Airways and Zephyr Air are now Zephyr Aviation" in t for t in toasts(app))
            assert library.aliases() == {"Zephyr Airways": "Zephyr Aviation", "Zephyr Air": "Zephyr Aviation"}
            # z takes the merge back: both names are their own again, on screen and on disk.
            await keys(pilot, "z")
            await pilot.pause()
            assert any(t.startswith("Undid: merged Zephyr Airways and Zephyr Air into Zephyr Aviation") for t in toasts(app))
            assert library.aliases() == {}
            assert set(names_shown(app)) == {"Zephyr Airways", "Zephyr Air", "Zephyr Aviation"}

    run(scenario())


def test_marking_stops_at_the_last_name_and_escape_unmarks_then_leaves(
    airlines: list[Article], make_app: MakeApp
) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+n")
            await ready(pilot)
            await pilot.press(*"zephyr")
            await keys(pilot, "down", "G")
            listing = app.screen.query_one(EntityRows)
            last = listing.highlighted_name
            await keys(pilot, "space")
            assert listing.highlighted_name == last and listing.marked == [last]  # not round to the top
            await keys(pilot, "m")  # only the highlighted one is marked: says what to do
            assert any("move to the name to keep" in t.lower() for t in toasts(app))
            await keys(pilot, "escape")  # one step back at a time: the marks,
            assert isinstance(app.screen, EntitiesScreen) and listing.marked == []
            assert not any(r.startswith("●") for r in rows(app))
            await keys(pilot, "escape")  # the list (to the filter),
            assert isinstance(app.screen, EntitiesScreen) and app.focused is app.screen.query_one("#entity-filter")
            await keys(pilot, "escape")  # the screen
            assert not isinstance(app.screen, EntitiesScreen)

    run(scenario())
