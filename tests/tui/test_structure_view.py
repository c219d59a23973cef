"""An article with a list, links, a figure caption, code and a table, read as a user reads it:
drawn right, links numbered and listed, opened with `o`, and passages across list items and
link numbers kept with the right offsets.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone
import stat
from pathlib import Path

import pytest
from textual.content import Content

from reader.core.model import Article, Block, Mark
from reader.core.store import Library
from reader.tui.screens.article import ArticleScreen
from reader.tui.widgets.article_panel import ArticlePanel, LinkList
from reader.tui.widgets.block import BlockView, WideBlock
from tui_helpers import SIZE, MakeApp, drag, run

INTRO = "The council met on Tuesday to discuss the transport plan in detail."
ITEM_1 = "• Bus fares will fall next year."
ITEM_2 = "1. one to the harbour"
ITEM_3 = "• Cycling lanes on Main Street."
CODE = "def fare(km):\n    return 1.5 + 0.2 * km  # a long comment that goes on well past the edge of the view, on and on"
TABLE = "Zone │ Fare\n─────┼─────\nA    │ 1.80"
PLAN = "https://example.org/plan"
HARBOUR = "https://example.org/harbour?a=1&b=2"


def structured_article() -> Article:
    intro_link = INTRO.index("transport plan")
    blocks = [
        Block("paragraph", INTRO, 0, (
            Mark(INTRO.index("Tuesday"), INTRO.index("Tuesday") + 7, "em"),
            Mark(intro_link, intro_link + len("transport plan"), "link", PLAN),
        )),
        Block("heading", "What was decided", 2),
        Block("item", ITEM_1, 0, (Mark(2, 5, "strong"),)),
        Block("item", ITEM_2, 1, (Mark(ITEM_2.index("harbour"), len(ITEM_2), "link", HARBOUR),)),
        Block("item", ITEM_3, 0, (Mark(2, 9, "link", "javascript:alert(1)"),)),  # never a link
        Block("caption", "Map of the new lines"),
        Block("code", CODE),
        Block("table", TABLE, 0, (Mark(0, 4, "strong"), Mark(7, 11, "strong"))),
        Block("paragraph", "The end of the article, after the table."),
    ]
    return Article.create("Buses", blocks, source="City Desk")


@pytest.fixture
def browser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """$BROWSER as a script that writes each address it is given to a file."""
    record = tmp_path / "opened.txt"
    script = tmp_path / "browser.sh"
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$1" >> "{record}"\n')
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("BROWSER", str(script))
    return record


def views_by_text(screen: ArticleScreen) -> dict[str, BlockView]:
    return {view.block.text: view for view in screen.query(BlockView)}


def styles_at(content: Content, start: int, end: int) -> set[str]:
    return {str(span.style) for span in content.spans if span.start <= start and end <= span.end}


async def open_article(app, pilot) -> ArticleScreen:  # noqa: ANN001 - Pilot types are generic
    await pilot.press("enter")
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, ArticleScreen)
    return app.screen


def test_structure_is_drawn_links_are_numbered_listed_and_opened(
    library: Library, make_app: MakeApp, browser: Path
) -> None:
    article, _ = library.add(structured_article())

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_article(app, pilot)
            views = views_by_text(screen)
            intro, item2 = views[INTRO], views[ITEM_2]
            # drawn: the link's number after it, emphasis and link styles over their words
            assert str(intro.visual) == INTRO.replace("transport plan", "transport plan[1]")
            assert str(item2.visual) == ITEM_2 + "[2]"
            assert str(views[ITEM_3].visual) == ITEM_3  # a javascript: link is not a link
            at = INTRO.index("Tuesday")
            assert "italic" in styles_at(intro.visual, at, at + 7)
            # list items are indented by depth and sit together; code and tables are not wrapped
            assert item2.styles.padding.left == 2 and views[ITEM_1].styles.padding.left == 0
            assert views[ITEM_1].has_class("-tight") and not views[ITEM_3].has_class("-tight")
            code = views[CODE]
            assert isinstance(code.parent, WideBlock) and code.size.height == 2  # two lines, none wrapped
            assert code.parent.max_scroll_x > 0
            await pilot.press("right")
            assert code.parent.scroll_x > 0
            assert views["Map of the new lines"].has_class("-caption")
            assert screen.query_one(".-h2", BlockView).block.text == "What was decided"

            # the Links tab lists both links by number; `O` there opens the highlighted one
            await pilot.press("4")
            await pilot.pause()
            links = screen.query_one(LinkList)
            assert links.has_focus and links.option_count == 2
            assert "[2] harbour" in str(links.get_option_at_index(1).prompt)
            await pilot.press("down", "O")
            await app.workers.wait_for_complete()
            assert browser.read_text().splitlines() == [HARBOUR]

            # a click on a link in the text selects it; `O` opens it
            await pilot.press("escape")
            await pilot.click(intro, offset=(INTRO.index("plan"), 0))
            await pilot.pause()
            start = article.block_starts()[0] + INTRO.index("transport plan")
            assert screen.reading.selected_range() == (start, start + len("transport plan"))
            await pilot.press("O")
            await app.workers.wait_for_complete()
            assert browser.read_text().splitlines() == [HARBOUR, PLAN]

    run(scenario())


def test_a_passage_across_list_items_and_a_link_number_keeps_exact_offsets(
    library: Library, make_app: MakeApp, browser: Path
) -> None:
    article, _ = library.add(structured_article())
    text, starts = article.text, article.block_starts()

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_article(app, pilot)
            views = views_by_text(screen)
            item1, item2 = views[ITEM_1], views[ITEM_2]
            # from "fares" in the first item to the "]" of the link number after "harbour"
            # (drawn as "harbour[2]", indented 2): the passage ends with "harbour"
            await drag(pilot, (item1, (ITEM_1.index("fares"), 0)), (item2, (2 + len(ITEM_2) + 3, 0)))
            chosen = screen.reading.selected_range()
            assert chosen == (starts[2] + ITEM_1.index("fares"), starts[3] + len(ITEM_2))
            assert "[2]" not in (app.screen.get_selected_text() or "")
            await pilot.press("h")
            await pilot.pause()
            # by keyboard: the caret at the top line, visual mode there, three words
            await pilot.press("v", "v", "w", "w", "w", "h")
            await pilot.pause()
            # the highlight is drawn over the same words; the link number after them stays out
            item2 = views_by_text(screen)[ITEM_2]
            highlighted = [s for s in item2.visual.spans if "on $hl-1" in str(s.style)]
            assert [(s.start, s.end) for s in highlighted] == [(0, len(ITEM_2))]

    run(scenario())
    notes = sorted(library.annotations(article.id), key=lambda n: n.selector.start)
    assert [(n.quote, n.anchor.state) for n in notes] == [
        ("The council met", "exact"),
        (text[starts[2] + ITEM_1.index("fares") : starts[3] + len(ITEM_2)], "exact"),
    ]
    assert notes[1].quote.startswith("fares will fall next year.\n\n1. one to the harbour")
    assert notes[1].quote.endswith("harbour")


def test_hostile_link_text_and_address_never_reach_the_screen(library: Library, make_app: MakeApp, browser: Path) -> None:
    text = "Click [b]here[/b] now \x1b]0;pwned\x07 please."
    evil = "https://example.org/\x1b[2J"
    article = Article.create("Evil", [Block("paragraph", text, 0, (Mark(6, 17, "link", evil),))])
    library.add(article)

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_article(app, pilot)
            (view,) = screen.query(BlockView)
            drawn = str(view.visual)
            assert "\x1b" not in drawn and "\x07" not in drawn and "[1]" not in drawn
            assert "[b]here[/b]" in drawn  # literal, never markup
            await pilot.press("4")
            assert screen.query_one(LinkList).option_count == 1  # the "no links" row
            assert not screen.query_one(ArticlePanel).links

    run(scenario())
    assert not browser.exists()
    assert os.environ["BROWSER"]


def test_structured_article_snapshot(snap_compare, library: Library, make_app: MakeApp) -> None:  # noqa: ANN001
    """The list, link numbers, caption, code block and table as drawn, panel on the Links tab."""
    article = structured_article()
    article.added = datetime(2025, 3, 1, 12, 0, tzinfo=timezone.utc)
    library.add(article)

    async def run_before(pilot) -> None:  # noqa: ANN001
        await pilot.press("enter")
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.press("4")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)
