"""An entity's page at 80x24: the articles, quotes and notes share the height by what
they hold (no quote heading without its quote, no empty lines under "No notes"), and an
undated article shows no stray date separator there or among related articles."""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from typing import Any

from reader.core.analysis import ANALYZER_VERSION
from reader.core.model import Analysis, Entity, Quote
from reader.core.store import Library
from reader.tui.navigation import open_article
from reader.tui.screens.entity_page import EntityPageScreen
from reader.tui.screens.related import RelatedScreen
from reader.tui.widgets.entity_rows import ItemList
from tui_helpers import MakeApp, MakeArticle, run

SMALL = (80, 24)


def rows(listing: ItemList) -> list[str]:
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


def test_the_lists_share_the_page_by_content_and_undated_rows_have_no_stray_separator(
    library: Library, make_article: MakeArticle, make_app: MakeApp
) -> None:
    ids = []
    for i in range(9):
        text = f'Tony Blair spoke in Leeds on day {i}. "We will win vote {i} and more," Tony Blair said.'
        if i in (3, 4, 6):
            text += " Gordon Brown listened."  # what makes them related: a name not every article has
        article = make_article(f"Blair story {i}", [text], source="BBC",
                               published=date(2025, 3, i + 1) if i % 3 else None,
                               added=datetime(2025, 3, i + 1, tzinfo=timezone.utc))
        body = library.article(article.id).text
        start = body.index('"')
        end = body.index('"', start + 1) + 1
        names = [Entity(m.start(), m.end(), "PER", "Tony Blair", "Tony Blair") for m in re.finditer("Tony Blair", body)]
        names += [Entity(m.start(), m.end(), "LOC", "Leeds", "Leeds") for m in re.finditer("Leeds", body)]
        names += [Entity(m.start(), m.end(), "PER", "Gordon Brown", "Gordon Brown")
                  for m in re.finditer("Gordon Brown", body)]
        names.sort(key=lambda e: e.start)
        library.save_analysis(article.id, Analysis(ANALYZER_VERSION, tuple(names),
                                                   (Quote(start, end, body[start + 1:end - 2], "Tony Blair"),)))
        ids.append(article.id)

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SMALL) as pilot:
            await pilot.press("ctrl+n")
            await pilot.pause()
            await app.entities.wait()
            await pilot.pause()
            app.screen.query_one("#entity-filter").value = "tony blair"  # type: ignore[attr-defined]
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            page = app.screen
            assert isinstance(page, EntityPageScreen)
            articles, quotes, notes = (page.query_one(f"#entity-{which}", ItemList)
                                       for which in ("articles", "quotes", "notes"))
            column = articles.parent
            assert column is not None
            # Every line of the column is used (nothing empty at the bottom), "No notes" takes one ...
            assert sum(listing.outer_size.height for listing in (articles, quotes, notes)) == column.size.height
            assert notes.size.height == 1
            # ... and the quotes list shows whole quotes only: a heading is never cut from its quote.
            assert quotes.size.height % 2 == 0 and quotes.size.height >= 4
            assert articles.size.height > 4  # was 4 of 9, under a fixed third of the page
            undated = [row for row in rows(articles) if "Blair story 6" in row]
            assert undated and "·" not in undated[0].split("BBC")[0]
            dated = [row for row in rows(articles) if "Blair story 7" in row]
            assert dated[0].startswith("8 Mar 2025  · BBC")
            # The related articles of one of them: the undated ones without the stray separator.
            await open_article(app, app.library, ids[4])
            await pilot.pause()
            await pilot.press("r")
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            related = app.screen
            assert isinstance(related, RelatedScreen) and not related.finding
            found: Any = rows(related.query_one(ItemList))
            assert any("Blair story 3" in row for row in found), found
            for row in found:
                if "Blair story 3" in row or "Blair story 6" in row:
                    assert "·" not in row.split("BBC")[0], row

    run(scenario())
