"""A keyboard caret over article text, for visual mode: move and extend by unit.

Read-only text has no caret in Textual, so the article screen keeps its own (anchor,
caret) and writes `screen.selections` from it (see `reader.tui.widgets.selection`). Everything
here is pure offsets into `article.text` (blocks joined by "\\n\\n") plus the blocks'
start offsets, so it is tested without a terminal.

Positions are BETWEEN characters (0 .. len(text)), like a text editor's caret, and a
range is [start, end). Units:

- char: one character; the caret never rests inside the "\\n\\n" between blocks (from
  the end of a block the next step is the start of the next block).
- word: a run of non-space characters, as in vim's `W`: "U.S.", "(R-FL)," and "Rubio's"
  are one step each, so a passage grows a word per key press the way a reader counts
  words. White space, hence the block separator, is never a word.
- sentence: `reader.core.analysis.tokenize.sentences` within one block: ends at . ! ?
  with its closing quotes, not after abbreviations ("Mr.", "U.S." before a non-starter).
- paragraph: one block.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from reader.core.model import BLOCK_SEPARATOR

Unit = Literal["char", "word", "sentence", "paragraph"]

_WORD = re.compile(r"\S+")
Span = tuple[int, int]


def _blocks(text: str, block_starts: Sequence[int]) -> list[Span]:
    """[start, end) of each block in `text`; the whole text is one block if none given."""
    starts = [s for s in block_starts if 0 <= s <= len(text)] or [0]
    ends = [max(s, nxt - len(BLOCK_SEPARATOR)) for s, nxt in zip(starts, starts[1:])]
    return list(zip(starts, ends + [len(text)]))


def _spans(text: str, block: Span, unit: Unit) -> list[Span]:
    """[start, end) of each word/sentence/paragraph inside one block, in order."""
    lo, hi = block
    if unit == "paragraph":
        return [block]
    if unit == "word":
        return [m.span() for m in _WORD.finditer(text, lo, hi)]
    # Imported on the first sentence move: the analysis package it lives in is ~7 MB of
    # modules (the tagger's code) an article read without moving by sentence never needs.
    from reader.core.analysis.tokenize import sentences, tokenize

    chunk = text[lo:hi]
    return [
        (lo + sent[0].start, lo + sent[-1].end)
        for sent in sentences(tokenize(chunk), chunk)
        if sent
    ]


def _block_index(blocks: list[Span], offset: int) -> int:
    return max(0, bisect_right([s for s, _ in blocks], offset) - 1)


def _forward_spans(text: str, blocks: list[Span], offset: int, unit: Unit) -> Iterator[Span]:
    """Spans from the block holding `offset` onwards (tokenizing lazily, block by block)."""
    for block in blocks[_block_index(blocks, offset):]:
        yield from _spans(text, block, unit)


def _backward_spans(text: str, blocks: list[Span], offset: int, unit: Unit) -> Iterator[Span]:
    """Spans from the block holding `offset` backwards, last first."""
    for block in reversed(blocks[: _block_index(blocks, offset) + 1]):
        yield from reversed(_spans(text, block, unit))


def _char_step(blocks: list[Span], offset: int, forward: bool, size: int) -> int:
    """One character on, skipping the inside of the separator between blocks."""
    i = _block_index(blocks, offset)
    start, end = blocks[i]
    if forward:
        if offset >= end:
            return blocks[i + 1][0] if i + 1 < len(blocks) else size
        return offset + 1
    if offset > end:  # inside a separator: back to the end of its block
        return end
    if offset <= start:
        return blocks[i - 1][1] if i > 0 else 0
    return offset - 1


def _clamp(text: str, offset: int) -> int:
    return min(max(offset, 0), len(text))


def move(text: str, block_starts: Sequence[int], offset: int, unit: Unit, forward: bool) -> int:
    """The caret's next position when MOVING (no selection): to unit starts, like vim w/b.

    Forward: the start of the next word / sentence / block after `offset`, or the end of
    the text if there is none. Backward: the start of the word / sentence / block before
    `offset` (the start of the current one when inside it), or 0. char steps one
    character, skipping the block separator. The result is in [0, len(text)], and never
    behind `offset` going forward nor ahead of it going back.
    """
    offset = _clamp(text, offset)
    blocks = _blocks(text, block_starts)
    if unit == "char":
        return _clamp(text, _char_step(blocks, offset, forward, len(text)))
    if forward:
        return next((s for s, _ in _forward_spans(text, blocks, offset, unit) if s > offset), len(text))
    return next((s for s, _ in _backward_spans(text, blocks, offset, unit) if s < offset), 0)


def extend(text: str, block_starts: Sequence[int], offset: int, unit: Unit, forward: bool) -> int:
    """The caret's next position when GROWING a selection: forward to unit ends, back to starts.

    Forward: the end of the word / sentence (with its final mark and closing quotes) /
    block that ends after `offset` (so from a word's start, that word's end). Backward:
    the start of the unit that starts before `offset`, exactly as `move`. Outward edges
    are thus always unit edges, and a range never grows a trailing space.
    """
    offset = _clamp(text, offset)
    if not forward or unit == "char":
        return move(text, block_starts, offset, unit, forward)
    blocks = _blocks(text, block_starts)
    return next((e for _, e in _forward_spans(text, blocks, offset, unit) if e > offset), len(text))


def _shrink(text: str, block_starts: Sequence[int], offset: int, unit: Unit, forward: bool) -> int:
    """The caret's next position moving TOWARDS the anchor: back to unit ends, forward to starts.

    The mirror of `extend`, so shrinking "Marco Rubio" by a word gives "Marco", not "Marco ".
    """
    offset = _clamp(text, offset)
    if unit == "char":
        return move(text, block_starts, offset, unit, forward)
    blocks = _blocks(text, block_starts)
    if forward:
        return next((s for s, _ in _forward_spans(text, blocks, offset, unit) if s > offset), len(text))
    return next((e for _, e in _backward_spans(text, blocks, offset, unit) if e < offset), 0)


@dataclass(frozen=True)
class VisualSelection:
    """Visual mode: the anchor stays where visual mode began, the caret moves.

    Both are caret positions (between characters). Enter visual mode with
    `VisualSelection(c, c)`; the selection is then empty and each `moved` grows or shrinks
    it by whole units:

    - entered at the start of "Marco" in "Marco Rubio said ...", extending by word forward
      once selects "Marco", twice "Marco Rubio"; by sentence, up to and including the
      sentence's full stop (and closing quotes); by paragraph, to the end of the block;
    - symmetrically, entered at the end of "said", extending backward by word selects
      "said", then "Rubio said"; by sentence or paragraph back to its start;
    - moving towards the anchor shrinks by whole units (to word ends going back, to word
      starts going forward) and stops at the anchor: the selection collapses there
      before it can grow on the other side.
    """

    anchor: int
    caret: int

    def moved(self, text: str, block_starts: Sequence[int], unit: Unit, forward: bool) -> VisualSelection:
        """This selection with the caret moved one `unit` forward or back, the anchor kept."""
        caret, anchor = self.caret, self.anchor
        towards_anchor = (caret > anchor and not forward) or (caret < anchor and forward)
        if towards_anchor:
            target = _shrink(text, block_starts, caret, unit, forward)
            target = max(target, anchor) if caret > anchor else min(target, anchor)
        else:
            target = extend(text, block_starts, caret, unit, forward)
        return replace(self, caret=target)

    @property
    def range(self) -> tuple[int, int]:
        """[start, end) = (min(anchor, caret), max(anchor, caret)), end exclusive.

        No character "under" the caret is added: the caret lands on unit edges
        (`extend`), which is what makes one word extension cover exactly the whole word.
        Empty (start == end) right after entering visual mode. When the anchor was not on
        a unit edge of the side the selection grew to (entered at the start of a word,
        then extended backward), the range can end in white space: use `span(text)`.
        """
        return (min(self.anchor, self.caret), max(self.anchor, self.caret))

    def span(self, text: str) -> tuple[int, int]:
        """`range` trimmed of surrounding white space: what to annotate (like `selected_range`)."""
        start, end = self.range
        chunk = text[start:end]
        stripped = chunk.strip()
        if not stripped:
            return (start, start)
        lead = len(chunk) - len(chunk.lstrip())
        return (start + lead, start + lead + len(stripped))
