"""Textual selections <-> article offsets, so mouse and keyboard share one path to an annotation.

Each block of an article is one `BlockView`; a `textual.selection.Selection` on it is
(line, column) in its DRAWN text split on "\\n": the block's text plus the link numbers
(`reader.tui.widgets.drawn`). `view.drawn.to_text` takes a drawn offset to the block's text (a
point inside a link number counts as the link's end), and adding the block's start
gives the article offset; `to_drawn` goes back. Nothing else here knows about numbers.

What a `Selection` means in textual 8.2.8 (checked in its source and by experiment, see
tests/tui/test_selection.py):

- `start` and `end` are `Offset(x, y)`: y the line of the widget's text, x the character
  in that line. `start is None` means "from the beginning of the widget", `end is None`
  "to its end".
- `end` is EXCLUSIVE for everything that reads a Selection: `Selection.extract` slices
  `line[start.x:end.x]`, and drawing (`Content` via `Selection.get_span`) stylizes
  `[start, end)`. We read it the same way, so the range is what the user sees highlighted.
- The screen turns a mouse drag into a Selection unevenly, and that is where 8.1 -> 8.2
  moved: inside ONE widget it stores `end = pointer + 1`, so the character under the
  pointer at mouse-up (and at mouse-down) is included. Across SEVERAL widgets the first
  gets `Selection(pointer, None)` and the last `Selection(None, pointer)` with no +1, so
  the character under the pointer in the last widget is NOT included. A plain click
  leaves `screen.selections` empty.
- `screen.get_selected_text()` extracts each widget's part and joins them with "\\n"
  (one newline per widget, then strips trailing newlines), so for a range spanning blocks
  it equals `article.text[s:e]` with each "\\n\\n" block separator shown as a single "\\n".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from textual.geometry import Offset
from textual.selection import Selection
from textual.widget import Widget

if TYPE_CHECKING:  # only a type here: the block view asks this module for its selected range
    from reader.tui.widgets.block import BlockView


def offset_in_block(text: str, point: Offset) -> int:
    """Offset in `text` of (x, y) = (column, line), clamped to the text and to the line."""
    lines = text.split("\n")
    if point.y >= len(lines):
        return len(text)
    y = max(point.y, 0)
    before = sum(len(line) + 1 for line in lines[:y])
    return before + min(max(point.x, 0), len(lines[y]))


def point_in_block(text: str, offset: int) -> Offset:
    """(column, line) of `offset` in `text`; the inverse of `offset_in_block`."""
    head = text[:offset]
    y = head.count("\n")
    return Offset(offset - (head.rfind("\n") + 1), y)


def local_range(view: BlockView, selection: Selection) -> tuple[int, int]:
    """[start, end) of a Selection in the block's own text (end exclusive, as Textual draws)."""
    drawn = view.drawn
    start = 0 if selection.start is None else drawn.to_text(offset_in_block(drawn.text, selection.start))
    end = len(drawn.source) if selection.end is None else drawn.to_text(offset_in_block(drawn.text, selection.end))
    return start, max(start, end)


def selected_range(
    selections: Mapping[Widget, Selection], views: Sequence[BlockView]
) -> tuple[int, int] | None:
    """[start, end) in article offsets of what is selected across the blocks in `views`.

    Covers from the first selected block's selection start to the last one's selection
    end, trimmed of surrounding white space (a drag that starts in a margin or ends past
    a line should not annotate spaces). Widgets in `selections` that are not in `views`
    (titles, sidebars) are ignored. None when nothing, or only white space, is selected:
    that is what a plain click gives.
    """
    pieces: list[tuple[int, str]] = []  # (article offset, selected text of one block)
    for view in views:
        selection = selections.get(view)
        if selection is None:
            continue
        text = view.block.text
        a, b = local_range(view, selection)
        if a < b:
            pieces.append((view.start + a, text[a:b]))
    pieces.sort(key=lambda piece: piece[0])
    start = next((at + len(t) - len(t.lstrip()) for at, t in pieces if t.strip()), None)
    end = next((at + len(t.rstrip()) for at, t in reversed(pieces) if t.strip()), None)
    if start is None or end is None or start >= end:
        return None
    return start, end


def selections_for(start: int, end: int, views: Sequence[BlockView]) -> dict[Widget, Selection]:
    """The Selection per block that draws article range [start, end).

    Written to `screen.selections`, it highlights exactly those characters, so a keyboard
    selection looks like a mouse one, and `selected_range` reads it back as (start, end).
    Ends are explicit offsets, never None, and exclusive like every Selection reader;
    blocks the range does not touch get no entry. Entries are in block order, which is
    the order `get_selected_text()` joins them in.
    """
    result: dict[Widget, Selection] = {}
    if start >= end:
        return result
    for view in sorted(views, key=lambda v: v.start):
        text = view.block.text
        a = max(start, view.start) - view.start
        b = min(end, view.start + len(text)) - view.start
        if a < b:
            drawn = view.drawn
            result[view] = Selection(
                point_in_block(drawn.text, drawn.to_drawn(a, after=True)), point_in_block(drawn.text, drawn.to_drawn(b))
            )
    return result
