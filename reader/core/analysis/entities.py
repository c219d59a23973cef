"""The people, places, organisations, other names and dates of an article's text."""

from __future__ import annotations

import string
from bisect import bisect_left
from dataclasses import replace

from reader.core.analysis.dates import find_dates
from reader.core.analysis.kinds import by_evidence
from reader.core.analysis.names import canonicalize
from reader.core.analysis.ner import Tagger
from reader.core.analysis.spans import dateline_starts, repair
from reader.core.analysis.tokenize import Parsed, parse
from reader.core.model import Entity


def find_entities(text: str, tagger: Tagger, parsed: Parsed | None = None) -> list[Entity]:
    """Tagged names with canonical names, plus rule-found dates that no name overlaps.
    `parsed`: the text's tokens and sentences, if the caller made them already."""
    parsed = parsed or parse(text)
    spans = repair(text, tagger.entities(text, parsed), tagger.known_type, tagger.person_name)
    named = _datelines_in_title_case(text, by_evidence(text, canonicalize(text, spans)))
    free = _FreeOf([(e.start, e.end) for e in named])
    dates = [
        Entity(start, end, "DATE", text[start:end], name)
        for start, end, name in find_dates(text, parsed.tokens)
        if free.between(start, end)
    ]
    return sorted(named + dates, key=lambda e: (e.start, e.end))


def _datelines_in_title_case(text: str, entities: list[Entity]) -> list[Entity]:
    """"LONDON (Reuters) -" names London: a place written in capitals only as a dateline
    is named in title case."""
    lines = dateline_starts(text)
    shouting = {e.name for e in entities if e.start in lines and e.name.isupper()}
    if not shouting:
        return entities
    return [
        replace(e, name=string.capwords(e.name)) if e.name in shouting else e for e in entities
    ]


class _FreeOf:
    """Whether a span overlaps none of some taken spans: a bisection, not a scan of them all
    (a scan per date made a long article's dates cost names x dates)."""

    def __init__(self, taken: list[tuple[int, int]]) -> None:
        taken = sorted(taken)
        self.starts = [s for s, _ in taken]
        # the furthest end among the spans starting at or before each one
        self.reach: list[int] = []
        furthest = -1
        for _, end in taken:
            furthest = max(furthest, end)
            self.reach.append(furthest)

    def between(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, end)  # spans starting before `end`
        return i == 0 or self.reach[i - 1] <= start


def people(text: str, tagger: Tagger | None = None) -> list[Entity]:
    """The PER mentions, each with its canonical name: what quote attribution needs."""
    return [e for e in find_entities(text, tagger or Tagger.default()) if e.type == "PER"]
