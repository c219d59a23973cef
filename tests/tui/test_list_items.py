"""Wrapped list items hang: at 60 columns the lines after the first start under the item's
text, not under its marker, at every depth; and a mouse drag over the wrapped lines still
selects the right characters of the article's text.
"""

from __future__ import annotations

from datetime import datetime, timezone

from reader.core.model import Article, Block, Mark
from reader.core.store import Library
from reader.tui.screens.article import ArticleScreen
from reader.tui.widgets.block import BlockView
from tui_helpers import MakeApp, drag, run

NARROW = (60, 30)
INTRO = "The harbour plan, point by point."
BULLET = "• The harbour ferry runs every twenty minutes on weekdays and every hour on Sundays, all year round."
NUMBERED = "12. Tickets bought on the quay cost the same as tickets bought on the boat, and children ride free."
DEEP = "• Bicycles travel free outside the morning rush, and there is room for six of them on each crossing."
LINKED = "• The timetable for the winter months is on the harbour website, with the changes for holidays."
SITE = "https://example.org/timetable"


def items_article() -> Article:
    site = LINKED.index("harbour website")
    blocks = [
        Block("paragraph", INTRO),
        Block("item", BULLET, 0),
        Block("item", NUMBERED, 1),
        Block("item", DEEP, 2),
        Block("item", LINKED, 0, (Mark(site, site + len("harbour website"), "link", SITE),)),
        Block("paragraph", "That is all."),
    ]
    article = Article.create("Ferries", blocks, source="Harbour News")
    article.added = datetime(2025, 3, 1, 12, 0, tzinfo=timezone.utc)
    return article


async def open_article(app, pilot) -> ArticleScreen:  # noqa: ANN001 - Pilot types are generic
    await pilot.press("enter")
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, ArticleScreen)
    return app.screen


def lines_of(view: BlockView) -> list[str]:
    """The view's lines as drawn inside its padding."""
    return [view.render_line(y).text.rstrip() for y in range(view.size.height)]


def test_wrapped_items_hang_under_their_text_at_every_depth(library: Library, make_app: MakeApp) -> None:
    library.add(items_article())

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=NARROW) as pilot:
            screen = await open_article(app, pilot)
            views = {view.block.text: view for view in screen.query(BlockView)}
            for text, marker in ((BULLET, "• "), (NUMBERED, "12. "), (DEEP, "• "), (LINKED, "• ")):
                view = views[text]
                lines = lines_of(view)
                assert len(lines) >= 2, lines  # it does wrap at 60 columns
                assert lines[0].startswith(marker + text[len(marker)])
                for line in lines[1:]:
                    assert line[: len(marker)] == " " * len(marker) and line[len(marker)] != " ", lines
                # every character of the block is drawn once, in order (the link's number too)
                drawn = " ".join(line.strip() for line in lines)
                assert drawn == " ".join(view.drawn.text.split())
                assert str(view.visual) == view.drawn.text  # the block's own text, not re-flowed
            depths = [views[t].styles.padding.left for t in (BULLET, NUMBERED, DEEP)]
            assert depths == [0, 2, 4]

    run(scenario())


def test_a_drag_over_wrapped_item_lines_keeps_exact_offsets(library: Library, make_app: MakeApp) -> None:
    article, _ = library.add(items_article())
    text, starts = article.text, article.block_starts()

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=NARROW) as pilot:
            screen = await open_article(app, pilot)
            views = {view.block.text: view for view in screen.query(BlockView)}
            numbered = views[NUMBERED]
            pad = numbered.styles.padding.left
            lines = lines_of(numbered)

            wrapped = lines[1].strip()  # the item's second line, from its first character
            line_start = starts[2] + NUMBERED.index(wrapped)
            first, second = wrapped.split()[:2]

            def at(line: int, word: str, last: bool = False) -> tuple[int, int]:
                """The widget offset of a word's first (or last) character on a drawn line."""
                return (pad + lines[line].index(word) + (len(word) - 1 if last else 0), line)

            # inside the item: from "quay" on its first line to the end of a word on its second
            await drag(pilot, (numbered, at(0, "quay")), (numbered, at(1, second, last=True)))
            start, end = starts[2] + NUMBERED.index("quay"), line_start + wrapped.index(second) + len(second)
            assert screen.reading.selected_range() == (start, end)
            assert app.screen.get_selected_text() == text[start:end]
            app.screen.clear_selection()

            # across blocks: from "ferry" in the first item to the first word of the wrapped line
            # (the last widget of a drag leaves out the character under the pointer)
            await drag(pilot, (views[BULLET], (BULLET.index("ferry"), 0)), (numbered, at(1, first, last=True)))
            start, end = starts[1] + BULLET.index("ferry"), line_start + len(first) - 1
            assert screen.reading.selected_range() == (start, end)
            app.screen.clear_selection()

            # a press in the blank under the marker lands on the wrapped line's first character
            await drag(pilot, (numbered, (pad + 1, 1)), (numbered, at(1, first, last=True)))
            assert screen.reading.selected_range() == (line_start, line_start + len(first))

    run(scenario())
