"""How structure is written into a block's text, shared by ingest, export and import.

Marks add nothing to the text: these helpers keep them in one canonical order, clip and
shift them with the text they cover. A table block's rows are lines of its text, cells
padded to align and `COLUMN_GAP` between them, with a `HEADER_RULE` line under a header
row; ingest writes that form and the Markdown export reads it back.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from reader.core.model import Mark

COLUMN_GAP = " │ "
HEADER_RULE = "─"
HEADER_JOINT = "─┼─"


def width(text: str) -> int:
    """How many terminal cells `text` takes: wide characters two, combining marks none."""
    total = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        total += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return total


def merge_marks(marks: list[Mark]) -> tuple[Mark, ...]:
    """Marks in one order (start, end, kind, address), those of one kind (and address)
    that touch or overlap made one."""
    merged: list[Mark] = []
    last: dict[tuple[str, str | None], int] = {}  # (kind, href) -> index in merged of its latest mark
    for mark in sorted(marks, key=lambda m: (m.start, m.end, m.kind, m.href or "")):
        key = (mark.kind, mark.href)
        at = last.get(key)
        if at is not None and merged[at].end >= mark.start:
            old = merged[at]
            merged[at] = Mark(old.start, max(old.end, mark.end), old.kind, old.href)
        else:
            last[key] = len(merged)
            merged.append(mark)
    return tuple(sorted(merged, key=lambda m: (m.start, m.end, m.kind, m.href or "")))


def shift_marks(marks: Sequence[Mark], start: int, end: int, by: int = 0) -> tuple[Mark, ...]:
    """The marks' parts inside [start, end), counted from `start` (plus `by`)."""
    found: list[Mark] = []
    for mark in marks:
        s, e = max(mark.start, start), min(mark.end, end)
        if s < e:
            found.append(Mark(s - start + by, e - start + by, mark.kind, mark.href))
    return tuple(found)
