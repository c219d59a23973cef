"""A list item drawn with a hanging indent: wrapped lines start under its text, not its marker.

An item block's text begins with its marker ("• " or "3. "), and that text is what a
selection counts in, so the marker cannot move out of it. Textual CSS has no hanging
indent, so `HangingContent` (still a `Content`: same text, same spans) draws the marker
in a gutter of its width and wraps the rest of the text in the columns to its right.

Every character keeps the (column, line) offset Textual gives it in the unwrapped text,
which is what a mouse selection reads: a drag over a wrapped item still lands on the
same characters of the block's text (`reader.tui.widgets.drawn`). The blank gutter of a wrapped
line carries the offset of the line's first character, so a press there starts there.
"""

from __future__ import annotations

import re

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions

from reader.tui.textual_private import has_meta

MARKER = re.compile(r"(?:• |\d+\. )")  # as the ingest writes them (reader.core.ingest.structure)


def marker_length(text: str) -> int:
    """Characters of the item marker that starts `text`; 0 when there is none."""
    found = MARKER.match(text)
    return found.end() if found else 0


def hanging(content: Content, hang: int) -> Content:
    """`content` drawn with its first `hang` characters as a gutter (a plain Content if none)."""
    if hang <= 0 or hang >= len(content.plain.split("\n", 1)[0]):
        return content
    return HangingContent(content, hang)


class HangingContent(Content):
    """`content` whose first `hang` characters (the marker) hang to the left of the rest."""

    __slots__ = ["hang", "_body"]

    def __init__(self, content: Content, hang: int) -> None:
        super().__init__(content.plain, list(content.spans), content.cell_length, strip_control_codes=False)
        self.hang = hang
        self._body = Content(content.plain[hang:], strip_control_codes=False)  # measured, not drawn

    def _gutter(self, width: int) -> int:
        """Columns of the marker; none when one line holds the item (it is then drawn as
        plain Content, cell for cell) or the view is too narrow to hang anything."""
        if "\n" not in self.plain and self.cell_length <= width:
            return 0
        return self.hang if width > self.hang else 0  # markers are narrow: a column a character

    def get_height(self, rules: RulesMap, width: int) -> int:
        gutter = self._gutter(width)
        if not gutter:
            return super().get_height(rules, width)
        return self._body.get_height(rules, width - gutter)

    def get_minimal_width(self, rules: RulesMap) -> int:
        return self.hang + self._body.get_minimal_width(rules)

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        gutter = self._gutter(width)
        if not gutter:
            return super().render_strips(width, height, style, options)
        content = Content(self.plain, list(self.spans), self.cell_length, strip_control_codes=False)
        content = _with_selection(content, options)
        options = RenderOptions(options.get_style, options.rules, None, None, options.post_style)
        marker = content[:gutter].render_strips(gutter, 1, style, options)[0]
        body = content[gutter:].render_strips(width - gutter, None, style, options)
        blank = style.background_style.rich_style
        lines = [_shifted(strip, gutter) for strip in body]
        strips = [
            Strip([*(marker.crop_extend(0, gutter, blank) if index == 0 else _gutter_cells(line, gutter, blank)), *line])
            for index, line in enumerate(lines)
        ]
        return strips if height is None else strips[:height]


def _with_selection(content: Content, options: RenderOptions) -> Content:
    """`content` with the selection's style on what is selected, as Content draws it line by line."""
    selection, selection_style = options.selection, options.selection_style
    if selection is None or selection_style is None:
        return content
    start = 0
    for y, line in enumerate(content.plain.split("\n")):
        span = selection.get_span(y)
        if span is not None:
            a, b = span
            content = content.stylize(selection_style, start + a, start + (len(line) if b == -1 else b))
        start += len(line) + 1
    return content


def _offset(segment: Segment) -> tuple[int, int] | None:
    style = segment.style
    if not has_meta(style):
        return None
    return style.meta.get("offset")


def _shifted(strip: Strip, columns: int) -> list[Segment]:
    """The segments of `strip`, offsets in the text's first line moved right by `columns`
    (they were counted in the text after the marker)."""
    segments = []
    for segment in strip:
        offset = _offset(segment)
        if offset is not None and offset[1] == 0:
            x, y = offset
            segment = Segment(segment.text, segment.style + RichStyle.from_meta({"offset": (x + columns, y)}))
        segments.append(segment)
    return segments


def _gutter_cells(line: list[Segment], columns: int, blank: RichStyle) -> list[Segment]:
    """The blank gutter before a wrapped line, one cell a segment, each with the offset of
    the line's first character (so a press anywhere in it lands there)."""
    offset = next((o for o in map(_offset, line) if o is not None), None)
    if offset is None:
        return [Segment(" " * columns, blank)]
    style = blank + RichStyle.from_meta({"offset": offset})
    return [Segment(" ", style) for _ in range(columns)]
