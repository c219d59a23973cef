"""The people, places, organisations, other names and dates of an article's text."""

from __future__ import annotations

from reader.core.analysis.dates import find_dates
from reader.core.analysis.names import canonicalize
from reader.core.analysis.ner import Tagger
from reader.core.model import Entity


def find_entities(text: str, tagger: Tagger) -> list[Entity]:
    """Tagged names with canonical names, plus rule-found dates that no name overlaps."""
    named = canonicalize(text, tagger.entities(text))
    taken = [(e.start, e.end) for e in named]
    dates = [
        Entity(start, end, "DATE", text[start:end], name)
        for start, end, name in find_dates(text)
        if not any(s < end and start < e for s, e in taken)
    ]
    return sorted(named + dates, key=lambda e: (e.start, e.end))


def people(text: str, tagger: Tagger | None = None) -> list[Entity]:
    """The PER mentions, each with its canonical name: what quote attribution needs."""
    return [e for e in find_entities(text, tagger or Tagger.default()) if e.type == "PER"]
