"""Finding a note's passage again after its article's text changed (a re-fetch).

Four tries, in order:

1. exact: the quote is still at its old offsets.
2. moved: the quote occurs elsewhere (curly quotes, dashes and no-break spaces fold to
   their plain forms, as in `reader.core.anchor`); of several occurrences the one whose
   surroundings best match the old prefix/suffix wins, then the one nearest the old place.
3. fuzzy: the most similar passage, scored on the quote (70%), its prefix and suffix
   (20%) and how near it is to the old place (10%). Accepted when the score is at least
   `FUZZY_THRESHOLD` (0.75) and the quote alone is at least `QUOTE_FLOOR` (0.6) similar,
   so that unchanged surroundings never carry a rewritten passage by themselves.
   The search looks in a window around the old place first (`WINDOW` characters either
   side) and in the whole text only when that finds nothing good enough, so a long
   article costs one pass of rapidfuzz's bit-parallel alignment, not a Python loop.
4. orphan: nothing good enough; the caller keeps the old selector.

rapidfuzz, not difflib: `fuzz.partial_ratio_alignment` finds the best-matching substring
of the text for the quote and returns its span, in C++; difflib has no "best approximate
substring" search (SequenceMatcher aligns whole strings, finding a span means sliding it
over every window in Python, quadratic in the article's length).

Pure: no I/O, no store. rapidfuzz is imported when a passage has to be searched for, so
showing a note's state (`anchor_label`) costs the CLI nothing at start-up.
"""

from __future__ import annotations

from reader.core.anchor import TYPOGRAPHY_FOLD, occurrences
from reader.core.model import Anchor, Selector

FUZZY_THRESHOLD = 0.75
QUOTE_FLOOR = 0.6
WINDOW = 2000
QUOTE_WEIGHT, CONTEXT_WEIGHT, POSITION_WEIGHT = 0.7, 0.2, 0.1

ORPHAN = Anchor("orphan", 0.0)


def reanchor(selector: Selector, new_text: str) -> tuple[Selector | None, Anchor]:
    """Where `selector`'s passage is in `new_text`, and how sure that is.

    Returns the new selector (offsets and context taken from `new_text`) with its
    anchor, or (None, orphan) when the passage cannot be placed.
    """
    exact, start, end = selector.exact, selector.start, selector.end
    if not exact or not new_text:
        return None, ORPHAN
    if new_text[start:end] == exact:
        return Selector.at(new_text, start, end), Anchor("exact", 1.0)
    moved = _nearest_occurrence(selector, new_text)
    if moved is not None:
        return Selector.at(new_text, moved, moved + len(exact)), Anchor("moved", 1.0)
    found = _fuzzy(selector, new_text)
    if found is not None:
        (s, e), score = found
        return Selector.at(new_text, s, e), Anchor("fuzzy", round(score, 2))
    return None, ORPHAN


# -- moved ----------------------------------------------------------------------------------


def _nearest_occurrence(selector: Selector, text: str) -> int | None:
    found = occurrences(text, selector.exact)
    if not found:
        found = occurrences(text.translate(TYPOGRAPHY_FOLD), selector.exact.translate(TYPOGRAPHY_FOLD))
    if not found:
        return None
    return max(found, key=lambda s: (_context(selector, text, s, s + len(selector.exact)), -abs(s - selector.start)))


# -- fuzzy ----------------------------------------------------------------------------------


def _fuzzy(selector: Selector, text: str) -> tuple[tuple[int, int], float] | None:
    """The best approximate passage: in a window around the old place, else anywhere."""
    lo = max(0, selector.start - WINDOW)
    hi = min(len(text), selector.end + WINDOW)
    best = _best_in(selector, text, lo, hi)
    if (best is None or best[1] < FUZZY_THRESHOLD) and (lo > 0 or hi < len(text)):
        anywhere = _best_in(selector, text, 0, len(text))
        if anywhere is not None and (best is None or anywhere[1] > best[1]):
            best = anywhere
    if best is None or best[1] < FUZZY_THRESHOLD:
        return None
    return best


def _best_in(selector: Selector, text: str, lo: int, hi: int) -> tuple[tuple[int, int], float] | None:
    from rapidfuzz import fuzz

    quote = selector.exact
    aligned = fuzz.partial_ratio_alignment(quote, text[lo:hi])
    if aligned is None or aligned.dest_end <= aligned.dest_start:
        return None
    start, end = _refine(selector, text, lo + aligned.dest_start, lo + aligned.dest_end)
    quote_score = fuzz.ratio(quote, text[start:end]) / 100
    if quote_score < QUOTE_FLOOR:
        return None
    distance = abs(start - selector.start) / max(len(text), len(quote), 1)
    score = (
        QUOTE_WEIGHT * quote_score
        + CONTEXT_WEIGHT * _context(selector, text, start, end)
        + POSITION_WEIGHT * (1 - min(1.0, distance))
    )
    return (start, end), score


def _refine(selector: Selector, text: str, start: int, end: int) -> tuple[int, int]:
    """Widen or narrow the aligned span (a window as long as the quote) to the best-matching
    one: a word added or dropped inside the quote changes its length. The old prefix and
    suffix count too, so the span ends where its surroundings begin."""
    from rapidfuzz import fuzz

    quote = selector.exact
    reach = min(128, max(16, len(quote) // 2))

    def similarity(s: int, e: int) -> float:
        return QUOTE_WEIGHT * fuzz.ratio(quote, text[s:e]) / 100 + CONTEXT_WEIGHT * _context(selector, text, s, e)

    best = similarity(start, end)
    for _ in range(4):  # each side in turn until neither moves: the sides depend on each other
        before = (start, end)
        for s in range(max(0, start - reach), min(end, start + reach + 1)):
            if s < end and (score := similarity(s, end)) > best:
                best, start = score, s
        for e in range(max(start + 1, end - reach), min(len(text), end + reach) + 1):
            if (score := similarity(start, e)) > best:
                best, end = score, e
        if (start, end) == before:
            break
    if not quote[:1].isspace():
        while start < end - 1 and text[start].isspace():
            start += 1
    if not quote[-1:].isspace():
        while end > start + 1 and text[end - 1].isspace():
            end -= 1
    return start, end


def _context(selector: Selector, text: str, start: int, end: int) -> float:
    """How well the text around [start, end) matches the old prefix and suffix, 0-1."""
    from rapidfuzz import fuzz

    before = text[max(0, start - len(selector.prefix)) : start]
    after = text[end : end + len(selector.suffix)]
    return (fuzz.ratio(selector.prefix, before) + fuzz.ratio(selector.suffix, after)) / 200


def anchor_label(anchor: Anchor) -> str:
    """How a note shows its anchor state: nothing when exact, else "moved", "fuzzy 0.83", "ORPHAN"."""
    if anchor.state == "exact":
        return ""
    if anchor.state == "fuzzy":
        return f"fuzzy {anchor.score:.2f}"
    return "ORPHAN" if anchor.state == "orphan" else anchor.state
