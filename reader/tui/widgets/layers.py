"""What is drawn over an article's text: the page's emphasis and links, entities, quotes
and the user's highlights.

Pure functions, no widgets. A block's `Content` is built from its plain text plus
spans, never from markup, so a stranger's text cannot style itself or run actions.
The only characters ever added are the link numbers, and `reader.tui.widgets.drawn.Drawn` maps
every offset across them; so a mouse selection (line, column) still maps onto article
offsets. Nothing else is inserted: a quote's speaker goes into a tooltip
(`block_tooltip`) rather than after the quote, and a highlight with a note is
underlined rather than marked with an extra character.

Offsets of entities, quotes and annotations count characters in `article.text`
(blocks joined by a blank line); `block_start` is the block's offset there.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from textual.content import Content, Span
from textual.style import Style

from reader.core.model import COLORS, Annotation, Entity, Mark, Quote
from reader.tui.widgets.drawn import Drawn
from reader.tui.widgets.safe import clean

LayerName = Literal["entities", "quotes", "highlights"]

ENTITY_STYLES: dict[str, str] = {
    "PER": "$entity-person",
    "LOC": "$entity-place",
    "ORG": "$entity-org",
    "MISC": "$entity-misc",
    "DATE": "$entity-date",
}
QUOTE_STYLE = "italic $quote"
NOTE_STYLE = "underline"
MARK_STYLES: dict[str, str] = {"em": "italic", "strong": "bold", "code": "$text-accent on $boost"}
LINK_STYLE = "underline $link-color"
LINK_NUMBER_STYLE = "$text-muted"


def highlight_style(color: int) -> str:
    """A highlight: the theme's colour at 40% behind the text, and the text in the theme's
    foreground, so entity and quote colours (readable on the page) never sit on a tint they
    do not reach 4.5:1 on (the highlight is the user's own layer: it wins)."""
    return f"$foreground on $hl-{color if color in COLORS else 1} 40%"


@dataclass(frozen=True)
class Layers:
    """Which layers are drawn."""

    entities: bool = True
    quotes: bool = True
    highlights: bool = True

    def toggled(self, name: LayerName) -> Layers:
        return replace(self, **{name: not getattr(self, name)})


def _clip(start: int, end: int, block_start: int, length: int) -> tuple[int, int] | None:
    """[start, end) in article offsets as block offsets, clipped; None if outside the block."""
    s = max(start - block_start, 0)
    e = min(end - block_start, length)
    return (s, e) if s < e else None


def by_block(
    block_starts: Sequence[int],
    items: Iterable[object],
    where: Callable[[object], tuple[int, int]],
    end_of_last: int | None = None,
) -> list[list[int]]:
    """For each block, the indices of the items that overlap it (`where` gives an item's
    [start, end) in article offsets); so each block looks only at its own marks.

    The blocks may be a run from the middle of the article (one part of a long one):
    items outside [block_starts[0], end_of_last) are then left out."""
    found: list[list[int]] = [[] for _ in block_starts]
    first = block_starts[0] if block_starts else 0
    for index, item in enumerate(items):
        start, end = where(item)
        if max(end, start + 1) <= first or (end_of_last is not None and start >= end_of_last):
            continue
        block = max(bisect_right(block_starts, start) - 1, 0)
        while block < len(block_starts) and block_starts[block] < max(end, start + 1):
            found[block].append(index)
            block += 1
    return found


def block_content(
    text: str,
    block_start: int,
    *,
    marks: Sequence[Mark] = (),
    drawn: Drawn | None = None,
    entities: Sequence[Entity] = (),
    quotes: Iterable[Quote] = (),
    annotations: Sequence[Annotation] = (),
    layers: Layers = Layers(),
    entity_indices: Sequence[int] | None = None,
    annotation_indices: Sequence[int] | None = None,
) -> Content:
    """A block as drawn (`drawn`, else its text alone), cleaned, with its layers as spans.

    Later spans draw over earlier ones: the page's emphasis and links (`marks`, and the
    numbered links of `drawn`), quotes, entities (their colour wins inside a quote),
    then highlight backgrounds. All offsets are text offsets, mapped through `drawn`.

    A click action names an entity, highlight or link by its index in the article's list
    (a link by its number), never by its text or id (a stranger's string has no place in
    an action): that index is its place in `entities` (or `annotations`), or
    `entity_indices[i]` (`annotation_indices[i]`) when given; then the sequence may hold
    just this block's marks, see `by_block`. A link's click wins over an entity's, and a
    highlight's over both: it is the user's own mark.
    """
    drawn = drawn if drawn is not None and drawn.source == text else Drawn(text)
    cleaned = clean(drawn.text)
    length = len(text)
    spans: list[Span] = []

    def add(start: int, end: int, style: str | Style) -> None:
        spans.append(Span(drawn.to_drawn(start, after=True), drawn.to_drawn(end), style))

    for mark in marks:
        if mark.kind in MARK_STYLES and (clipped := _clip(mark.start, mark.end, 0, length)):
            add(*clipped, MARK_STYLES[mark.kind])
    for link in drawn.links:
        if clipped := _clip(link.start, link.end, 0, length):
            add(*clipped, LINK_STYLE)
    for start, end, insert in drawn.insert_spans():
        spans.append(Span(start, end, LINK_NUMBER_STYLE))
        spans.append(Span(start, end, _follow(insert.number)))
    if layers.quotes:
        for quote in quotes:
            if clipped := _clip(quote.start, quote.end, block_start, length):
                add(*clipped, QUOTE_STYLE)
    if layers.entities:
        indices = range(len(entities)) if entity_indices is None else entity_indices
        for index, entity in zip(indices, entities, strict=True):
            if clipped := _clip(entity.start, entity.end, block_start, length):
                style = ENTITY_STYLES.get(entity.type, ENTITY_STYLES["MISC"])
                add(*clipped, style)
                add(*clipped, Style.from_meta({"@click": f"screen.show_entity({int(index)})"}))
    for link in drawn.links:  # a click on a link follows it, even over an entity
        if clipped := _clip(link.start, link.end, 0, length):
            add(*clipped, _follow(link.number))
    if layers.highlights:
        indices = range(len(annotations)) if annotation_indices is None else annotation_indices
        for index, annotation in zip(indices, annotations, strict=True):
            selector = annotation.selector
            if clipped := _clip(selector.start, selector.end, block_start, length):
                add(*clipped, highlight_style(annotation.color))
                if annotation.note.strip():
                    add(*clipped, NOTE_STYLE)
                add(*clipped, Style.from_meta({"@click": f"screen.edit_note({int(index)})"}))
    return Content(cleaned, spans, strip_control_codes=False)


def _follow(number: int) -> Style:
    return Style.from_meta({"@click": f"screen.follow_link({int(number)})"})


def _excerpt(text: str, width: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def block_tooltip(text: str, block_start: int, quotes: Iterable[Quote], layers: Layers = Layers()) -> Content | None:
    """Who says the full quotes that start in this block, as plain Content (or None)."""
    if not layers.quotes:
        return None
    end = block_start + len(text)
    lines = [
        f"“{_excerpt(quote.text)}” — {quote.speaker}"
        for quote in quotes
        if quote.speaker and not quote.partial and block_start <= quote.start < end
    ]
    if not lines:
        return None
    return Content(clean("\n".join(lines)), strip_control_codes=False)
