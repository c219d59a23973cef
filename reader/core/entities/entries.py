"""Computing the ledger's entries from the search index: for every entity (merges applied),
its mentions per type, the articles that mention it, the quotes it said and the notes
about it; and the plain rows an entry is cached as.

Kept apart from `ledger.Ledger`, which holds the entries and decides when to compute
them again, so this pass over the index can be read (and timed) on its own.
"""

from __future__ import annotations

import marshal
from array import array
from bisect import bisect_left
from dataclasses import dataclass, field

from reader.core.analysis.speech import KINDS_OF_ORGANISATION
from reader.core.entities.joins import NO_ENTITY, quotes_by
from reader.core.model import ENTITY_TYPES, EntityType
from reader.core.search.index import SearchIndex
from reader.core.search.postings import doc_numbers
from reader.core.search.text import fold, words


# The last word of a speaker's name that makes it a body, when nothing else types it.
SPEAKING_BODIES = KINDS_OF_ORGANISATION | frozenset(
    "committee council commission ministry department authority board court inquiry panel trust".split())


@dataclass
class Entry:
    name: str
    kinds: list[int] = field(default_factory=lambda: [0] * len(ENTITY_TYPES))  # mentions per type
    articles: dict[int, int] = field(default_factory=dict)  # article number -> mentions
    quotes: list[tuple[int, int, int]] = field(default_factory=list)  # (article, start, end)
    notes: set[int] = field(default_factory=set)  # note numbers
    spellings: set[str] = field(default_factory=set)  # raw names that count as this one
    decided: int = -1  # the type index the library's evidence gave it (`joins`), -1: its mentions'

    @property
    def type(self) -> EntityType:
        kinds = self.kinds
        best = max(kinds)
        if not best:  # no mentions: only ever a speaker, a person unless named as a body ("the Commons science committee")
            last = self.name.rsplit(None, 1)[-1].lower() if self.name.strip() else ""
            return "ORG" if last in SPEAKING_BODIES else "PER"
        if self.decided >= 0:
            return ENTITY_TYPES[self.decided]
        return ENTITY_TYPES[kinds.index(best)]

    @property
    def mentions(self) -> int:
        return sum(self.kinds)


def compute_entries(index: SearchIndex) -> dict[str, Entry]:
    """Every entity's entry, its names joined across the library (`index.joins()`: the
    automatic joins with the user's merges and splits on top)."""
    table, notes = index.articles, index.notes
    joins = index.joins()
    entity, names, types = joins.entity, table.names, joins.types
    joined, contextual, local = joins.names, joins.contextual, joins.local
    entries: dict[str, Entry] = {}

    def entry(name: str) -> Entry:
        found = entries.get(name)
        if found is None:
            found = entries[name] = Entry(name, decided=types.get(name, -1))
        return found

    # per article with notes: its mentions (by start) and its quotes, for the note pass
    notes_by_article: dict[int, list[int]] = {}
    article_of = notes.article
    for n in notes.live:
        notes_by_article.setdefault(article_of[n], []).append(n)

    for a in table.live:
        mentions = table.mentions(a)
        per_article: dict[str, int] = {}
        for kind, number, _start, _end in mentions:
            name = local.get((a, number), joined[number]) if number in contextual else joined[number]  # joins.entity
            if name == NO_ENTITY:
                continue
            e = entries.get(name) or entry(name)
            e.kinds[kind] += 1
            e.spellings.add(names[number])
            per_article[name] = per_article.get(name, 0) + 1
        for name, count in per_article.items():
            entries[name].articles[a] = count
        for number, _start, _end in table.speakers[a]:
            if entity(a, number) != NO_ENTITY:
                entry(entity(a, number)).spellings.add(names[number])
        attached = notes_by_article.get(a)
        if attached:
            spans = [(s, e, entity(a, n)) for _k, n, s, e in mentions]
            _notes_on_passages(index, attached, [span for span in spans if span[2] != NO_ENTITY], entries)
    for name, quotes in quotes_by(table, joins).items():
        entry(name).quotes = quotes
        for a, start, end in quotes:
            for n in notes_by_article.get(a, ()):
                if start < notes.end[n] and end > notes.start[n]:
                    entries[name].notes.add(n)
    _notes_in_text(index, entries)
    return entries


def _notes_on_passages(
    index: SearchIndex, attached: list[int], mentions: list[tuple[int, int, str]], entries: dict[str, Entry],
) -> None:
    """Notes whose passage overlaps a mention of an entity."""
    notes = index.notes
    spans = sorted(mentions)
    starts = [s[0] for s in spans]
    longest = max((end - start for start, end, _ in spans), default=0)
    for n in attached:
        lo, hi = notes.start[n], notes.end[n]
        i = bisect_left(starts, hi)
        first = bisect_left(starts, lo - longest)
        for start, end, name in spans[first:i]:
            if end > lo:
                entries[name].notes.add(n)


def _notes_in_text(index: SearchIndex, entries: dict[str, Entry]) -> None:
    """Notes whose text names an entity: its words in a row, in any of its spellings."""
    notes = index.notes
    postings = notes.fields["note"].docs
    live = notes.live
    table = index.articles
    numbers, name_words = table.name_numbers, table.name_words
    folded: dict[int, str] = {}  # note -> its text folded, read once
    for e in entries.values():
        for spelling in e.spellings | {e.name}:
            number = numbers.get(spelling)
            terms = name_words[number] if number is not None else tuple(words(spelling))
            if not terms:
                continue
            lists = [postings.get(t) for t in terms]
            if None in lists:
                continue
            rarest = min(lists, key=len)  # type: ignore[arg-type]
            candidates = live.intersection(doc_numbers(rarest))  # type: ignore[arg-type]
            candidates -= e.notes
            if len(terms) == 1:
                e.notes |= candidates
                continue
            # every word is in the note (the postings say so): are they in a row?
            phrase = " ".join(terms)
            for n in candidates:
                text = folded.get(n)
                if text is None:
                    text = folded[n] = " ".join(fold(notes.note[n]).split())
                if phrase in text:
                    e.notes.add(n)


# -- cached rows ----------------------------------------------------------------------------


def entry_to_plain(e: Entry) -> tuple:
    """(name, type index, articles, mentions, quotes, notes, article pairs, the rest marshalled)."""
    pairs = array("I", [x for item in e.articles.items() for x in item]).tobytes()
    detail = marshal.dumps((e.kinds, e.quotes, list(e.notes), sorted(e.spellings), e.decided))
    return (e.name, ENTITY_TYPES.index(e.type), len(e.articles), e.mentions, len(e.quotes), len(e.notes), pairs, detail)


def sound(rows: list) -> bool:
    try:
        return all(len(row) == 8 and isinstance(row[0], str) and 0 <= row[1] < len(ENTITY_TYPES) for row in rows)
    except TypeError:
        return False


def _pairs(raw: bytes) -> dict[int, int]:
    numbers = array("I", raw)
    return dict(zip(numbers[0::2], numbers[1::2]))


def kind_and_articles(e: Entry | tuple) -> tuple[int, dict[int, int]]:
    if isinstance(e, tuple):
        return e[1], _pairs(e[6])
    return ENTITY_TYPES.index(e.type), e.articles


def article_count(e: Entry | tuple) -> int:
    return e[2] if isinstance(e, tuple) else len(e.articles)


def entry_from_plain(row: tuple) -> Entry:
    name, _kind, _articles, _mentions, _quotes, _notes, pairs, detail = row
    kinds, quotes, notes, spellings, decided = marshal.loads(detail)
    return Entry(name, list(kinds), _pairs(pairs), [tuple(q) for q in quotes], set(notes), set(spellings), decided)
