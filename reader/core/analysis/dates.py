"""Dates in news text: "March 27", "Feb. 21, 2025", "Wednesday", "last year", "2014".

CoNLL has no DATE type, so these come from rules, not the tagger. Each match gets a
canonical name with the month spelled out, so "Feb. 21" and "February 21" are one date.
"""

from __future__ import annotations

import re

from reader.core.analysis.tokenize import Token
from reader.core.patterns import regex

MONTHS = {
    "jan": "January", "feb": "February", "mar": "March", "apr": "April", "may": "May",
    "jun": "June", "jul": "July", "aug": "August", "sep": "September", "sept": "September",
    "oct": "October", "nov": "November", "dec": "December",
}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
)
_WEEKDAY = "(?:" + "|".join(WEEKDAYS) + ")"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_UNIT = r"(?:year|month|week|decade|century|weekend|spring|summer|autumn|fall|winter|quarter)"
_RELATIVE = (
    rf"(?:(?:[Ll]ast|[Nn]ext|[Tt]his|[Pp]ast|[Pp]revious|[Cc]oming|[Ee]arlier this|[Ll]ater this)"
    rf"\s+(?:{_UNIT}|{_MONTH}|{_WEEKDAY}))"
    r"|(?:[Yy]esterday|[Tt]oday|[Tt]omorrow)"
    r"|(?:(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|a few|several)\s+"
    rf"{_UNIT}s?\s+ago)"
)

_DATE = regex(
    "|".join(
        [
            rf"\b{_YEAR}-\d\d-\d\d\b",  # ISO
            rf"\b{_WEEKDAY},?\s+{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?\b",
            rf"\b{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?\b(?!\.\d)",  # March 27, Feb. 21, 2025
            rf"\b{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?\b",  # 27 March 2025
            rf"\b{_MONTH}\s+{_YEAR}\b",  # August 2024
            rf"\b(?:{_RELATIVE})\b",
            rf"\b{_WEEKDAY}\b",
            r"\b(?:the\s+)?(?:1[89]\d0|20\d0)s\b",  # the 1990s
            rf"(?<![\w$£€.,])(?<!\d-){_YEAR}\b(?!-?(?:day|year|month|km|mile|%|\d|,\d|\.\d))",
        ]
    )
)


# First words of a relative date, capitalised only when a sentence starts with them.
_RELATIVE_FIRST = frozenset(
    """last next this past previous coming earlier later yesterday today tomorrow one two three four
    five six seven eight nine ten a several""".split()
)


def canonical_date(text: str) -> str:
    """One spelling per date: months written out, whitespace single, a leading 'the' dropped,
    a relative date in lower case wherever a sentence starts with it ("Last year")."""
    words = " ".join(text.split())
    words = re.sub(r"^the\s+", "", words, flags=re.IGNORECASE)
    first = words.split(" ", 1)[0]
    if first.lower() in _RELATIVE_FIRST:
        words = first.lower() + words[len(first):]
    return re.sub(
        r"\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?",
        lambda m: MONTHS[m.group(1).lower()],
        words,
    )


# The words a date can begin with (lower-cased); a token that starts with a digit can too.
_FIRST_WORDS = frozenset(
    [*MONTHS, *(m.lower() for m in MONTHS.values()), *(m + "." for m in MONTHS), "sept.",
     *(d.lower() for d in WEEKDAYS), "the", "last", "next", "this", "past", "previous", "coming",
     "earlier", "later", "yesterday", "today", "tomorrow", "one", "two", "three", "four", "five",
     "six", "seven", "eight", "nine", "ten", "a", "several"]
)


def find_dates(text: str, tokens: list[Token] | None = None) -> list[tuple[int, int, str]]:
    """(start, end, canonical name) of each date expression, in text order.

    With the text's tokens, the pattern is tried only where a date can begin (a token that
    is a month, a weekday, a number or a relative word, or a piece after a hyphen or slash
    inside one): the same dates as a scan of the whole text, several times faster."""
    if tokens is None:
        return [(m.start(), m.end(), canonical_date(m.group())) for m in _DATE.finditer(text)]
    found = []
    reached = 0
    match = _DATE.match
    for word, start, end in tokens:
        if end <= reached:
            continue
        at = [start] if word[0].isdigit() or _head(word).lower() in _FIRST_WORDS else []
        if "-" in word or "/" in word:  # "mid-March", "2003/2004"
            at += [start + inner.end() for inner in _INNER.finditer(word)]
        for pos in at:
            if pos < reached:
                continue
            m = match(text, pos)
            if m:
                found.append((m.start(), m.end(), canonical_date(m.group())))
                reached = m.end()
    return found


_INNER = regex(r"[-/]")


def _head(word: str) -> str:
    """"Saturday" of "Saturday-night"."""
    return word.split("-", 1)[0].split("/", 1)[0] if "-" in word or "/" in word else word
