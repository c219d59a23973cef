"""Rows of the article's side panel, built by pure functions (no widgets, no app).

Kept apart from the widget so the grouping, ordering and wording can be tested
directly, and so building rows for a long article stays one cheap pass over its
entities, quotes and notes. Every string that comes from the article or the user
(names, quotes, speakers, notes, tags) goes into `Content` as plain text through
`reader.tui.widgets.safe`, never as markup. Colours come from `reader.tui.widgets.layers`, so the
panel and the article text always agree.
"""

from __future__ import annotations

import textwrap
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from textual.content import Content

from reader.core.entities.names import canonical
from reader.core.links import NumberedLink
from reader.core.model import ENTITY_LABELS, ENTITY_TYPES, Annotation, Entity, EntityType, Quote
from reader.core.quotemarks import EXCERPT_WIDTH, excerpt, quoted  # as the CLI shows them
from reader.core.reanchor import anchor_label
from reader.tui.widgets.drawn import NUMBER_FORMAT
from reader.tui.widgets.layers import ENTITY_STYLES, LINK_STYLE, QUOTE_STYLE
from reader.tui.widgets.safe import clean, plain
from reader.tui.widgets.note_text import note_preview

PENDING = "Finding names and quotes…"
NO_ENTITIES = "No names found in this article"
NOT_ENGLISH = "No names: reader finds them in English text only, and this article is not in English"
NO_QUOTES = "No quotes found in this article"
NO_NOTES = "No notes yet — select text and press a"
NO_LINKS = "No links in this article"
UNKNOWN_SPEAKER = "unknown speaker"
SWATCH = "█"
SEPARATOR = " · "


def no_names_line(text: str) -> str:
    """What the Entities tab says when it has no names: why, when it is the language."""
    from reader.core.analysis.language import judge

    return NO_ENTITIES if judge(text).english else NOT_ENGLISH


@dataclass(frozen=True)
class EntitySummary:
    """One distinct entity: its canonical name, its type and where the article names it."""

    name: str
    type: EntityType
    mentions: tuple[tuple[int, int], ...]  # [start, end) of each mention, in text order

    @property
    def count(self) -> int:
        return len(self.mentions)


def _main_type(types: Counter[EntityType]) -> EntityType:
    """The type a name is most often tagged with; ties go to the earlier type in ENTITY_TYPES,
    so one name never shows up under two headings."""
    order = {t: i for i, t in enumerate(ENTITY_TYPES)}
    return min(types, key=lambda t: (-types[t], order.get(t, len(order))))


def summarise_entities(entities: Iterable[Entity], merges: Mapping[str, str] | None = None,
                       ) -> dict[EntityType, list[EntitySummary]]:
    """Distinct entities grouped by type in ENTITY_TYPES order (empty types left out), each
    group sorted by mentions (most first) then name. One pass, so 300 mentions cost nothing.
    A name the user merged into another (`merges`, Library.aliases) counts as that one."""
    mentions: dict[str, list[tuple[int, int]]] = defaultdict(list)
    types: dict[str, Counter[EntityType]] = defaultdict(Counter)
    for entity in entities:
        name = canonical(entity.name, merges) if merges else entity.name
        mentions[name].append((entity.start, entity.end))
        types[name][entity.type] += 1
    groups: dict[EntityType, list[EntitySummary]] = defaultdict(list)
    for name, spans in mentions.items():
        kind = _main_type(types[name])
        groups[kind].append(EntitySummary(name, kind, tuple(sorted(spans))))
    ordered = [t for t in ENTITY_TYPES if t in groups] + [t for t in groups if t not in ENTITY_TYPES]
    return {t: sorted(groups[t], key=lambda s: (-s.count, s.name.casefold(), s.name)) for t in ordered}


def heading_prompt(kind: EntityType, count: int) -> Content:
    """`People (4)`: a type's heading with the number of distinct entities under it."""
    return Content.styled(f"{ENTITY_LABELS.get(kind, kind)} ({count})", "bold")


def entity_prompt(summary: EntitySummary, width: int | None = None) -> Content:
    """`  Donald Trump ×5`: the name in its type's colour (as in the article), then its mentions.

    With `width` (the list's columns), a name too long for one line is wrapped here with its
    later lines indented further, so that they never look like the next name."""
    style = ENTITY_STYLES.get(summary.type, ENTITY_STYLES["MISC"])
    count = f"×{summary.count}"
    text = f"{clean(summary.name)} {count}"
    if width is None or len(text) + 2 <= width:
        lines = [f"  {text}"]
    else:
        lines = textwrap.wrap(text, width, initial_indent="  ", subsequent_indent="    ", break_on_hyphens=False)
    last = lines[-1][: -len(count)]
    tail = " " + count if last.strip() else count  # the count alone on a line keeps only its indent
    lines[-1] = last[:-1] if last.strip() else last
    parts: list[tuple[str, str]] = []
    for number, line in enumerate(lines):
        words = line.lstrip(" ")
        indent = ("\n" if number else "") + " " * (len(line) - len(words))
        parts += [(indent, ""), (words, style)]
    return Content.assemble(*parts, (tail, "dim"), strip_control_codes=False)


def mention_status(name: str, index: int, total: int) -> str:
    """`Donald Trump: mention 2 of 5` (index counts from 0), cleaned for the screen."""
    return clean(f"{name}: mention {index + 1} of {total}")


def quote_prompt(quote: Quote, width: int = EXCERPT_WIDTH) -> Content:
    """Two lines: the quote's words in quote marks, then who says them."""
    speaker = quote.speaker.strip() if quote.speaker and quote.speaker.strip() else None
    who: list[str | tuple[str, str] | Content] = [
        ("— ", "dim"),
        plain(speaker, "bold") if speaker else (UNKNOWN_SPEAKER, "dim italic"),
    ]
    if quote.partial:
        who.append((" (partial)", "dim"))
    return Content.assemble(
        plain(quoted(quote.text, width), QUOTE_STYLE),
        "\n",
        *who,
        strip_control_codes=False,
    )


def note_prompt(annotation: Annotation, width: int = EXCERPT_WIDTH) -> Content:
    """A swatch in the highlight's colour and the highlighted words; below, the note's first
    lines (up to three) and the tags (or a dim "no note"), then the anchor state when a refresh moved the
    passage ("moved", "fuzzy 0.83", "ORPHAN")."""
    color = annotation.color if annotation.color in range(1, 6) else 1
    first = note_preview(annotation.note, most=3, width=width, indent="  ")
    second: list[str | tuple[str, str] | Content] = ["  "]
    second.append(first if first.plain else ("no note", "dim italic"))
    for index, tag in enumerate(annotation.tags):
        second.append((SEPARATOR, "dim") if index == 0 else " ")
        second.append(plain(f"#{tag}", "$secondary"))
    if label := anchor_label(annotation.anchor):
        second += [(SEPARATOR, "dim"), (label, "bold $error" if annotation.anchor.state == "orphan" else "$warning")]
    return Content.assemble(
        (SWATCH, f"$hl-{color}"),
        " ",
        plain(quoted(annotation.quote, width)),
        "\n",
        *second,
        strip_control_codes=False,
    )


def in_text_order(annotations: Iterable[Annotation]) -> list[Annotation]:
    """Annotations by where they sit in the article (start, then end)."""
    return sorted(annotations, key=lambda a: (a.selector.start, a.selector.end))


def quotes_in_text_order(quotes: Sequence[Quote]) -> list[Quote]:
    """Who said what, in text order: speech only (a term or scare quote keeps its colour in
    the text but is nobody's words)."""
    return sorted((q for q in quotes if q.kind == "speech"), key=lambda q: (q.start, q.end))


LINK_WIDTH = 36  # the panel's width less its margins: an address keeps to one line


def link_prompt(link: NumberedLink, width: int = LINK_WIDTH) -> Content:
    """`[3] the link's words`, and under it the address it goes to (both plain text, one
    line each; an https address is shown without its scheme, any other keeps it)."""
    number = NUMBER_FORMAT.format(link.number)
    shown = link.href.removeprefix("https://")
    return Content.assemble(
        (number, "dim"),
        " ",
        plain(excerpt(link.text, width - len(number) - 1) or "(no text)", LINK_STYLE),
        "\n  ",
        plain(excerpt(shown, width - 2), "dim"),
        strip_control_codes=False,
    )
