"""A page's table as one `table` block: rows as lines, cells padded so the columns align.

The padding is part of the stored text, so what the reading view draws is exactly the
block's text (offsets hold) and a table reads the same in `reader show`, in a pager and
in an export. Column widths count terminal cells (a CJK character takes two). A table
that only lays a page out (one column, or cells holding whole paragraphs) is not a table
of data: `table_block` returns None and its cells are read as paragraphs.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.core.blocktext import COLUMN_GAP, HEADER_JOINT, HEADER_RULE, merge_marks, width
from reader.core.model import Block, Mark

MAX_CELL = 60  # a wider cell is prose, not data
MAX_COLUMNS = 12

Cell = tuple[str, tuple[Mark, ...], bool]  # text (one line), marks, whether a header cell


def table_block(rows: Sequence[Sequence[Cell]]) -> Block | None:
    """The rows as one aligned block, or None when they do not make a table of data."""
    columns = max((len(row) for row in rows), default=0)
    if columns < 2 or columns > MAX_COLUMNS or any(width(text) > MAX_CELL for row in rows for text, _, _ in row):
        return None
    widths = [max((width(row[i][0]) for row in rows if i < len(row)), default=0) for i in range(columns)]
    lines: list[str] = []
    marks: list[Mark] = []
    offset = 0
    for number, row in enumerate(rows):
        line, row_marks = _row(row, widths)
        marks += [Mark(m.start + offset, m.end + offset, m.kind, m.href) for m in row_marks]
        lines.append(line)
        offset += len(line) + 1
        if number == 0 and len(rows) > 1 and all(head for _, _, head in row):
            rule = HEADER_JOINT.join(HEADER_RULE * w for w in widths)
            lines.append(rule)
            offset += len(rule) + 1
    return Block("table", "\n".join(lines), 0, merge_marks(marks))


def _row(row: Sequence[Cell], widths: list[int]) -> tuple[str, list[Mark]]:
    """One line: each cell padded to its column's width (the last one not), the gap between."""
    parts: list[str] = []
    marks: list[Mark] = []
    at = 0
    cells = list(row) + [("", (), False)] * (len(widths) - len(row))
    for i, (text, cell_marks, head) in enumerate(cells):
        if i:
            parts.append(COLUMN_GAP)
            at += len(COLUMN_GAP)
        marks += [Mark(m.start + at, m.end + at, m.kind, m.href) for m in cell_marks]
        if head and text:
            marks.append(Mark(at, at + len(text), "strong"))
        padded = text if i == len(cells) - 1 else text + " " * (widths[i] - width(text))
        parts.append(padded)
        at += len(padded)
    line = "".join(parts).rstrip()
    return line, [m for m in marks if m.end <= len(line)]
