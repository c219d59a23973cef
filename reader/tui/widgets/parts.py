"""A very long article read in parts, so opening it and every key press stay quick.

The reading view is one widget per block, and Textual's cost per frame grows with the
widgets mounted: 1,087 blocks took 7.4 s to open and 0.7 s per key here, a 19 MB text
about a minute. So the screen mounts one part at a time: consecutive blocks up to
PART_CHARS characters or PART_BLOCKS blocks. Offsets stay the article's own, so layers,
notes and selection work in any part; a news article is one part.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.widgets import Static

PART_CHARS = 40_000
PART_BLOCKS = 150


def split_parts(block_starts: Sequence[int], total: int) -> list[range]:
    """Block indices in consecutive parts; a block longer than PART_CHARS is a part alone."""
    parts: list[range] = []
    first = 0
    for i in range(1, len(block_starts)):
        grown = block_starts[i + 1] if i + 1 < len(block_starts) else total
        if i - first >= PART_BLOCKS or grown - block_starts[first] > PART_CHARS:
            parts.append(range(first, i))
            first = i
    parts.append(range(first, len(block_starts)))
    return parts


def part_of(parts: Sequence[range], block: int) -> int:
    """The part holding block `block` (the first part for a block out of range)."""
    return next((n for n, part in enumerate(parts) if block in part), 0)


class PartNav(Static):
    """The line after a part: where the reader is in the article and which keys move on."""

    def __init__(self, part: int, parts: Sequence[range], block_starts: Sequence[int], total: int, keys: str) -> None:
        shown = parts[part]
        start = block_starts[shown.start] if len(shown) else 0
        end = block_starts[shown.stop] if shown.stop < len(block_starts) else total
        super().__init__(
            f"Part {part + 1} of {len(parts)}: characters {start + 1:,}–{end:,} of {total:,}. {keys}",
            id="part-nav",
            markup=False,
        )
