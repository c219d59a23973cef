"""The article's text as one scrolling column, with a reading caret and a keyboard selection.

Read-only text has no caret in Textual, so this view keeps its own: `caret`, an offset
in the article's text, drawn as one reverse-video cell (`BlockView.show_caret`), and,
while selecting, a `VisualSelection` (`reader.tui.state.caret`) written to
`screen.selections` exactly as a mouse drag writes it. The screen then asks one
question, `selected_range()`, whichever way the passage was chosen.

Until the reader places the caret (a caret key, a click, `v`), the view scrolls like
`less`; once placed, the view follows the caret. The keys live on the screen
(`reader.tui.screens.article_keys`); this view only moves and draws.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from textual import events
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.widget import Widget

from reader.tui.state.caret import Unit, VisualSelection, move
from reader.tui.widgets.block import BlockView, WideBlock
from reader.tui.widgets.caret_rows import Spot, offset_at, rows, spot_of
from reader.tui.widgets.selection import offset_in_block, selected_range, selections_for

# Textual's own arrow scrolling gives way to the caret once it is placed; its page and
# home/end keys always give way to the screen's, which bring a placed caret along.
CARET_TAKES = frozenset({"scroll_up", "scroll_down", "scroll_left", "scroll_right", "scroll_wide"})
SCREEN_TAKES = frozenset({"page_up", "page_down", "scroll_home", "scroll_end"})


def overflows(texts: Iterable[str], width: int, height: int) -> bool:
    """Whether `texts` (the blocks shown), wrapped at `width` columns with a blank line
    after each, clearly take more than `height` lines: a scrollbar will be needed. A
    guess from lengths alone; near the edge it says no, and Textual adds the scrollbar."""
    width = max(width, 1)
    lines = 0
    for text in texts:
        lines += 1 + sum(len(line) // width + 1 for line in text.split("\n"))
        if lines > height * 1.25:
            return True
    return False


class ReadingView(VerticalScroll):
    """The blocks of one article, a caret over them, and the passage selected."""

    BINDINGS = [
        Binding("right", "scroll_wide(1)", "Code →", id="article.wide_right", show=False,
                tooltip="Scroll the code and tables on screen to the right"),
        Binding("left", "scroll_wide(-1)", "← Code", id="article.wide_left", show=False,
                tooltip="Scroll the code and tables on screen to the left"),
    ]
    WIDE_STEP = 8  # columns per press of left/right

    # A text that will not fit keeps its scrollbar's column from the start (`-long`): it
    # then wraps once at open, not a second time when the scrollbar shows up (every block
    # re-wrapped and the column laid out again). A short one is drawn as it always was.
    DEFAULT_CSS = """
    ReadingView.-long {
        scrollbar-gutter: stable;
    }
    """

    def __init__(
        self, text: str, block_starts: Sequence[int], *, id: str | None = None, long: bool = False
    ) -> None:
        super().__init__(id=id, classes="-long" if long else None)
        self.text = text
        self.block_starts = list(block_starts)
        self.caret: int | None = None
        self.visual: VisualSelection | None = None

    @property
    def views(self) -> list[BlockView]:
        return list(self.query(BlockView))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action not in SCREEN_TAKES and not (action in CARET_TAKES and self.caret is not None)

    # -- what is selected ---------------------------------------------------------------------

    @property
    def selecting(self) -> bool:
        """A passage is selected (by keyboard or mouse): `a`, `h` and Escape act on it."""
        return self.visual is not None or bool(self.screen.selections)

    def selected_range(self) -> tuple[int, int] | None:
        """The passage chosen by mouse or keyboard, as [start, end) in the article's text."""
        return selected_range(self.screen.selections, self.views)

    def mark(self, start: int, end: int) -> None:
        """Select [start, end) as if dragged, the caret on its start, and bring it into view."""
        self.visual = None
        self.screen.selections = selections_for(start, end, self.views)
        self.set_caret(start)
        self._bring_near_top(start)
        self.screen.refresh_bindings()

    def clear(self) -> None:
        """Drop the selection (keyboard or mouse); the caret stays where it is."""
        self.visual = None
        self.screen.clear_selection()
        self.screen.refresh_bindings()

    def toggle_visual(self) -> bool:
        """Start selecting at the caret (or from the mouse's selection), or stop; False when
        there was no caret yet: it is placed, and the next `v` starts there."""
        if self.visual is not None:
            self.clear()
            return True
        chosen = self.selected_range()
        if chosen is not None:
            self.visual = VisualSelection(*chosen)
        elif self.caret is None:
            self.place()
            return False
        else:
            self.visual = VisualSelection(self.caret, self.caret)
        self._draw_selection()
        self.screen.refresh_bindings()
        return True

    def _draw_selection(self) -> None:
        assert self.visual is not None
        self.screen.selections = selections_for(*self.visual.span(self.text), self.views)
        self.set_caret(self.visual.caret)

    # -- the caret ----------------------------------------------------------------------------

    def place(self) -> None:
        """Show the caret at the start of the first line on screen."""
        self.set_caret(self.first_visible_offset())
        self.screen.refresh_bindings()

    def drop_caret(self) -> None:
        """Hide the caret: the keys scroll the page again, as before it was placed."""
        self.caret = None
        for view in self.views:
            view.show_caret(None)
        self.screen.refresh_bindings()

    def move_caret(self, unit: Unit, forward: bool) -> None:
        """A character, word, sentence or paragraph on or back; the first press only places it."""
        if self.caret is None:
            self.place()
        elif self.visual is not None:
            self.visual = self.visual.moved(self.text, self.block_starts, unit, forward)
            self._draw_selection()
        else:
            self.set_caret(move(self.text, self.block_starts, self.caret, unit, forward))

    def move_line(self, step: int) -> None:
        """The caret one drawn line down (1) or up (-1), in the same column."""
        if self.caret is None:
            return
        views = self.views
        view = self._view_of(self.caret, views)
        if view is None:
            return
        drawn = rows(view)
        spot = spot_of(view, self.caret, drawn)
        target = spot.row + step
        if not 0 <= target < len(drawn):
            neighbour = views.index(view) + step
            if not 0 <= neighbour < len(views):
                return
            view = views[neighbour]
            drawn = rows(view)
            target = 0 if step > 0 else len(drawn) - 1
        offset = offset_at(view, Spot(target, spot.column), drawn)
        if self.visual is not None:
            self.visual = replace(self.visual, caret=offset)
            self._draw_selection()
        else:
            self.set_caret(offset)

    def set_caret(self, offset: int) -> None:
        """Put the caret at `offset` (kept within the blocks shown), draw it, bring it into view."""
        views = self.views
        if not views:
            return
        offset = min(max(offset, views[0].start), views[-1].start + len(views[-1].block.text))
        self.caret = offset
        holder = self._view_of(offset, views)
        for view in views:
            view.show_caret(offset - view.start if view is holder else None)
        if holder is not None:
            self._follow(holder, offset)

    def _view_of(self, offset: int, views: list[BlockView]) -> BlockView | None:
        holder = None
        for view in views:
            if view.start <= offset:
                holder = view
        return holder if holder is not None else (views[0] if views else None)

    def _bring_near_top(self, offset: int) -> None:
        """A passage shown for the reader (a note, a quote) starts a quarter of the way down
        the view, not on its last line, so it and what follows it are read at once."""
        holder = self._view_of(offset, self.views)
        if holder is None:
            return
        y = self._line_y(holder, spot_of(holder, offset))
        self.scroll_to(y=max(0, y - self.scrollable_content_region.height // 4), animate=False, immediate=True)

    def _follow(self, view: BlockView, offset: int) -> None:
        """Scroll just enough that the caret's line (and column, in code) is on screen."""
        spot = spot_of(view, offset)
        self.scroll_to_region(Region(0, self._line_y(view, spot), 1, 1), animate=False, immediate=True)
        if isinstance(outer := self._outer(view), WideBlock):
            outer.scroll_to_region(Region(spot.column, 0, 1, 1), animate=False, immediate=True)

    def _line_y(self, view: BlockView, spot: Spot) -> int:
        """Where a line of a block lies in the scrolling column."""
        return self._outer(view).virtual_region.y + view.gutter.top + spot.row

    def first_visible_offset(self) -> int:
        """The offset drawn first on the top line of the view (the first block's start above it)."""
        for view in self.views:
            outer = self._outer(view)
            if outer.virtual_region.bottom > self.scroll_y:
                row = max(0, int(self.scroll_y) - outer.virtual_region.y - view.gutter.top)
                return offset_at(view, Spot(row, 0))
        return 0

    def caret_on_screen(self) -> bool:
        if self.caret is None:
            return False
        view = self._view_of(self.caret, self.views)
        if view is None:
            return False
        y = self._outer(view).virtual_region.y + view.gutter.top + spot_of(view, self.caret).row
        return self.scroll_y <= y < self.scroll_y + self.scrollable_content_region.height

    def on_click(self, event: events.Click) -> None:
        """A click puts the caret on the character clicked."""
        widget, point = self.screen.get_widget_and_offset_at(event.screen_x, event.screen_y)
        if isinstance(widget, BlockView) and point is not None:
            local = widget.drawn.to_text(offset_in_block(widget.drawn.text, point))
            self.set_caret(widget.start + local)
            self.screen.refresh_bindings()

    # -- scrolling the page (less) ------------------------------------------------------------

    def scroll_lines(self, step: int) -> None:
        self.scroll_to(y=self.scroll_y + step, animate=False, immediate=True)

    def page(self, step: int) -> None:
        """A page on or back; a caret left off screen comes to the top line."""
        height = max(self.scrollable_content_region.height - 1, 1)
        self.scroll_to(y=self.scroll_y + step * height, animate=False, immediate=True)
        if self.caret is not None and not self.caret_on_screen():
            self.set_caret(self.first_visible_offset())

    def to_end(self, end: bool) -> None:
        """The top (or bottom) of the article; a placed caret goes to its first (or last) character."""
        if end:
            self.scroll_end(animate=False, immediate=True)
        else:
            self.scroll_home(animate=False, immediate=True)
        views = self.views
        if self.caret is not None and views:
            last = views[-1]
            self.set_caret(last.start + len(last.block.text) if end else views[0].start)

    # -- places kept as blocks -----------------------------------------------------------------

    def _outer(self, view: BlockView) -> Widget:
        """The child of the view that holds `view`: itself, or the WideBlock around code or a table."""
        return view.parent if isinstance(view.parent, WideBlock) else view

    def top_block(self) -> int:
        """Index of the first block still (partly) visible at the top of the view."""
        for view in self.views:
            if self._outer(view).virtual_region.bottom > self.scroll_y:
                return view.index
        return 0

    def scroll_to_block(self, index: int) -> None:
        """Block `index` at the top of the view (a reading place kept as a block survives a new width)."""
        views = self.views
        view = next((v for v in views if v.index == index), None)
        if view is not None and view is not views[0]:
            self.scroll_to_widget(self._outer(view), top=True, animate=False)

    def action_scroll_wide(self, step: int) -> None:
        """Scroll every code block and table on screen sideways (they are never wrapped)."""
        top, bottom = self.scroll_y, self.scroll_y + self.size.height
        for wide in self.query(WideBlock):
            region = wide.virtual_region
            if region.bottom > top and region.y < bottom:
                wide.scroll_relative(x=step * self.WIDE_STEP, animate=False, immediate=True)
