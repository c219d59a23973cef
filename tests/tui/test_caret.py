"""The reading caret, as a reader uses it: scroll like less until it is placed, then move
it by character, line, word, sentence and paragraph, the view following; click to put it
somewhere; `v` to select from it."""

from __future__ import annotations

from typing import Any

from reader.core.analysis import ANALYZER_VERSION
from reader.core.model import Analysis
from reader.core.store import Library
from reader.tui.screens.article import ArticleScreen
from reader.tui.widgets.bars import KeyBar
from reader.tui.widgets.block import BlockView
from reader.tui.widgets.caret_rows import spot_of
from tui_helpers import SIZE, MakeApp, MakeArticle, run

SENTENCE = "Ministers met in the old town hall to talk about the harbour. "
PARAGRAPHS = [f"Paragraph {i} begins here. " + SENTENCE * 3 for i in range(14)]


def caret_cells(view: BlockView) -> list[tuple[int, int]]:
    """Where the block draws its reverse-video cell (the caret), in its drawn text."""
    return [(s.start, s.end) for s in view.visual.spans if "reverse" in str(s.style)]  # type: ignore[union-attr]


async def opened(app: Any, pilot: Any) -> ArticleScreen:
    await pilot.press("enter")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ArticleScreen)
    return screen


def test_less_keys_scroll_until_the_caret_is_placed_then_the_caret_moves_and_the_view_follows(
    make_article: MakeArticle, make_app: MakeApp
) -> None:
    article = make_article("Harbour", PARAGRAPHS)
    starts = article.block_starts()

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            screen = await opened(app, pilot)
            reading = screen.reading
            views = list(screen.query(BlockView))
            # No caret: j/k a line, space/b a page, G/g the ends; nothing drawn.
            await pilot.press("j", "j")
            assert reading.scroll_y == 2 and reading.caret is None
            await pilot.press("k")
            assert reading.scroll_y == 1
            await pilot.press("space")
            assert reading.scroll_y > 20
            await pilot.press("b", "G")
            assert reading.scroll_y == reading.max_scroll_y
            await pilot.press("g")
            assert reading.scroll_y == 0
            assert all(not caret_cells(view) for view in views)

            # The first l shows the caret on the first character on screen; then it moves.
            await pilot.press("l")
            await pilot.pause()
            assert reading.caret == 0 and caret_cells(views[0]) == [(0, 1)]
            await pilot.press("l", "l")
            assert reading.caret == 2
            await pilot.press("j")  # a drawn line down, same column
            first = views[0]
            below = spot_of(first, reading.caret)
            assert below.row == 1 and below.column == spot_of(first, 2).column
            await pilot.press("k", "h")  # back up, one to the left
            assert reading.caret == 1
            await pilot.press("w")
            assert reading.caret == len("Paragraph ")
            await pilot.press("b")  # with a caret, b is a word back (no longer a page)
            assert reading.caret == 0
            await pilot.press("right_parenthesis")
            assert reading.caret == len("Paragraph 0 begins here. ")
            await pilot.press("right_curly_bracket")
            assert reading.caret == starts[1]
            await pilot.press("left_parenthesis")  # the sentence before: the last one of the first paragraph
            assert reading.text[reading.caret :].startswith(SENTENCE.strip())
            assert reading.caret < starts[1]
            # Down the article paragraph by paragraph: the view follows, the caret stays on screen.
            await pilot.press(*["right_curly_bracket"] * 12)
            await pilot.pause()
            assert reading.caret == starts[12] and reading.scroll_y > 0
            assert reading.caret_on_screen()
            assert caret_cells(views[12]) == [(0, 1)] and not caret_cells(views[0])
            await pilot.press("j", "j", "j", "j", "j")  # lines down, into the last paragraph
            assert starts[13] <= reading.caret
            assert reading.caret_on_screen()
            await pilot.press("g")
            assert reading.caret == 0 and reading.scroll_y == 0
            # A page on (space or pagedown) brings the caret along, to the page's top line.
            await pilot.press("space")
            assert reading.scroll_y > 20 and reading.caret == reading.first_visible_offset()
            await pilot.press("pagedown")
            assert reading.caret_on_screen() and reading.caret == reading.first_visible_offset()
            await pilot.press("pageup", "pageup")
            assert reading.scroll_y == 0 and reading.caret_on_screen()
            await pilot.press("end")
            assert reading.caret == len(reading.text) and reading.scroll_y == reading.max_scroll_y

    run(scenario())


def test_a_click_puts_the_caret_and_v_selects_from_it_never_from_the_top_on_its_own(
    library: Library, make_article: MakeArticle, make_app: MakeApp
) -> None:
    article = make_article("Harbour", PARAGRAPHS)
    starts = article.block_starts()

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            screen = await opened(app, pilot)
            reading = screen.reading
            # Scrolled down without a caret, v only shows the caret at the top line: nothing selected.
            await pilot.press("space")
            top = reading.first_visible_offset()
            assert top > 0
            await pilot.press("v")
            await pilot.pause()
            assert reading.caret == top and reading.selected_range() is None and reading.visual is None
            # A click moves the caret where the reader clicked.
            await pilot.press("g")
            second = next(v for v in screen.query(BlockView) if v.index == 1)
            await pilot.click(second, offset=(len("Paragraph "), 0))
            await pilot.pause()
            assert reading.caret == starts[1] + len("Paragraph ")
            assert reading.selected_range() is None
            # v starts at the caret; w w extend it; the key bar shows what keeps it.
            await pilot.press("v", "w", "w")
            await pilot.pause()
            start = starts[1] + len("Paragraph ")
            assert reading.selected_range() == (start, start + len("1 begins"))
            assert str(screen.query_one(KeyBar).render()).startswith(" a Annotate  h Highlight  esc Cancel ")
            await pilot.press("h")  # in visual mode h keeps the highlight
            await pilot.pause()
            assert reading.selected_range() is None and reading.caret is not None
            await pilot.press("h")  # outside it, h moves the caret left
            assert reading.caret == start + len("1 begins") - 1

    run(scenario())
    (note,) = library.annotations(article.id)
    assert note.quote == "1 begins" and note.note == ""


def test_article_with_a_caret_and_a_selection_snapshot(
    snap_compare: Any, library: Library, make_article: MakeArticle, make_app: MakeApp
) -> None:
    """The caret's reverse-video cell at the end of a keyboard selection in the second paragraph."""
    article = make_article("Harbour", PARAGRAPHS[:4])
    library.save_analysis(article.id, Analysis(ANALYZER_VERSION))  # no layers: the drawing is the caret's

    async def run_before(pilot: Any) -> None:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.press("l", "right_curly_bracket", "w", "v", "w", "w", "w")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)
