"""The entity ledger: every person, place and organisation across the library, with the
articles that mention each, the quotes each said, and the user's notes about each.

It is built from the search index (which already holds every article's entity mentions,
quote speakers and text, loaded from its cache), never from the analysis files one by one:
only an entity's page reads the few stored analyses that hold its quotes' wording.

Merges are aliases kept in library.json (`Library.aliases`): name -> the name it joins.
They are applied here, when names are read, so they hold for articles added later and
an unmerge (`Library.remove_alias`) restores the split.

A note is about an entity when a mention of it lies inside (overlaps) the note's passage,
when the note's text names it (any of its spellings, as whole words), or when its passage
overlaps a quote the entity said.
"""

from __future__ import annotations

import marshal
import math
from array import array
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from reader.core.entities import cache
from reader.core.entities import names as naming
from reader.core.model import ENTITY_TYPES, Anchor, Annotation, EntityType, Quote, Selector
from reader.core.search.index import SearchIndex
from reader.core.search.postings import doc_numbers
from reader.core.search.text import fold, words
from reader.core.store.errors import LibraryError
from reader.core.store.library import Library

DATE = ENTITY_TYPES.index("DATE")
PER = ENTITY_TYPES.index("PER")
_QUOTE_MARKS = "\"'“”‘’«»„‚‹›"


@dataclass(frozen=True)
class EntitySummary:
    name: str
    type: EntityType
    articles: int
    mentions: int
    quotes: int
    notes: int


@dataclass(frozen=True)
class ArticleRef:
    """An article as the ledger lists it; `mentions`: of the entity (page) or shared entities (related)."""

    id: str
    title: str
    source: str | None
    date: date | None
    mentions: int


@dataclass(frozen=True)
class QuoteRef:
    text: str
    speaker: str
    article_id: str
    title: str
    source: str | None
    date: date | None
    start: int
    end: int
    partial: bool


@dataclass(frozen=True)
class EntityPage:
    name: str
    type: EntityType
    aliases: tuple[str, ...]
    articles: list[ArticleRef]
    quotes: list[QuoteRef]
    notes: list[Annotation]


@dataclass
class _Entry:
    name: str
    kinds: list[int] = field(default_factory=lambda: [0] * len(ENTITY_TYPES))  # mentions per type
    articles: dict[int, int] = field(default_factory=dict)  # article number -> mentions
    quotes: list[tuple[int, int, int]] = field(default_factory=list)  # (article, start, end)
    notes: set[int] = field(default_factory=set)  # note numbers
    spellings: set[str] = field(default_factory=set)  # raw names that count as this one

    @property
    def type(self) -> EntityType:
        kinds = self.kinds
        best = max(kinds)
        return ENTITY_TYPES[kinds.index(best)] if best else "PER"  # no mentions: only ever a speaker

    @property
    def mentions(self) -> int:
        return sum(self.kinds)


class Ledger:
    def __init__(self, library: Library, index: SearchIndex) -> None:
        self.library = library
        self.index = index
        self.aliases: dict[str, str] = {}
        self._entries: dict[str, _Entry | tuple] = {}  # a tuple: as read from the cache, not yet decoded
        self._summaries: list[EntitySummary] | None = None
        self._vectors: dict[int, dict[str, float]] | None = None
        self._norms: dict[int, float] = {}
        self._holders: dict[str, dict[int, int]] = {}  # entity -> its articles, for related()
        self._quote_cache: dict[str, tuple[Quote, ...]] = {}
        self._stamp: tuple[int, ...] = ()

    # -- building ---------------------------------------------------------------------------

    @classmethod
    def build(cls, library: Library, index: SearchIndex | None = None) -> Ledger:
        ledger = cls(library, index if index is not None else SearchIndex.build(library))
        ledger.aliases = library.aliases()
        ledger._compute()
        return ledger

    def refresh(self, library: Library) -> None:
        """Pick up what changed: articles, analyses, notes (on disk or through the index), merges."""
        self.library = library
        changed = self.index.refresh(library)
        aliases = library.aliases()
        if changed:
            self._quote_cache.clear()
        if changed or aliases != self.aliases or self._index_stamp() != self._stamp:
            self.aliases = aliases
            self._compute()

    def _index_stamp(self) -> tuple[int, ...]:
        notes, articles = self.index.notes, self.index.articles
        return (len(notes.ids), len(notes.live), len(articles.ids), len(articles.live), len(articles.names))

    def _compute(self) -> None:
        key = cache.state_key(self.index, self.aliases)
        path = cache.cache_path(self.index)
        stored = cache.load(path, key)
        self._vectors = None
        self._norms = {}
        self._holders = {}
        self._stamp = self._index_stamp()
        if stored is not None and _sound(stored):
            # summaries as saved (in order); each entry decoded when first asked for
            self._entries = {row[0]: row for row in stored}  # type: ignore[misc]
            self._summaries = [
                _summary(name, ENTITY_TYPES[kind], articles, mentions, quotes, notes)
                for name, kind, articles, mentions, quotes, notes, _pairs, _detail in stored
            ]
            return
        self._entries = self._compute_entries()  # type: ignore[assignment]
        self._summaries = None
        summaries = self.summaries()  # sorted once here, so the Entities screen opens on a ready list
        cache.save(path, key, [_entry_to_plain(self._entries[s.name]) for s in summaries])  # type: ignore[arg-type]

    def _full(self, name: str) -> _Entry:
        e = self._entries[name]
        if isinstance(e, tuple):
            e = self._entries[name] = _entry_from_plain(e)
        return e

    def _compute_entries(self) -> dict[str, _Entry]:
        index = self.index
        table, notes = index.articles, index.notes
        aliases = self.aliases
        canon = [naming.canonical(name, aliases) for name in table.names]
        entries: dict[str, _Entry] = {}

        def entry(name: str) -> _Entry:
            found = entries.get(name)
            if found is None:
                found = entries[name] = _Entry(name)
            return found

        # per article with notes: its mentions (by start) and its quotes, for the note pass
        notes_by_article: dict[int, list[int]] = {}
        article_of = notes.article
        for n in notes.live:
            notes_by_article.setdefault(article_of[n], []).append(n)

        for a in table.live:
            mentions = table.entities[a]
            if isinstance(mentions, bytes):
                numbers = array("I", mentions)
                mentions = tuple(zip(numbers[0::4], numbers[1::4], numbers[2::4], numbers[3::4]))
            per_article: dict[str, int] = {}
            for kind, number, _start, _end in mentions:
                name = canon[number]
                e = entries.get(name) or entry(name)
                e.kinds[kind] += 1
                e.spellings.add(table.names[number])
                per_article[name] = per_article.get(name, 0) + 1
            for name, count in per_article.items():
                entries[name].articles[a] = count
            speakers = table.speakers[a]
            for number, start, end in speakers:
                e = entry(canon[number])
                e.spellings.add(table.names[number])
                e.quotes.append((a, start, end))
            attached = notes_by_article.get(a)
            if attached:
                self._notes_on_passages(attached, mentions, speakers, canon, entries)
        self._notes_in_text(entries)
        return entries

    def _notes_on_passages(self, attached, mentions, speakers, canon, entries) -> None:  # noqa: ANN001
        """Notes whose passage overlaps a mention of an entity, or a quote it said."""
        notes = self.index.notes
        spans = sorted((start, end, canon[number]) for _kind, number, start, end in mentions)
        starts = [s[0] for s in spans]
        longest = max((end - start for start, end, _ in spans), default=0)
        for n in attached:
            lo, hi = notes.start[n], notes.end[n]
            i = bisect_left(starts, hi)
            first = bisect_left(starts, lo - longest)
            for start, end, name in spans[first:i]:
                if end > lo:
                    entries[name].notes.add(n)
            for number, start, end in speakers:
                if start < hi and end > lo:
                    entries[canon[number]].notes.add(n)

    def _notes_in_text(self, entries: dict[str, _Entry]) -> None:
        """Notes whose text names an entity: its words in a row, in any of its spellings."""
        notes = self.index.notes
        postings = notes.fields["note"].docs
        live = notes.live
        table = self.index.articles
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

    # -- reading ----------------------------------------------------------------------------

    def summaries(self) -> list[EntitySummary]:
        """Every entity, grouped by type (ENTITY_TYPES order), most articles first."""
        if self._summaries is None:
            rows = [
                _summary(e.name, e.type, len(e.articles), e.mentions, len(e.quotes), len(e.notes))
                for e in self._entries.values()
            ]
            order = {t: i for i, t in enumerate(ENTITY_TYPES)}
            rows.sort(key=lambda s: (order[s.type], -s.articles, -s.mentions, -s.quotes, s.name))
            self._summaries = rows
        return list(self._summaries)

    def find(self, name: str) -> str | None:
        """The canonical name for a user's spelling, or None (unknown or ambiguous)."""
        return self._find(name)[0]

    def _find(self, name: str) -> tuple[str | None, list[str]]:
        if name in self._entries:
            return name, []
        target, candidates = naming.find(name, self._entries, self.aliases)
        if target is not None and target not in self._entries:
            return None, []
        return target, candidates

    def suggestions(self, name: str, n: int = 3) -> list[str]:
        """Names a spelling might have meant: the ambiguous matches first, then close spellings."""
        _, candidates = self._find(name)
        by_articles = sorted(candidates, key=lambda c: (-_article_count(self._entries[c]), c))
        found = by_articles[:n]
        for close in naming.close(name, self._entries, n):
            if close not in found and len(found) < n:
                found.append(close)
        return found

    def _entry(self, name: str) -> _Entry:
        if name not in self._entries:
            canonical = self.find(name)
            if canonical is None:
                raise KeyError(f"no entity named {name}")
            name = canonical
        return self._full(name)

    def page(self, name: str, *, stored_notes: bool = False) -> EntityPage:
        """Articles newest first, quotes by the entity newest first, notes about it newest first.

        The notes come from the search index's columns (no note file is read); their anchor
        is "exact", or "orphan" when the passage no longer stands at its offsets. With
        `stored_notes` they are read from the library as stored (the CLI's JSON).
        """
        e = self._entry(name)
        table = self.index.articles
        newest = sorted(e.articles, key=lambda a: (table.day[a], table.added[a], a), reverse=True)
        articles = [self._ref(a, e.articles[a]) for a in newest]
        quotes = sorted(e.quotes, key=lambda q: (table.day[q[0]], table.added[q[0]], q[0], -q[1]), reverse=True)
        return EntityPage(
            name=e.name,
            type=e.type,
            aliases=tuple(sorted(s for s in e.spellings if s != e.name)),
            articles=articles,
            quotes=[self._quote(e.name, a, start, end) for a, start, end in quotes],
            notes=self._annotations(e.notes) if stored_notes else self._indexed_notes(e.notes),
        )

    def _ref(self, a: int, mentions: int) -> ArticleRef:
        table = self.index.articles
        return ArticleRef(table.ids[a], table.title[a], table.source[a] or None, table.date(a), mentions)

    def _quote(self, speaker: str, a: int, start: int, end: int) -> QuoteRef:
        table = self.index.articles
        article_id = table.ids[a]
        stored = self._quote_cache.get(article_id)
        if stored is None:
            analysis = self.library.analysis(article_id)
            stored = self._quote_cache[article_id] = analysis.quotes if analysis else ()
        quote = next((q for q in stored if q.start == start and q.end == end), None)
        if quote is not None:
            text, partial = quote.text, quote.partial
        else:  # the analysis went since the index read it: its words from the text
            text, partial = table.text[a][start:end].strip(_QUOTE_MARKS), False
        return QuoteRef(
            text=text, speaker=speaker, article_id=article_id, title=table.title[a],
            source=table.source[a] or None, date=table.date(a), start=start, end=end, partial=partial,
        )

    def _annotations(self, numbers: set[int]) -> list[Annotation]:
        notes, table = self.index.notes, self.index.articles
        wanted: dict[str, set[str]] = {}
        for n in numbers:
            wanted.setdefault(table.ids[notes.article[n]], set()).add(notes.ids[n])
        found: list[Annotation] = []
        for article_id, ids in wanted.items():
            try:
                found += [a for a in self.library.annotations(article_id) if a.id in ids]
            except LibraryError:
                continue
        return sorted(found, key=lambda a: (a.created, a.id), reverse=True)

    def _indexed_notes(self, numbers: set[int]) -> list[Annotation]:
        notes, table = self.index.notes, self.index.articles
        found = []
        for n in sorted(numbers, key=lambda n: (notes.created[n], notes.ids[n]), reverse=True):
            a = notes.article[n]
            text, start, end, exact = table.text[a], notes.start[n], notes.end[n], notes.quote[n]
            placed = 0 <= start < end <= len(text) and text[start:end] == exact
            selector = (
                Selector.at(text, start, end) if placed else Selector(exact, "", "", start, end)
            )
            found.append(Annotation(
                id=notes.ids[n], article_id=table.ids[a], selector=selector, note=notes.note[n],
                tags=list(notes.tags[n]), color=notes.color[n],
                created=datetime.fromtimestamp(notes.created[n], timezone.utc),
                updated=datetime.fromtimestamp(notes.updated[n], timezone.utc),
                anchor=Anchor() if placed else Anchor("orphan", 0.0),
            ))
        return found

    # -- related articles -------------------------------------------------------------------

    def _weights(self) -> dict[int, dict[str, float]]:
        """Each article's tf-idf vector over entities (DATE left out), and its length."""
        if self._vectors is None:
            table = self.index.articles
            live = len(table.live) or 1
            vectors: dict[int, dict[str, float]] = {}
            for name, e in self._entries.items():
                kind, articles = _kind_and_articles(e)
                if kind == DATE or not articles:
                    continue
                idf = math.log(live / len(articles))
                if idf <= 0:
                    continue
                self._holders[name] = articles
                for a, count in articles.items():
                    vectors.setdefault(a, {})[name] = (1 + math.log(count)) * idf
            self._vectors = vectors
            self._norms = {a: math.sqrt(sum(w * w for w in v.values())) for a, v in vectors.items()}
        return self._vectors

    def related(self, article_id: str, limit: int = 10) -> list[tuple[ArticleRef, float]]:
        """The articles sharing the most (weighted) entities with this one, best first.

        Cosine similarity of tf-idf vectors over entity mentions (idf over articles, DATE
        entities ignored); ties go to another outlet's article, then the newest. An
        ArticleRef's `mentions` here is how many entities the two articles share.
        """
        table = self.index.articles
        a = table.by_id.get(article_id)
        vectors = self._weights()
        mine = vectors.get(a) if a is not None else None
        if not mine:
            return []
        scores: dict[int, float] = {}
        shared: dict[int, int] = {}
        for name, weight in mine.items():
            for b in self._holders[name]:
                if b == a:
                    continue
                scores[b] = scores.get(b, 0.0) + weight * vectors[b][name]
                shared[b] = shared.get(b, 0) + 1
        norm = self._norms[a]
        ranked = sorted(
            ((score / (norm * self._norms[b]), b) for b, score in scores.items() if self._norms[b]),
            key=lambda sb: (-sb[0], table.source[sb[1]] == table.source[a], -table.day[sb[1]], sb[1]),
        )
        return [(self._ref(b, shared[b]), round(score, 6)) for score, b in ranked[:limit]]

    # -- merging ------------------------------------------------------------------------------

    def merge(self, library: Library, names: Sequence[str], into: str) -> None:
        """Merge names into another for good (library.json), for every article now and later."""
        target = naming.canonical(into, self.aliases)
        mapping = {name: target for name in names if name != target}
        if not mapping:
            raise ValueError("nothing to merge: give names other than the one to merge into")
        library.save_aliases(mapping)
        self.refresh(library)

    def unmerge(self, library: Library, name: str) -> bool:
        """Undo a merge of one name; False if it was not merged."""
        removed = library.remove_alias(name)
        self.refresh(library)
        return removed


def _summary(name: str, kind: EntityType, articles: int, mentions: int, quotes: int, notes: int) -> EntitySummary:
    """An EntitySummary without the frozen dataclass __init__ (15,000 of them per build)."""
    summary = object.__new__(EntitySummary)
    summary.__dict__.update(name=name, type=kind, articles=articles, mentions=mentions, quotes=quotes, notes=notes)
    return summary


def _entry_to_plain(e: _Entry) -> tuple:
    """(name, type index, articles, mentions, quotes, notes, article pairs, the rest marshalled)."""
    pairs = array("I", [x for item in e.articles.items() for x in item]).tobytes()
    detail = marshal.dumps((e.kinds, e.quotes, list(e.notes), sorted(e.spellings)))
    return (e.name, ENTITY_TYPES.index(e.type), len(e.articles), e.mentions, len(e.quotes), len(e.notes), pairs, detail)


def _sound(rows: list) -> bool:
    try:
        return all(len(row) == 8 and isinstance(row[0], str) and 0 <= row[1] < len(ENTITY_TYPES) for row in rows)
    except TypeError:
        return False


def _pairs(raw: bytes) -> dict[int, int]:
    numbers = array("I", raw)
    return dict(zip(numbers[0::2], numbers[1::2]))


def _kind_and_articles(e: _Entry | tuple) -> tuple[int, dict[int, int]]:
    if isinstance(e, tuple):
        return e[1], _pairs(e[6])
    return ENTITY_TYPES.index(e.type), e.articles


def _article_count(e: _Entry | tuple) -> int:
    return e[2] if isinstance(e, tuple) else len(e.articles)


def _entry_from_plain(row: tuple) -> _Entry:
    name, _kind, _articles, _mentions, _quotes, _notes, pairs, detail = row
    kinds, quotes, notes, spellings = marshal.loads(detail)
    return _Entry(name, list(kinds), _pairs(pairs), [tuple(q) for q in quotes], set(notes), set(spellings))
