"""Where a caret offset is drawn in a block, by screen row and column, and back.

Moving the caret a line down means "the same column, one drawn row lower", and a drawn
row is a piece of a wrapped line that only the renderer knows. So this reads the
block's rendered rows (`Widget.render_line`): Textual marks every drawn character with
its (column, line) in the block's drawn text (the `offset` meta a mouse selection
reads), which gives, per row, the cells and the characters they show. Offsets here are
article offsets; a block's drawn text and its own text are told apart by its `Drawn`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.geometry import Offset

from reader.tui.textual_private import has_meta
from reader.tui.widgets.selection import offset_in_block, point_in_block

if TYPE_CHECKING:
    from reader.tui.widgets.block import BlockView

Cell = tuple[int, int, int]  # (column on the row, line of the drawn text, character in that line)


@dataclass(frozen=True)
class Spot:
    """A drawn place: row `row` of a block, `column` cells in (its padding counted)."""

    row: int
    column: int


def rows(view: BlockView) -> list[list[Cell]]:
    """The cells of each drawn row of `view` that show a character of its text."""
    drawn: list[list[Cell]] = []
    for y in range(view.size.height):
        cells: list[Cell] = []
        column = 0
        for segment in view.render_line(y):
            place = segment.style.meta.get("offset") if has_meta(segment.style) else None
            if place is not None and place[1] is not None:
                x, line = place
                for i, _char in enumerate(segment.text):
                    if cells and cells[-1][1:] == (line, x + i):
                        cells.pop()  # a list item's blank gutter carries its line's first offset: the text's cell wins
                    cells.append((column + i, line, x + i))
            column += segment.cell_length
        drawn.append(cells)
    if not any(drawn):  # not drawn yet: one row per line of the text, unwrapped
        lines = view.drawn.text.split("\n")
        drawn = [[(x, y, x) for x in range(len(line))] for y, line in enumerate(lines)]
    return drawn


def spot_of(view: BlockView, offset: int, drawn_rows: list[list[Cell]] | None = None) -> Spot:
    """The row and column where article offset `offset` (in this block) is drawn."""
    drawn_rows = rows(view) if drawn_rows is None else drawn_rows
    local = min(max(offset - view.start, 0), len(view.block.text))
    point = point_in_block(view.drawn.text, view.drawn.to_drawn(local, after=True))
    best: tuple[int, int] | None = None  # (row, column) of the nearest character at or before it
    best_x = -1
    for row, cells in enumerate(drawn_rows):
        for column, line, x in cells:
            if line == point.y and x <= point.x and x > best_x:
                best, best_x = (row, column), x
    if best is None:
        return Spot(0, view.gutter.left)
    row, column = best
    return Spot(row, view.gutter.left + column + (point.x - best_x))


def offset_at(view: BlockView, spot: Spot, drawn_rows: list[list[Cell]] | None = None) -> int:
    """The article offset drawn nearest to `spot` on its row (after the row's end: its end)."""
    drawn_rows = rows(view) if drawn_rows is None else drawn_rows
    if not drawn_rows:
        return view.start
    cells = drawn_rows[min(max(spot.row, 0), len(drawn_rows) - 1)]
    if not cells:
        return view.start
    column = spot.column - view.gutter.left
    before = [cell for cell in cells if cell[0] <= column]
    _, line, x = before[-1] if before else cells[0]
    if before and before[-1] is cells[-1] and column > cells[-1][0]:
        x += 1  # past the last character of the row: the caret after it
    drawn = offset_in_block(view.drawn.text, Offset(x, line))
    return view.start + view.drawn.to_text(drawn)
