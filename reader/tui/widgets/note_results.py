"""The Notes screen's lists: search results (one note per row) and the tag facets.

A row shows the passage with the matched words marked, the note's first line (its
Markdown drawn, `note_text`), the note's own #tags, then its article's title, date and
tags, the last said to be the article's ("article #uk"): `tag:` matches them too, but a
note does not carry them (`reader search` shows them the same way). Everything in it is user or article text:
rows are built from plain strings (`clean`) with the marks as `Content` spans over
them, never markup. `Hit.marks` gives (start, end) spans over the quote, note and title;
`clean` keeps lengths, so the spans stay on the same characters.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from textual.content import Content, Span
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.core.quotemarks import opens_with_marks
from reader.tui.widgets.note_text import MARK_STYLE, note_preview
from reader.tui.widgets.safe import clean

SEPARATOR = " · "
QUOTE_ROOM = 240  # characters of a long passage shown (around the first match)


def format_day(value: object) -> str:
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return f"{value.day} {value:%b %Y}"
    return ""


def marked(text: str, spans: Iterable[Sequence[int]] = (), style: str = "") -> Content:
    """`text` as plain Content, with each (start, end) span drawn in MARK_STYLE."""
    text = clean(text)
    marks = [
        Span(max(0, int(start)), min(len(text), int(end)), MARK_STYLE)
        for start, end in spans
        if 0 <= int(start) < int(end) and int(start) < len(text)
    ]
    content = Content.styled(text, style, strip_control_codes=False) if style else Content(text)
    return Content(content.plain, [*content.spans, *marks]) if marks else content


def window(text: str, spans: Sequence[Sequence[int]], room: int = QUOTE_ROOM) -> tuple[str, list[tuple[int, int]]]:
    """A long text cut to `room` characters around its first mark, the marks moved to match."""
    if len(text) <= room:
        return text, [(int(s), int(e)) for s, e in spans]
    first = min((int(s) for s, _ in spans), default=0)
    start = max(0, min(first - room // 4, len(text) - room))
    end = start + room
    prefix = "…" if start else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start
    moved = [(int(s) + shift, min(int(e), end) + shift) for s, e in spans if int(s) >= start and int(s) < end]
    return prefix + text[start:end] + suffix, moved


def hit_prompt(hit: Any) -> Content:
    """“passage”, the note's first lines (up to four), then #tags · title · date · article #tags."""
    marks: dict[str, Sequence[Sequence[int]]] = getattr(hit, "marks", None) or {}
    quote = (getattr(hit, "quote", "") or "").replace("\n", " ")
    parts: list[Content | str | tuple[str, str]] = []
    if quote:
        shown, spans = window(quote, marks.get("quote", ()))
        if opens_with_marks(quote):  # `"I felt …," he said.`: its own marks, not quoted again
            parts.append(marked(shown, spans, "italic"))
        else:
            parts += [("“", "$text-muted"), marked(shown, spans, "italic"), ("”", "$text-muted")]
    else:
        excerpt = (getattr(hit, "excerpt", "") or "").replace("\n", " ")
        shown, spans = window(excerpt, marks.get("text", ()))
        parts.append(marked(shown, spans))
    note = getattr(hit, "note", "") or ""
    first = note_preview(note, style="bold", marks=[note[s:e] for s, e in marks.get("note", ())])
    if first.plain:
        parts += ["\n", first]
    details: list[Content | str | tuple[str, str]] = []
    tags = list(getattr(hit, "tags", ()) or ())
    for number, tag in enumerate(tags):
        if number:
            details.append(" ")
        details.append(Content.styled(clean(f"#{tag}"), "$secondary", strip_control_codes=False))
    title = getattr(hit, "title", "") or "(untitled)"
    if details:
        details.append((SEPARATOR, "dim"))
    details.append(marked(title, marks.get("title", ()), "$text-muted"))
    day = format_day(getattr(hit, "date", None))
    if day:
        details.append((SEPARATOR + day, "dim"))
    if getattr(hit, "kind", "note") == "note" and (of_article := getattr(hit, "article_tags", ())):
        details.append((clean(SEPARATOR + "article " + " ".join(f"#{t}" for t in of_article)), "dim"))
    parts += ["\n", *details]
    return Content.assemble(*parts, strip_control_codes=False)


class NoteResults(OptionList):
    """Search results; Enter or a click asks to open the note's passage."""

    class Opened(Message):
        def __init__(self, hit: Any) -> None:
            super().__init__()
            self.hit = hit

    class LeftAtTop(Message):
        """Up on the first result: the screen gives the focus back to the query."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.hits: list[Any] = []

    def action_cursor_up(self) -> None:
        if not self.highlighted:
            self.post_message(self.LeftAtTop())
        else:
            super().action_cursor_up()

    def show(self, hits: list[Any], *, keep_highlight: bool = True) -> None:
        """Show `hits`; the highlight stays on the same note if asked and it is still there, else the top."""
        current = self.highlighted_option.id if self.highlighted_option and keep_highlight else None
        self.hits = list(hits)
        options: list[Option | None] = []
        for hit in self.hits:
            if options:
                options.append(None)
            options.append(Option(hit_prompt(hit), id=hit.id))
        self.set_options(options)
        ids = [hit.id for hit in self.hits]
        if current in ids:
            self.highlighted = ids.index(current)
        elif ids:
            self.highlighted = 0

    @property
    def highlighted_hit(self) -> Any | None:
        option = self.highlighted_option
        if option is None:
            return None
        return next((hit for hit in self.hits if hit.id == option.id), None)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        hit = next((hit for hit in self.hits if hit.id == event.option.id), None)
        if hit is not None:
            self.post_message(self.Opened(hit))


def facet_prompt(tag: str, count: int, width: int) -> Content:
    label = clean(f"#{tag}")
    number = str(count)
    room = max(1, width - len(number) - 1)
    if len(label) > room:
        label = label[: room - 1] + "…"
    return Content.assemble(
        (label, "$secondary"), " " * max(1, width - len(label) - len(number)), (number, "dim"),
        strip_control_codes=False,
    )


class TagFacets(OptionList):
    """The tags of the current results with how many results carry each; choosing one narrows."""

    WIDTH = 27

    class Chosen(Message):
        def __init__(self, tag: str) -> None:
            super().__init__()
            self.tag = tag

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.counts: dict[str, int] = {}

    def show(self, counts: dict[str, int]) -> None:
        current = self.highlighted_option.id if self.highlighted_option else None
        self.counts = dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
        width = self.WIDTH - 4
        self.set_options([Option(facet_prompt(tag, count, width), id=tag) for tag, count in self.counts.items()])
        tags = list(self.counts)
        if current in tags:
            self.highlighted = tags.index(current)
        elif tags:
            self.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Chosen(event.option.id))
