"""Where each entity is mentioned and quoted, and which notes' passages hold a mention.

`Mentions` is built on the first query that names someone (most never do), by entity
(`entities.joins`: "Blair" where the article means Tony Blair is Tony Blair, "Tories" are
the Conservative Party). A value finds an entity by the words of its name or of any name
it goes by. `in_passage` decides, for the notes a person:/said-by: filter matched, whether
the passage holds the name (or overlaps the quote).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate
from typing import TYPE_CHECKING

from reader.core.search.tables import Articles, Notes
from reader.core.search.text import words

if TYPE_CHECKING:
    from reader.core.entities.joins import Joins


@dataclass
class Mentions:
    """entity -> where it occurs: [(article, start, end)], built on demand."""

    entities: dict[str, list[tuple[int, int, int]]]
    speakers: dict[str, list[tuple[int, int, int]]]  # the entity's quotes (`joins.quotes_by`)
    types: dict[str, int]  # entity -> type index, decided over the library
    name_words: list[str]  # every word of every name, sorted, for prefix look-ups
    names_with: dict[str, set[str]]  # a name word -> the entities with a name that has it

    def names(self, value_words: list[str]) -> set[str]:
        """The entities one of whose names has, for each value word, a word it begins
        ("marco rub": Marco Rubio; "tories": the Conservative Party)."""
        found: set[str] | None = None
        for value in value_words:
            these: set[str] = set()
            i = bisect_left(self.name_words, value)
            while i < len(self.name_words) and self.name_words[i].startswith(value):
                these |= self.names_with[self.name_words[i]]
                i += 1
            found = these if found is None else found & these
        return found or set()

    @classmethod
    def of(cls, articles: Articles, joins: Joins) -> Mentions:
        from reader.core.entities.joins import NO_ENTITY, quotes_by  # only when names are worked out

        entities: dict[str, list[tuple[int, int, int]]] = {}
        entity = joins.entity
        for a in articles.live:
            for _kind, number, start, end in articles.mentions(a):
                entities.setdefault(entity(a, number), []).append((a, start, end))
        entities.pop(NO_ENTITY, None)  # "Lord" alone: no one
        speakers = quotes_by(articles, joins)
        names_with: dict[str, set[str]] = {}
        for number, raw_words in enumerate(articles.name_words):
            for name in joins.entities_of(number) - {NO_ENTITY}:
                for word in raw_words:
                    names_with.setdefault(word, set()).add(name)
        for name in entities.keys() | speakers.keys():
            for word in words(name):
                names_with.setdefault(word, set()).add(name)
        return cls(entities, speakers, joins.types, sorted(names_with), names_with)


def in_passage(speaker: bool, spans: dict[int, list[tuple[int, int]]], found: Iterable[int], notes: Notes) -> list[int]:
    """The notes of `found` (each in an article of `spans`) whose passage holds a whole
    mention (an entity), or overlaps one (a speaker's quote); `spans` is sorted in place.

    Per article, mentions sorted by start with, for an entity, the smallest end from each
    one on (some mention from there ends inside the passage?) and, for a speaker, the
    largest end up to each one (a quote starting before the passage ends reaches into it?):
    one bisect per note. (Measured: one list of `article << 32 | offset` keys bisected
    through `map` is twice as slow, its keys being two-digit ints.)
    """
    prepared = {}
    for a, pairs in spans.items():
        pairs.sort()
        starts = [s for s, _ in pairs]
        ends = [e for _, e in pairs]
        if speaker:
            prepared[a] = (starts, list(accumulate(ends, max)))
        else:
            prepared[a] = (starts, list(accumulate(reversed(ends), min))[::-1])
    hits: list[int] = []
    article, note_start, note_end = notes.article, notes.start, notes.end
    for d in found:
        starts, bound = prepared[article[d]]
        if speaker:
            i = bisect_left(starts, note_end[d]) - 1
            hit = i >= 0 and bound[i] > note_start[d]
        else:
            i = bisect_left(starts, note_start[d])
            hit = i < len(starts) and bound[i] <= note_end[d]
        if hit:
            hits.append(d)
    return hits
