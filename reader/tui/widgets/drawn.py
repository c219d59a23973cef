"""A block's text as drawn: its own characters plus the link numbers shown after links.

The reading view numbers links ("transport plan[1]") so a reader can find them in the
Links tab and in `reader show --links`. Those numbers are not in the article's text, so
this is the one place that knows where they sit: every offset that crosses between the
screen and the text (a mouse selection's (line, column), a keyboard selection drawn
back, a layer's span) goes through `Drawn.to_text` / `Drawn.to_drawn`. Everything else
(notes, entities, quotes, the caret) keeps counting characters of `article.text`.

A link's number goes right after the link; in a table or code block it goes at the end
of the link's line, so the columns stay aligned.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reader.core.links import NumberedLink
from reader.core.model import Block

NUMBER_FORMAT = "[{}]"
_AT_LINE_END = ("table", "code")


@dataclass(frozen=True)
class Insert:
    """`text` drawn just before the character at offset `at` of the block's text."""

    at: int
    text: str
    number: int  # the link it numbers


@dataclass(frozen=True)
class Drawn:
    """The block's text with `inserts` (sorted by `at`) drawn into it."""

    source: str
    inserts: tuple[Insert, ...] = ()
    links: tuple[NumberedLink, ...] = ()
    text: str = field(init=False)

    def __post_init__(self) -> None:
        parts, last = [], 0
        for insert in self.inserts:
            parts += [self.source[last : insert.at], insert.text]
            last = insert.at
        parts.append(self.source[last:])
        object.__setattr__(self, "text", "".join(parts))

    def to_drawn(self, offset: int, *, after: bool = False) -> int:
        """Where text offset `offset` is drawn. An insert at that very offset counts as
        before it only when `after` (a range's start), so a range that ends with a link
        does not take the link's number."""
        shift = sum(len(i.text) for i in self.inserts if i.at < offset or (after and i.at == offset))
        return offset + shift

    def to_text(self, drawn: int) -> int:
        """The text offset of drawn offset `drawn`; inside an insert, where it is inserted."""
        shift = 0
        for insert in self.inserts:
            start = insert.at + shift
            if drawn <= start:
                break
            if drawn <= start + len(insert.text):
                return insert.at
            shift += len(insert.text)
        return min(max(drawn - shift, 0), len(self.source))

    def insert_spans(self) -> list[tuple[int, int, Insert]]:
        """[start, end) in drawn offsets of each insert."""
        spans, shift = [], 0
        for insert in self.inserts:
            start = insert.at + shift
            spans.append((start, start + len(insert.text), insert))
            shift += len(insert.text)
        return spans


def drawn_block(block: Block, links: Sequence[NumberedLink] = ()) -> Drawn:
    """How `block` is drawn with its numbered `links` (those of this block)."""
    inserts: list[Insert] = []
    for link in links:
        at = link.end
        text = NUMBER_FORMAT.format(link.number)
        if block.kind in _AT_LINE_END:
            newline = block.text.find("\n", link.end)
            at = len(block.text) if newline < 0 else newline
            text = (" " if not any(i.at == at for i in inserts) else "") + text
        inserts.append(Insert(at, text, link.number))
    inserts.sort(key=lambda i: i.at)  # stable: links ending at one place keep their order
    return Drawn(block.text, tuple(inserts), tuple(links))
