"""Where each name is mentioned, and which notes' passages hold a mention.

`Mentions` is built on the first query that names someone (most never do). `in_passage`
decides, for every note a person:/said-by: filter matched, whether its passage holds the
name (or overlaps the quote), which ranks it above a note that only shares the article.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate

from reader.core.search.tables import Articles, Notes


@dataclass
class Mentions:
    """name number -> where it occurs: [(article, type index, start, end)], built on demand."""

    entities: dict[int, list[tuple[int, int, int, int]]]
    speakers: dict[int, list[tuple[int, int, int]]]
    name_words: list[str]  # every word of every name, sorted, for prefix look-ups
    names_with: dict[str, set[int]]  # a name word -> the names that have it

    def names(self, value_words: list[str]) -> set[int]:
        """The names each of whose value words begins some word of ("marco rub": Marco Rubio)."""
        found: set[int] | None = None
        for value in value_words:
            these: set[int] = set()
            i = bisect_left(self.name_words, value)
            while i < len(self.name_words) and self.name_words[i].startswith(value):
                these |= self.names_with[self.name_words[i]]
                i += 1
            found = these if found is None else found & these
        return found or set()

    @classmethod
    def of(cls, articles: Articles) -> Mentions:
        entities: dict[int, list[tuple[int, int, int, int]]] = {}
        speakers: dict[int, list[tuple[int, int, int]]] = {}
        for a in articles.live:
            mentions = articles.entities[a]
            if isinstance(mentions, bytes):
                numbers = array("I", mentions)
                mentions = zip(numbers[0::4], numbers[1::4], numbers[2::4], numbers[3::4])  # type: ignore[assignment]
            for kind, name, start, end in mentions:
                entities.setdefault(name, []).append((a, kind, start, end))
            for name, start, end in articles.speakers[a]:
                speakers.setdefault(name, []).append((a, start, end))
        names_with: dict[str, set[int]] = {}
        for number in entities.keys() | speakers.keys():
            for word in articles.name_words[number]:
                names_with.setdefault(word, set()).add(number)
        return cls(entities, speakers, sorted(names_with), names_with)


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
