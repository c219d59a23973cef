"""Direct quotes in an article's text, whether each is full or partial, and who said it.

`find_quotes(text, entities)` is pure and deterministic: regular expressions and a few list
walks, no model. `entities` are the article's mentions with their canonical names; a
speaker is always the name of a person or organisation among them, or None when the text
names nobody (no guessing). Each quote is speech (someone's words) or a term (a name, a
title, a scare quote: `terms.py`); a term has no speaker.

Finding the marks (this module):

- Curly double quotes are directional: “ opens, ” closes (a stray ” outside a quote is
  ignored). A straight " opens after the start of a paragraph, whitespace, or one of
  ( [ { : — – - / , ; when a non-space follows it; inside a quote the next " (or ”) closes.
- Single quotes (‘ ’ and straight ') are quotes only when clearly quote-like: the opener
  follows the start of a paragraph, whitespace or ( [ : — – “ " and is followed by a letter,
  is not an elision ('90s, ’em, ’n’, ’til, ’tis), and a closer follows in the same paragraph:
  a ’ or ' after a non-space and not followed by a letter or digit (so it’s, Ukraine’s and
  O'Neil never close, and never open). Marks of the other kind inside a quote are nested
  quotes and part of its text.
- A quote still open at the end of its paragraph continues when the next paragraph starts
  with an opening mark (the newspaper convention for a quote over several paragraphs): one
  Quote spans them all. Otherwise it stops at the paragraph end, so an unbalanced mark
  never swallows the rest of the article; its span then has no closing mark.
- The same convention squeezed into one paragraph (sources that join paragraphs, as the
  BBC files do): inside a quote, a " or “ after sentence punctuation and a space, followed by
  a non-space, reopens the quote rather than closing it: `said: "A. "B."` is one quote.
- `Quote.text` is what lies inside the marks. For a quote in several pieces the reopening
  marks are dropped and the pieces joined by "\\n\\n" (across paragraphs) or " " (within one);
  `start`/`end` cover the whole span, first opening mark to last closing mark.

Full or partial: a quote "opens" when it starts the writer's sentence or follows a colon,
comma, dash or reporting verb (`Rubio said "We ..."`). It is full when its text starts with a
capital (or digit) and either ends with punctuation inside the marks or follows a colon,
and it opens (or runs at least four words); or when it opens, starts with a capital and is
the whole sentence (`Mr Valentine agreed. "If I have to save pesos ... in a bank".`); or when
it opens and an attribution follows it (`"we tried", he said`). Everything else is a partial
quote: a fragment in the writer's own sentence (`Russia may be "dragging their feet" on`,
`He liked the film "Ray." It won.`).

The speaker rules are in `attribution.py` (the quote's own sentence) and `speakers.py`
(carried across sentences), the verbs they know in `verbs.py`. Speed: about 0.9 ms per BBC article (`bench/quotes.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.core.analysis import terms
from reader.core.analysis.speakers import Attributor
from reader.core.model import BLOCK_SEPARATOR, Entity, Quote
from reader.core.patterns import regex

_MARKS = regex("[\"“”‘’']")
_DOUBLE_OPEN_AFTER = frozenset(" \t\n\u00a0([{:—–-/,;‘'")
_SINGLE_OPEN_AFTER = frozenset(" \t\n\u00a0([{:—–“\"")
_SENTENCE_END = frozenset(".?!…")
_ELISION = regex(r"(?:\d\d?s?|em|n|til|tis|twas|cause|bout|round)\b", re.IGNORECASE)
_ENDS_PUNCT = regex(r"[.?!,…:;—–-][\"'’”)\]]*\s*$")
_STARTS_CAPITAL = regex(r"^[\s.…'‘\"“(\[-]*[A-Z0-9À-ÖØ-Þ]")
_WORD = regex(r"\w+")


@dataclass
class Span:
    """A quote as found in the text, before it is classified and attributed."""

    start: int
    end: int
    pieces: list[tuple[int, int]]  # the inside, one (start, end) per piece
    closed: bool

    def inside(self, text: str) -> str:
        if len(self.pieces) == 1:
            s, e = self.pieces[0]
            return text[s:e]
        parts: list[str] = []
        for i, (s, e) in enumerate(self.pieces):
            if i:
                gap = text[self.pieces[i - 1][1] : s]
                parts.append(BLOCK_SEPARATOR if BLOCK_SEPARATOR in gap else " ")
            parts.append(text[s:e].strip())
        return "".join(parts)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: the text split at BLOCK_SEPARATOR."""
    spans, start = [], 0
    while True:
        end = text.find(BLOCK_SEPARATOR, start)
        if end < 0:
            spans.append((start, len(text)))
            return spans
        spans.append((start, end))
        start = end + len(BLOCK_SEPARATOR)


def _is_double_opener(text: str, i: int, para_start: int) -> bool:
    nxt = text[i + 1 : i + 2]
    if not nxt or nxt.isspace():
        return False
    if text[i] == "“":
        return True
    return i == para_start or text[i - 1] in _DOUBLE_OPEN_AFTER


def _is_single_opener(text: str, i: int, para_start: int) -> bool:
    if i > para_start and text[i - 1] not in _SINGLE_OPEN_AFTER:
        return False
    nxt = text[i + 1 : i + 2]
    if not nxt or not (nxt.isalpha() or nxt in "“\"…"):
        return False
    return not _ELISION.match(text, i + 1)


def _single_closer(text: str, i: int, end: int) -> int:
    """The closing ’ or ' of a single quote opened at i, or -1 if the paragraph has none."""
    j = i + 1
    while True:
        m = _MARKS.search(text, j, end)
        if m is None:
            return -1
        j = m.start()
        if text[j] in "’'" and not text[j - 1].isspace():
            after = text[j + 1 : j + 2]
            if not after or not after.isalnum():
                return j
        j += 1


def _starts_with_opener(text: str, start: int, end: int, single: bool) -> bool:
    if start >= end:
        return False
    if single:
        return text[start] in "‘'" and _is_single_opener(text, start, start)
    return text[start] in "“\"" and _is_double_opener(text, start, start)


def scan(text: str, paras: list[tuple[int, int]]) -> list[Span]:
    """Every quote span in the text, in order (see the module docstring for the rules)."""
    spans: list[Span] = []
    cur: Span | None = None  # an open quote carried into the next paragraph
    cur_single = False
    for index, (ps, pe) in enumerate(paras):
        piece = ps
        if cur is not None:  # continuing: this paragraph starts with the reopening mark
            piece = ps + 1
        pos = piece
        while True:
            m = _MARKS.search(text, pos, pe)
            if m is None:
                break
            i, c = m.start(), m.group()
            pos = i + 1
            if cur is None:
                if c in "“\"" and _is_double_opener(text, i, ps):
                    cur, cur_single, piece = Span(i, -1, [], False), False, i + 1
                elif c in "‘'" and _is_single_opener(text, i, ps):
                    j = _single_closer(text, i, pe)
                    if j >= 0:
                        spans.append(Span(i, j + 1, [(i + 1, j)], True))
                        pos = j + 1
                    elif index + 1 < len(paras) and _starts_with_opener(text, *paras[index + 1], True):
                        cur, cur_single, piece = Span(i, -1, [], False), True, i + 1
            elif cur_single:
                if c in "’'" and not text[i - 1].isspace():
                    after = text[i + 1 : i + 2]
                    if not after or not after.isalnum():
                        cur.pieces.append((piece, i))
                        cur.end, cur.closed = i + 1, True
                        spans.append(cur)
                        cur = None
            elif c in "”\"":
                before = text[piece:i].rstrip()
                reopen = (
                    c == '"'
                    and text[i - 1].isspace()
                    and before[-1:] in _SENTENCE_END
                    and _is_double_opener(text, i, ps)
                )
                if reopen:
                    cur.pieces.append((piece, i))
                    piece = i + 1
                else:
                    cur.pieces.append((piece, i))
                    cur.end, cur.closed = i + 1, True
                    spans.append(cur)
                    cur = None
            elif c == "“" and text[i - 1].isspace():
                cur.pieces.append((piece, i))
                piece = i + 1
        if cur is not None:
            following = paras[index + 1] if index + 1 < len(paras) else None
            cur.pieces.append((piece, pe))
            if following is None or not _starts_with_opener(text, *following, cur_single):
                cur.end = pe
                while cur.end > cur.start + 1 and text[cur.end - 1].isspace():
                    cur.end -= 1
                spans.append(cur)
                cur = None
    out = []
    for span in spans:
        span.pieces = [(s, e) for s, e in span.pieces if text[s:e].strip()]
        if span.pieces:
            out.append(span)
    return out


def find_quotes(text: str, entities: list[Entity]) -> list[Quote]:
    """The direct quotes in `text`, in text order, each with its speaker's canonical name and
    its kind (speech or term).

    `entities` are the mentions of the same text (any order): people (PER) and organisations
    (ORG) speak; a name of another type speaks only where nothing else can (`voices.py`).
    """
    paras = paragraphs(text)
    spans = scan(text, paras)
    if not spans:
        return []
    attributor = Attributor(text, paras, [(s.start, s.end) for s in spans], entities)
    quotes: list[Quote] = []
    for index, span in enumerate(spans):
        inside = span.inside(text)
        opening = attributor.opens_sentence(index)
        after = attributor.attribution_after(index)
        punct = _ENDS_PUNCT.search(inside) is not None
        words = len(_WORD.findall(inside))
        capital = _STARTS_CAPITAL.match(inside) is not None
        introduced = attributor.after_colon(index)  # `Laporte observed: "There was ..."`.
        full = bool(
            (capital and (punct or introduced) and (opening or words >= 4))
            or (capital and opening and words >= 2 and attributor.closes_sentence(index))
            or (opening and after is not None)
        )
        said = attributor.speaker(index, full, after)
        kind = terms.kind(text, span.start, span.end, inside, full, said, attributor.verb_near(index), opening)
        speaker = said.speaker if kind == "speech" else None
        quotes.append(Quote(span.start, span.end, inside, speaker, partial=not full, kind=kind))
    return quotes
