"""The article's text as one scrolling column, with a keyboard caret for selecting.

Read-only text has no caret in Textual, so visual mode keeps its own
(`reader.tui.state.caret.VisualSelection`, offsets in the article's text) and draws it by
writing `screen.selections`, exactly as a mouse drag does. The screen then asks one
question, `selected_range()`, whichever way the passage was chosen.

The visual-mode keys are live only in visual mode (`check_action`), so `w`, `b` and the
brackets stay free otherwise, and the key bar shows them only while they work.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widget import Widget

from reader.tui.state.caret import Unit, VisualSelection
from reader.tui.commands.keymap import key_for
from reader.tui.widgets.selection import selected_range, selections_for
from reader.tui.widgets.block import BlockView, WideBlock

VISUAL_ACTIONS = frozenset({"extend", "leave_visual"})


def _move(unit: str, forward: bool, key: str, description: str, name: str) -> Binding:
    return Binding(
        key, f"extend('{unit}', {forward})", description, id=f"visual.{name}",
        tooltip=f"Extend the selection {'forward' if forward else 'back'} by a {unit}",
    )


class ReadingView(VerticalScroll):
    """The blocks of one article; `v` starts a keyboard selection at the top of the view."""

    BINDINGS = [
        Binding("v", "visual", "Select", id="article.visual", tooltip="Select text with the keyboard (visual mode)"),
        _move("word", True, "w,ctrl+right", "Word →", "word_forward"),
        _move("word", False, "b,ctrl+left", "← Word", "word_back"),
        _move("sentence", True, "right_parenthesis", "Sentence →", "sentence_forward"),
        _move("sentence", False, "left_parenthesis", "← Sentence", "sentence_back"),
        _move("paragraph", True, "right_curly_bracket,shift+down", "Paragraph →", "paragraph_forward"),
        _move("paragraph", False, "left_curly_bracket,shift+up", "← Paragraph", "paragraph_back"),
        _move("char", True, "shift+right", "Char →", "char_forward"),
        _move("char", False, "shift+left", "← Char", "char_back"),
        Binding("escape", "leave_visual", "Cancel", id="visual.cancel", tooltip="Drop the selection"),
        Binding("right", "scroll_wide(1)", "Code →", id="article.wide_right", show=False,
                tooltip="Scroll the code and tables on screen to the right"),
        Binding("left", "scroll_wide(-1)", "← Code", id="article.wide_left", show=False,
                tooltip="Scroll the code and tables on screen to the left"),
    ]
    WIDE_STEP = 8  # columns per press of left/right

    def __init__(self, text: str, block_starts: Sequence[int], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = text
        self.block_starts = list(block_starts)
        self.visual: VisualSelection | None = None

    @property
    def views(self) -> list[BlockView]:
        return list(self.query(BlockView))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in VISUAL_ACTIONS:
            return self.visual is not None or (action == "leave_visual" and bool(self.screen.selections))
        return True

    def selected_range(self) -> tuple[int, int] | None:
        """The passage chosen by mouse or keyboard, as [start, end) in the article's text."""
        return selected_range(self.screen.selections, self.views)

    def mark(self, start: int, end: int) -> None:
        """Select [start, end) as if dragged, and bring it into view."""
        self.screen.selections = selections_for(start, end, self.views)
        self._show_offset(start)

    def clear(self) -> None:
        """Leave visual mode and drop any selection."""
        self.visual = None
        self.screen.clear_selection()
        self.screen.refresh_bindings()

    def action_visual(self) -> None:
        """Start (or stop) visual mode: from the mouse's selection if there is one, else at the top."""
        if self.visual is not None:
            self.clear()
            return
        if not self.block_starts:
            return
        chosen = self.selected_range()
        if chosen is not None:
            start, end = chosen
            self.visual = VisualSelection(start, end)
        else:
            start = self.block_starts[self.top_block()]
            self.visual = VisualSelection(start, start)
        self._draw()
        self.screen.refresh_bindings()
        screen = self.screen
        self.notify(
            f"Visual mode: {key_for(screen, 'visual.word_forward')}/{key_for(screen, 'visual.word_back')} words, "
            f"{key_for(screen, 'visual.sentence_forward')} sentences, {key_for(screen, 'visual.paragraph_forward')} "
            f"paragraphs; {key_for(screen, 'article.annotate')} annotate, {key_for(screen, 'article.highlight')} highlight",
            timeout=5,
        )

    def action_extend(self, unit: Unit, forward: bool) -> None:
        if self.visual is None:
            return
        self.visual = self.visual.moved(self.text, self.block_starts, unit, forward)
        self._draw()
        self._show_offset(self.visual.caret)

    def action_leave_visual(self) -> None:
        self.clear()

    def _draw(self) -> None:
        assert self.visual is not None
        start, end = self.visual.span(self.text)
        self.screen.selections = selections_for(start, end, self.views)

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

    def _show_offset(self, offset: int) -> None:
        """Scroll just enough that the line holding `offset` is on screen."""
        for view in reversed(self.views):
            if view.start <= offset:
                outer = self._outer(view)
                self.scroll_to_widget(outer, animate=False, top=outer.outer_size.height > self.size.height)
                return

    def action_scroll_wide(self, step: int) -> None:
        """Scroll every code block and table on screen sideways (they are never wrapped)."""
        top, bottom = self.scroll_y, self.scroll_y + self.size.height
        for wide in self.query(WideBlock):
            region = wide.virtual_region
            if region.bottom > top and region.y < bottom:
                wide.scroll_relative(x=step * self.WIDE_STEP, animate=False, immediate=True)
