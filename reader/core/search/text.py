"""Words as the search index sees them: case-folded, accents stripped, lightly stemmed.

One function turns text into the words the index stores and the query looks up, so the
two always agree. The stemmer is a small English suffix stripper rather than Snowball:
it only has to make "negotiations", "negotiating" and "negotiated" meet (prefix matching
does the rest), it runs once per distinct vocabulary term, and it costs no dependency
or import time on the CLI's cold start.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from collections.abc import Iterator

_WORD = re.compile(r"[^\W_]+")
_VOWELS = frozenset("aeiouy")
_SPACE = re.compile(r"\s")
_PIECE = 65_536  # characters: a few milliseconds of folding and splitting
_FEW_TERMS = 16  # up to this many, a search per term beats splitting a text into words


def fold(text: str) -> str:
    """Lower case without accents: "Ćwierć" -> "cwierc". ASCII text takes the fast path.

    Case folding and NFKD decompose character by character, and every combining mark is
    then dropped (their reordering does not matter), so each run of non-ASCII characters
    folds on its own: the ASCII in between, most of an English text, is never walked in
    Python (an article with a '£' or a '’' folded character by character took 20x longer).
    """
    text = text.casefold()
    if text.isascii():
        return text
    return _NON_ASCII.sub(_fold_match, text)


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _fold_match(match: re.Match[str]) -> str:
    return _fold_run(match.group())


@lru_cache(maxsize=4096)
def _fold_run(run: str) -> str:
    """A run of casefolded non-ASCII characters without their accents (runs repeat: '’', '£')."""
    decomposed = unicodedata.normalize("NFKD", run)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The normalised words of a text, in order.

    A long text is taken a piece at a time: one C call over megabytes holds the GIL for
    seconds, and the app indexes in a thread while the user is pressing keys.
    """
    if len(text) <= _PIECE:
        return _WORD.findall(fold(text))
    found: list[str] = []
    start = 0
    while start < len(text):
        end = _piece_end(text, start)
        found += _WORD.findall(fold(text[start:end]))
        start = end
    return found


def _piece_end(text: str, start: int) -> int:
    """Where a piece from `start` ends: at a space (no word is cut) near _PIECE characters on."""
    end = start + _PIECE
    if end >= len(text):
        return len(text)
    space = _SPACE.search(text, end, end + _PIECE)
    return space.start() if space else min(end + _PIECE, len(text))


def word_spans(text: str) -> Iterator[tuple[str, int, int]]:
    """Each word's normalised form with its [start, end) in the original text (for marks)."""
    for match in _WORD.finditer(text):
        yield fold(match.group()), match.start(), match.end()


def stem(word: str) -> str:
    """A light English stem: plural, then one derivational/inflectional suffix, then a final e.

    negotiations/negotiating/negotiated/negotiate -> negotiat; stalls/stalled/stalling -> stall.
    Short words and numbers are left alone, so "us" or "2025" never collapse.
    """
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix, replacement in (("ational", "ate"), ("ation", "ate"), ("ion", ""), ("ing", ""), ("ed", ""), ("ly", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and _VOWELS & set(word[: -len(suffix)]):
            word = word[: -len(suffix)] + replacement
            if replacement == "" and len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz" + "aeiou":
                word = word[:-1]  # stopped -> stop
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


def marked_spans(text: str, terms: set[str] | frozenset[str]) -> tuple[tuple[int, int], ...]:
    """[start, end) of each word of `text` whose normalised form is in `terms`.

    ASCII text is lower-cased whole (same length, so the offsets hold): a few terms are
    looked for with `str.find` (a hit's title or note usually holds none of them), many
    by splitting the text into words. Other text folds word by word.
    """
    if not terms:
        return ()
    if text.isascii():
        lowered = text.lower()
        if len(terms) <= _FEW_TERMS:
            return _whole_words(lowered, terms)
        return tuple(m.span() for m in _WORD.finditer(lowered) if m.group() in terms)
    return tuple((start, end) for word, start, end in word_spans(text) if word in terms)


def _whole_words(lowered: str, terms: set[str] | frozenset[str]) -> tuple[tuple[int, int], ...]:
    """Each occurrence of a term in ASCII text with no letter or digit on either side: the
    words `_WORD` would split out (a word is a maximal run of them), found by C searches."""
    spans = []
    size = len(lowered)
    for term in terms:
        if not term:
            continue
        i = lowered.find(term)
        while i != -1:
            j = i + len(term)
            if (i == 0 or not lowered[i - 1].isalnum()) and (j == size or not lowered[j].isalnum()):
                spans.append((i, j))
            i = lowered.find(term, j)  # an overlapping occurrence would start inside a word
    spans.sort()
    return tuple(spans)
