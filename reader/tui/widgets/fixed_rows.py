"""An `OptionList` for many one- or two-line rows, built and drawn only when seen.

`Prompt` defers building a row's `Content` until the row is drawn; `FixedRows` knows
every row's height without laying it out and draws a row by cutting its lines to the
width. Together they make a list of 15,000 names cost what its visible rows cost.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import repeat
from typing import Any, Self

from rich.segment import Segment
from textual.content import Content
from textual.geometry import Size
from textual.strip import Strip
from textual.style import Style
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class Prompt:
    """A row's prompt, built only when the row is drawn (`OptionList` calls `visualize()` then).

    A big library has some 15,000 entities: building every row's `Content` up front took
    longer than opening the screen may. `str()` gives the row's text (tests, messages).
    """

    __slots__ = ("build", "item", "marked", "sized")

    def __init__(self, build: Callable[..., Content], item: Any, marked: bool | None = None, *,
                 sized: bool = False) -> None:
        self.build = build
        self.item = item
        self.marked = marked
        self.sized = sized  # `build` takes `width=` and fits the row itself (what it cuts is its choice)

    def visualize(self, width: int | None = None) -> Content:
        options: dict[str, Any] = {}
        if self.marked is not None:
            options["marked"] = self.marked
        if self.sized and width is not None:
            options["width"] = width
        return self.build(self.item, **options)

    def __str__(self) -> str:
        return str(self.visualize())


def cut_line(line: Content, style: Style, width: int, left: int = 0, right: int = 0) -> Strip:
    """One line of a row, `width` cells: padded, and cut with an ellipsis when too long."""
    rich_style = style.rich_style
    inner = max(width - left - right, 0)
    strip = Strip(line.render_segments(style))
    if strip.cell_length > inner:
        strip = Strip([*strip.crop(0, max(inner - 1, 0)), Segment("…", rich_style)]) if inner else Strip([])
    if left:
        strip = Strip([Segment(" " * left, rich_style), *strip])
    return strip.extend_cell_length(width, rich_style)


class FixedRows(OptionList):
    """An `OptionList` whose rows never wrap: ROW_HEIGHT lines each (a disabled row: one line).

    `OptionList._update_lines` measures every option's height by laying its text out at
    the list's width, which for thousands of rows costs more than the rest of opening a
    screen. Rows here are cut, not wrapped (`text-wrap: nowrap`), so their heights are
    known without measuring. For the same reason a row is drawn by cutting its `Content`'s
    lines to the width, not by Textual's general layout of a visual. These replace two
    private methods of the pinned textual 8.2.8.
    """

    ROW_HEIGHT = 1
    DEFAULT_CSS = """
    FixedRows {
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def _row_height(self, option: Option) -> int:
        """ROW_HEIGHT lines (a disabled row: one), and one more for the rule OptionList draws
        under a row followed by a separator (`None` among the options)."""
        return (1 if option.disabled else self.ROW_HEIGHT) + option._divider  # noqa: SLF001

    def _update_lines(self) -> None:
        region = self.scrollable_content_region
        if not region:
            return
        cache = self._line_cache
        lines = cache.lines
        next_index = lines[-1][0] + 1 if lines else 0
        options = self.options
        if self.ROW_HEIGHT == 1:  # one line per option (such lists have no separators): ranges, at C speed
            new = range(next_index, len(options))
            cache.index_to_line.update(zip(new, range(len(lines), len(lines) + len(new))))
            cache.heights.update(dict.fromkeys(new, 1))
            lines.extend(zip(new, repeat(0)))
        else:
            for index in range(next_index, len(options)):
                cache.index_to_line[index] = len(lines)
                height = self._row_height(options[index])
                cache.heights[index] = height
                lines.extend((index, line) for line in range(height))
        virtual_size = Size(region.width - self._get_left_gutter_width(), len(lines))
        if virtual_size.height != self.virtual_size.height:
            self.virtual_size = virtual_size
            self._scroll_update(virtual_size)
        elif virtual_size != self.virtual_size:
            # The width alone (rows never scroll sideways): no scrollbar changes, so no second layout.
            self.set_reactive(FixedRows.virtual_size, virtual_size)

    def set_options(self, options: Iterable[Option]) -> Self:
        """As `OptionList.set_options`, and the height known at once, so the first layout has the scrollbar."""
        super().set_options(options)
        self.virtual_size = Size(self.virtual_size.width, self.line_count())
        return self

    def _get_option_render(self, option: Option, style: Style) -> list[Strip]:
        """A row's lines cut to the width, and the rule under it where a separator follows, as
        OptionList draws it."""
        padding = self.get_component_styles("option-list--option").padding
        key = (option, style, padding)
        if (strips := self._option_render_cache.get(key)) is None:
            width = self.scrollable_content_region.width - self._get_left_gutter_width()
            meta = {"option": self._option_to_index[option]}
            prompt = option.prompt
            if isinstance(prompt, Prompt) and prompt.sized:  # it fits itself: its flags before its tags
                visual: Any = prompt.visualize(max(width - padding.left - padding.right, 1))
            else:
                visual = self._get_visual(option)
            strips = [
                cut_line(line, style, width, padding.left, padding.right).apply_meta(meta)
                for line in visual.split("\n")
            ]
            if option._divider:  # noqa: SLF001
                rule = self.get_visual_style("option-list--separator").rich_style
                strips.append(Strip([Segment("─" * width, rule)], width))
            self._option_render_cache[key] = strips
        return strips

    def line_count(self) -> int:
        """Every row's lines, known without laying a row out."""
        if self.ROW_HEIGHT == 1:
            return len(self.options)
        return sum(self._row_height(option) for option in self.options)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self.line_count()
