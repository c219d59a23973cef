"""A note's Markdown drawn as styled text: the one renderer for every place a note shows.

Notes are the user's Markdown (`**Rubio**`, lists, links). They are parsed with
markdown-it-py, raw HTML off (a tag shows as typed), and drawn into `Content` from plain
strings (`safe.clean`) with styles, never markup: nothing the user typed can style or
act. A link shows its words underlined and its address after them, dim, with no link or
action attached, so clicking a note's link goes nowhere (addresses open only from an
article's links, through their checks).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache
from typing import TYPE_CHECKING

from textual.content import Content, Span

from reader.tui.widgets.safe import clean

if TYPE_CHECKING:  # markdown-it is imported with the first note drawn: an article without notes never needs it
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

INLINE_STYLES = {"strong": "bold", "em": "italic", "s": "strike", "link": "underline"}
CODE_STYLE = "$secondary"
HEADING_STYLE = "bold"
QUOTE_MARK = "▎ "
BULLET = "• "
MARK_STYLE = "bold underline $accent"  # the Notes screen's matched words

Piece = tuple[str, str]


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).enable("strikethrough")


def _inline(children: Sequence[Token], base: str) -> list[Piece]:
    """One paragraph's or heading's words as (text, style) pieces; a hard break is a newline."""
    pieces: list[Piece] = []
    styles: list[str] = [base] if base else []
    hrefs: list[str] = []
    for token in children:
        kind = token.type
        if kind == "text":
            pieces.append((token.content, " ".join(styles)))
        elif kind == "code_inline":
            pieces.append((token.content, " ".join([*styles, CODE_STYLE])))
        elif kind in ("softbreak", "hardbreak"):  # a line break typed in a note is kept, as on GitHub
            pieces.append(("\n", ""))
        elif kind == "image":
            pieces.append((f"[image: {token.content}]" if token.content else "[image]", "dim"))
        elif kind.endswith("_open") and kind[:-5] in INLINE_STYLES:
            styles.append(INLINE_STYLES[kind[:-5]])
            if kind == "link_open":
                hrefs.append(str(token.attrGet("href") or ""))
        elif kind.endswith("_close") and kind[:-6] in INLINE_STYLES:
            if styles:
                styles.pop()
            if kind == "link_close" and hrefs:
                href = hrefs.pop()
                words = _trailing_words(pieces)
                if href and href not in (words, f"mailto:{words}"):
                    pieces.append((f" ({href})", "dim"))
        else:  # anything else markdown-it makes inline (html off: none expected) shows as typed
            pieces.append((token.content, " ".join(styles)))
    return pieces


def _trailing_words(pieces: list[Piece]) -> str:
    """The text of the underlined run just closed (a link's words)."""
    words = []
    for text, style in reversed(pieces):
        if "underline" not in style.split():
            break
        words.append(text)
    return "".join(reversed(words))


def _content(pieces: Iterable[Piece]) -> Content:
    return Content.assemble(*[(clean(text), style) for text, style in pieces if text], strip_control_codes=False)


def note_lines(note: str) -> list[Content]:
    """The note as lines: paragraphs, headings (bold), list items (bullet or number, indented
    by depth), quotes (a bar), code blocks; one blank line between top-level blocks."""
    lines: list[Content] = []
    prefixes: list[str] = []  # what each open list item or quote puts before its lines
    bullet: list[str] = []  # a list item's lead (indent and bullet), for its first line only
    numbers: list[int | None] = []  # per open list: the next number, or None for bullets
    heading = separate = False

    def add(block: list[Piece]) -> None:
        nonlocal separate
        if separate and lines:
            lines.append(Content(""))
        separate = False
        lead = bullet.pop() if bullet else "".join(prefixes)
        for number, line in enumerate(_content(block).split("\n")):
            start = lead if number == 0 else "".join(prefixes)
            lines.append(Content.assemble((start, "dim"), line, strip_control_codes=False) if start else line)

    for token in _parser().parse(note):
        kind = token.type
        if token.level == 0 and token.nesting >= 0:
            separate = True  # a top-level block starts
        if kind in ("bullet_list_open", "ordered_list_open"):
            numbers.append(int(token.attrGet("start") or 1) if kind == "ordered_list_open" else None)
        elif kind in ("bullet_list_close", "ordered_list_close"):
            numbers.pop()
        elif kind == "list_item_open":
            number = numbers[-1] if numbers else None
            mark = BULLET if number is None else f"{number}. "
            if number is not None:
                numbers[-1] = number + 1
            bullet[:] = ["".join(prefixes) + mark]
            prefixes.append(" " * len(mark))
        elif kind == "list_item_close":
            prefixes.pop()
            bullet.clear()
        elif kind == "blockquote_open":
            prefixes.append(QUOTE_MARK)
        elif kind == "blockquote_close":
            prefixes.pop()
        elif kind in ("heading_open", "heading_close"):
            heading = kind == "heading_open"
        elif kind == "inline":
            add(_inline(token.children or [], HEADING_STYLE if heading else ""))
        elif kind in ("fence", "code_block"):
            add([(token.content.rstrip("\n"), CODE_STYLE)])
        elif kind == "hr":
            add([("───", "dim")])
        elif kind == "html_block":  # html off: not made, but shown as typed if it ever is
            add([(token.content.rstrip("\n"), "")])
    return lines


def note_content(note: str) -> Content:
    """The whole note, drawn (see `note_lines`)."""
    return Content("\n").join(note_lines(note))


def note_preview(
    note: str, *, most: int = 4, width: int | None = None, style: str = "", marks: Iterable[str] = (),
    indent: str = "",
) -> Content:
    """The note's first `most` lines with words in them, drawn (lists, quotes and links as
    `note_lines` draws them), each cut to `width` cells, the lines after the first led by
    `indent`; "…" ends the last line when more follow. Where a list shows notes, a whole
    short note reads there, not only its first line."""
    lines = [line for line in note_lines(note) if line.plain.strip()]
    if not lines:
        return Content("")
    shown = [_without_lead(lines[0]), *lines[1:most]]
    if style:
        shown = [line.stylize_before(style) for line in shown]
    shown = [mark_words(line, marks) for line in shown]
    if len(lines) > most:
        shown[-1] = shown[-1] + Content("…")
    if width is not None:
        shown = [line.truncate(width, ellipsis=True) if line.cell_length > width else line for line in shown]
    return Content("\n" + indent).join(shown)


def _without_lead(line: Content) -> Content:
    """A line without the bullet, number or quote bar `note_lines` put before it."""
    plain = line.plain
    match = re.match(r"^[ ▎]*(?:• |\d+\. )?[ ▎]*", plain)
    return line[match.end():] if match and match.end() else line


def mark_words(content: Content, words: Iterable[str]) -> Content:
    """`content` with every occurrence of each word (case-insensitive) in MARK_STYLE."""
    wanted = sorted({w for w in (word.strip() for word in words) if w}, key=len, reverse=True)
    if not wanted:
        return content
    pattern = re.compile("|".join(re.escape(w) for w in wanted), re.IGNORECASE)
    spans = [Span(m.start(), m.end(), MARK_STYLE) for m in pattern.finditer(content.plain)]
    return Content(content.plain, [*content.spans, *spans]) if spans else content
