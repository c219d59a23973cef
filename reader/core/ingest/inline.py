"""Inline text being gathered for one block: its pieces, hard line breaks and marks.

A page's white space means nothing (runs of it are one space), a line break element
means a line break, and emphasis and links become `Mark`s over the finished text. The
pieces are sanitised as they arrive and white space is collapsed at the end, with each
mark carried to where its characters land, so a mark always covers the same words.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from reader.core.blocktext import merge_marks, shift_marks
from reader.core.model import Mark, MarkKind
from reader.core.patterns import regex
from reader.core.sanitize import count_unsafe, sanitize

BREAK = "\x00"  # a hard line break; sanitize() removes NUL, so no piece of text holds one
_PARAGRAPH_BREAK = regex(r"\n\n+")
_TOKEN = regex(r"\x00+|[^\s\x00]+")  # runs of breaks, or words; what is left is white space
_BREAKS = regex(r"(\x00+)")
_WORD_AT = regex(r"[^\s\x00]*")


@dataclass
class Inline:
    """Text and marks under construction; `finish` gives the block's text and marks."""

    pieces: list[str] = field(default_factory=list)
    length: int = 0
    marks: list[tuple[int, int, MarkKind, str | None]] = field(default_factory=list)
    unsafe: int = 0

    def add(self, raw: str | None) -> None:
        if not raw:
            return
        self.unsafe += count_unsafe(raw)
        text = sanitize(raw)
        self.pieces.append(text)
        self.length += len(text)

    def line_break(self) -> None:
        self.pieces.append(BREAK)
        self.length += 1

    def space(self) -> None:
        self.pieces.append(" ")
        self.length += 1

    def mark(self, start: int, kind: MarkKind, href: str | None = None) -> None:
        """Mark what was added since `start` (a `length` taken before adding it)."""
        if self.length > start:
            self.marks.append((start, self.length, kind, href))

    def is_empty(self, after: int = 0) -> bool:
        """Whether nothing but white space was added (after the first `after` characters)."""
        return not "".join(self.pieces)[after:].replace(BREAK, "").strip()

    def finish(self, *, paragraphs: bool = False) -> list[tuple[str, tuple[Mark, ...]]]:
        """The collapsed text with its marks: one item, or with `paragraphs` one per run of
        text between two or more hard breaks (loose text in an HTML fragment)."""
        text, marks = collapse("".join(self.pieces), self.marks, blank_lines=paragraphs)
        if not paragraphs:
            return [(text, marks)] if text else []
        return split_paragraphs(text, marks)


def collapse(
    raw: str, marks: list[tuple[int, int, MarkKind, str | None]], *, blank_lines: bool = False
) -> tuple[str, tuple[Mark, ...]]:
    """White space runs as one space, BREAKs as one line break ("\\n\\n" for two or more with
    `blank_lines`), nothing at either end; marks moved with their characters and trimmed of
    white space, dropped if nothing is left of them."""
    if not marks:
        return _collapse_text(raw, blank_lines), ()
    out: list[str] = []
    raw_starts: list[int] = []  # each word's start in `raw`
    out_starts: list[int] = []  # and in the result
    size = 0
    breaks = 0
    for match in _TOKEN.finditer(raw):
        token = match.group()
        if token[0] == BREAK:
            breaks += len(token)
            continue
        if size:
            gap = ("\n\n" if blank_lines and breaks > 1 else "\n") if breaks else " "
            out.append(gap)
            size += len(gap)
        breaks = 0
        raw_starts.append(match.start())
        out_starts.append(size)
        out.append(token)
        size += len(token)
    text = "".join(out)
    moved: list[Mark] = []
    for start, end, kind, href in marks:
        first = _out_offset(raw_starts, out_starts, raw, start, forward=True)
        last = _out_offset(raw_starts, out_starts, raw, end, forward=False)
        if first is not None and last is not None and first < last:
            moved.append(Mark(first, last, kind, href))
    return text, merge_marks(moved)


def _collapse_text(raw: str, blank_lines: bool) -> str:
    """`collapse` without marks, in a few C-speed passes (a page can be megabytes)."""
    out: list[str] = []
    breaks = 0
    for index, part in enumerate(_BREAKS.split(raw)):
        if index % 2:
            breaks += len(part)
            continue
        words = " ".join(part.split())
        if not words:
            continue
        if out:
            out.append("\n\n" if blank_lines and breaks > 1 else "\n")
        out.append(words)
        breaks = 0
    return "".join(out)


def _out_offset(raw_starts: list[int], out_starts: list[int], raw: str, at: int, *, forward: bool) -> int | None:
    """Where raw offset `at` lands in the collapsed text: a mark's start moves forward to
    the next kept character, its end back to just after the last kept one."""
    word = bisect_right(raw_starts, at) - 1  # the word starting at or before `at`
    if word >= 0:
        length = len(_WORD_AT.match(raw, raw_starts[word]).group())  # type: ignore[union-attr]
        inside = at - raw_starts[word]
        if forward and inside < length:
            return out_starts[word] + inside
        if not forward:
            return out_starts[word] + min(inside, length) if inside > 0 else _end_of(word - 1, raw_starts, out_starts, raw)
    if forward:
        return out_starts[word + 1] if word + 1 < len(out_starts) else None
    return None


def _end_of(word: int, raw_starts: list[int], out_starts: list[int], raw: str) -> int | None:
    if word < 0:
        return None
    return out_starts[word] + len(_WORD_AT.match(raw, raw_starts[word]).group())  # type: ignore[union-attr]


def split_paragraphs(text: str, marks: tuple[Mark, ...]) -> list[tuple[str, tuple[Mark, ...]]]:
    """`text` cut at its blank lines, each part with the marks (clipped) that fall in it."""
    parts: list[tuple[str, tuple[Mark, ...]]] = []
    start = 0
    for match in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = match.start() if match else len(text)
        if end > start:
            parts.append((text[start:end], shift_marks(marks, start, end)))
        if match:
            start = match.end()
    return parts
