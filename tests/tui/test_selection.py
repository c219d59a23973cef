"""Mouse selection -> article offsets, and article offsets -> a selection Textual draws.

Runs a tiny App of BlockViews (no app CSS, so a widget offset is a text offset) and drags
over known words with real Pilot mouse events.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.geometry import Offset
from textual.selection import Selection

from reader.core.model import Article, Block
from reader.tui.widgets.selection import selected_range, selections_for
from reader.tui.widgets.block import BlockView
from tui_helpers import SIZE, run
from tui_helpers import drag as drag_between

ARTICLE = Article(
    id="a1",
    title="Talks",
    blocks=[
        Block("paragraph", "Marco Rubio said the talks had stalled."),
        Block("paragraph", "Line one here.\nLine two there."),
        Block("paragraph", "Third block ends."),
    ],
)


class Blocks(App[None]):
    def compose(self) -> ComposeResult:
        assert ARTICLE.blocks is not None
        with VerticalScroll():
            for i, (block, start) in enumerate(zip(ARTICLE.blocks, ARTICLE.block_starts())):
                yield BlockView(i, block, start)


async def drag(pilot, views, down: tuple[int, tuple[int, int]], up: tuple[int, tuple[int, int]]) -> None:
    (i, start), (j, end) = down, up
    await drag_between(pilot, (views[i], start), (views[j], end))


def test_drag_within_block_includes_char_under_pointer_textual_8_2_guard() -> None:
    """GUARD for the textual 8.1 -> 8.2 change of a selection's end.

    Dragging from the "R" of "Rubio" to the last "d" of "said" inside one block must give
    exactly "Rubio said": in 8.2.8 the screen stores end = pointer + 1 (the character under
    the pointer at mouse-up is included) and Selection.end is exclusive. If this fails
    after a Textual upgrade, the end moved again: fix reader/tui/selection.py.
    """
    text = ARTICLE.text

    async def scenario() -> None:
        app = Blocks()
        async with app.run_test(size=SIZE) as pilot:
            views = list(app.query(BlockView))
            first = ARTICLE.blocks[0].text
            r, d = first.index("Rubio"), first.index("said") + 3
            await drag(pilot, views, (0, (r, 0)), (0, (d, 0)))
            sel = app.screen.selections[views[0]]
            assert (sel.start.x, sel.end.x) == (r, d + 1)
            got = selected_range(app.screen.selections, views)
            assert got == (text.index("Rubio"), text.index("said") + 4)
            assert text[got[0]:got[1]] == "Rubio said"
            assert app.screen.get_selected_text() == "Rubio said"
            # dragging right to left selects the same characters
            app.screen.clear_selection()
            await drag(pilot, views, (0, (d, 0)), (0, (r, 0)))
            assert selected_range(app.screen.selections, views) == got

    run(scenario())


def test_drag_across_blocks_excludes_char_under_pointer_in_last_block() -> None:
    """Across widgets 8.2.8 stores Selection(None, pointer) in the last one: no +1 there."""
    text = ARTICLE.text
    start1 = ARTICLE.block_starts()[1]

    async def scenario() -> None:
        app = Blocks()
        async with app.run_test(size=SIZE) as pilot:
            views = list(app.query(BlockView))
            # from "talks" (block 0) to the "t" of "two" on line 1 of block 1
            await drag(pilot, views, (0, (21, 0)), (1, (5, 1)))
            assert app.screen.selections[views[0]] == Selection(Offset(21, 0), None)
            assert app.screen.selections[views[1]] == Selection(None, Offset(5, 1))
            got = selected_range(app.screen.selections, views)
            # the pointer was on "t": "Line " is selected, then trimmed of its space
            assert got == (text.index("talks"), start1 + len("Line one here.\nLine"))
            assert text[got[0]:got[1]] == "talks had stalled.\n\nLine one here.\nLine"
            # get_selected_text joins blocks with one "\n" instead of "\n\n"
            assert app.screen.get_selected_text() == "talks had stalled.\nLine one here.\nLine "
            # over three blocks: the middle one is whole
            app.screen.clear_selection()
            await drag(pilot, views, (0, (6, 0)), (2, (6, 0)))
            got = selected_range(app.screen.selections, views)
            assert text[got[0]:got[1]] == (
                "Rubio said the talks had stalled.\n\nLine one here.\nLine two there.\n\nThird"
            )

    run(scenario())


def test_plain_click_selects_nothing() -> None:
    async def scenario() -> None:
        app = Blocks()
        async with app.run_test(size=SIZE) as pilot:
            views = list(app.query(BlockView))
            await pilot.click(views[0], offset=(3, 0))
            await pilot.pause()
            assert selected_range(app.screen.selections, views) is None
            # a selection of white space only is nothing too
            assert selected_range(selections_for(5, 6, views), views) is None
            assert selected_range({}, views) is None

    run(scenario())


RANGES = [
    ("Rubio said",),
    ("Marco Rubio said the talks had stalled.",),
    ("stalled.\n\nLine one here.\nLine",),
    ("here.\nLine two",),
    ("Line two there.\n\nThird",),
    ("M",),
    ("Rubio said the talks had stalled.\n\nLine one here.\nLine two there.\n\nThird block ends.",),
]


def test_selections_for_round_trips_through_the_screen() -> None:
    """Writing selections_for(s, e) to screen.selections reads back as (s, e) and as text."""
    text = ARTICLE.text

    async def scenario() -> None:
        app = Blocks()
        async with app.run_test(size=SIZE) as pilot:
            views = list(app.query(BlockView))
            for (wanted,) in RANGES:
                s = text.index(wanted)
                e = s + len(wanted)
                app.screen.selections = selections_for(s, e, views)
                await pilot.pause()
                assert selected_range(app.screen.selections, views) == (s, e), wanted
                assert app.screen.get_selected_text() == text[s:e].replace("\n\n", "\n")
            # every non-white-space-bounded range, exhaustively
            for s in range(len(text)):
                for e in range(s + 1, len(text) + 1):
                    if text[s].isspace() or text[e - 1].isspace():
                        continue
                    assert selected_range(selections_for(s, e, views), views) == (s, e)

    run(scenario())
