"""The documents the search index holds: notes and articles as compact columns.

Each document is a number; its attributes live in parallel arrays and lists (ints,
interned strings, tuples), because 50,000 note objects with their dicts would cost
several times the memory and the time to load. A removed or edited document keeps its
number as a tombstone (out of `live`), so posting lists only ever grow by appending.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Callable, Iterator, Sequence
from itertools import accumulate, chain
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from reader.core.model import ENTITY_TYPES, Analysis, Annotation, Article
from reader.core.search.packed import Packed
from reader.core.search.postings import Postings, Vocabulary
from reader.core.search.text import words

NOTE_FIELDS = ("note", "quote", "tag")
ARTICLE_FIELDS = ("title", "text", "source", "author")
NOTE_SCORED = ("note", "quote", "tag")  # BM25 counts a word in any of these
ARTICLE_SCORED = ("title", "text")  # plus the article's tags, matched at query time
_intern = sys.intern
_TYPE_NUMBERS = {kind: i for i, kind in enumerate(ENTITY_TYPES)}


def _timestamp(moment: datetime) -> int:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return int(moment.timestamp())


class Texts:
    """A column of strings: those loaded from the cache read in place from its mapped file
    (UTF-8, with the byte offset where each ends), one at a time and only when asked for
    (most searches read a few dozen texts, or none); those added since in a plain list."""

    def __init__(self, packed: Packed | None = None, name: str = "", count: int = 0) -> None:
        self._packed = packed
        self._name = name
        self._count = count  # how many the cache holds
        self._added: list[str] = []
        self._set: dict[int, str] = {}  # loaded texts replaced since (an article's body read later)

    def __len__(self) -> int:
        return self._count + len(self._added)

    def _span(self, i: int) -> tuple[int, int]:
        """Where the i-th loaded text lies in its section (two offsets read in place)."""
        if i == 0:
            return 0, self._packed.part(self._name + ".ends", 0, 4).cast("I")[0]  # type: ignore[union-attr]
        lo, hi = self._packed.part(self._name + ".ends", (i - 1) * 4, (i + 1) * 4).cast("I")  # type: ignore[union-attr]
        return lo, hi

    def loaded(self, i: int) -> bytes | memoryview:
        """The i-th loaded text's UTF-8 bytes, in place."""
        lo, hi = self._span(i)
        return self._packed.part(self._name, lo, hi)  # type: ignore[union-attr]

    def __getitem__(self, i: int) -> str:
        count = self._count
        if i < 0:
            i += count + len(self._added)
        if i >= count:
            return self._added[i - count]
        if self._set and i in self._set:
            return self._set[i]
        return str(self.loaded(i), "utf-8")

    def __setitem__(self, i: int, text: str) -> None:
        count = self._count
        if i < 0:
            i += count + len(self._added)
        if i >= count:
            self._added[i - count] = text
        else:
            self._set[i] = text

    def __iter__(self) -> Iterator[str]:
        """Every text in order; the loaded ones decoded in one pass over their section (the
        entity ledger joins all 200,000 note ids)."""
        if self._packed is None or not self._count or self._set:
            return map(self.__getitem__, range(len(self)))
        ends = self._packed.section(self._name + ".ends").cast("I")
        data = bytes(self._packed.part(self._name, 0, ends[-1]))
        text: str | bytes = data.decode("ascii") if data.isascii() else data
        starts = chain((0,), ends[:-1])
        if isinstance(text, str):
            loaded = [text[lo:hi] for lo, hi in zip(starts, ends)]
        else:
            loaded = [text[lo:hi].decode() for lo, hi in zip(starts, ends)]
        return chain(loaded, self._added)

    def append(self, text: str) -> None:
        self._added.append(text)

    def pieces(self) -> tuple[list[bytes | memoryview], array]:
        """The column as saved: its UTF-8 pieces in order and where each text ends."""
        if self._set:  # rare: write every text again
            encoded = [t.encode() for t in self]
            return encoded, array("I", accumulate(map(len, encoded)))
        pieces: list[bytes | memoryview] = []
        ends = array("I")
        if self._packed is not None and self._count:
            ends.frombytes(self._packed.section(self._name + ".ends"))
            pieces.append(self._packed.part(self._name, 0, ends[-1]))
        offset = ends[-1] if ends else 0
        for text in self._added:
            data = text.encode()
            pieces.append(data)
            offset += len(data)
            ends.append(offset)
        return pieces, ends


class Rows:
    """A column of tuples saved marshalled one by one (a note tags table's rows), each
    read when first asked for."""

    def __init__(self, texts: Texts) -> None:
        self._texts = texts
        self._memo: dict[int, tuple[str, ...]] = {}

    def __len__(self) -> int:
        return len(self._texts)

    def __getitem__(self, i: int) -> tuple[str, ...]:
        row = self._memo.get(i)
        if row is None:
            import marshal

            row = marshal.loads(self._texts.loaded(i))
            if type(row) is not tuple:
                raise ValueError("a row of tags")
            self._memo[i] = row
        return row

    def __iter__(self) -> Iterator[tuple[str, ...]]:
        return map(self.__getitem__, range(len(self)))


class TagColumn:
    """Each note's tags: every distinct tuple once (`table`), one index into it per note
    (`index`), so 200,000 notes load as an array, and facets count indices at C speed."""

    def __init__(self, table: Sequence[tuple[str, ...]] | None = None, index: Callable[[], array] | None = None) -> None:
        self.table: Sequence[tuple[str, ...]] = table if table is not None else []
        self._index: array | None = None if index is not None else array("I")
        self._load = index  # the cache's, read when first needed
        self._numbers: dict[tuple[str, ...], int] | None = None

    @property
    def index(self) -> array:
        if self._index is None:
            self._index = self._load()  # type: ignore[misc]
        return self._index

    def __len__(self) -> int:
        return len(self.index)

    def __getitem__(self, n: int) -> tuple[str, ...]:
        return self.table[self.index[n]]

    def __iter__(self) -> Iterator[tuple[str, ...]]:
        return map(self.table.__getitem__, self.index)

    def append(self, row: tuple[str, ...]) -> None:
        numbers = self._numbers
        if numbers is None:
            if type(self.table) is not list:
                self.table = list(self.table)
            numbers = self._numbers = {tags: i for i, tags in enumerate(self.table)}
        i = numbers.get(row)
        if i is None:
            i = numbers[row] = len(self.table)
            self.table.append(row)
        self.index.append(i)


class Lazy:
    """Columns read from the cache only when first used: `_pending` maps a column's name
    to what makes it (a search for one word never builds the note ids' dictionary)."""

    _pending: dict[str, Callable[[], object]]

    def __getattr__(self, name: str) -> object:
        pending = self.__dict__.get("_pending")
        if pending and name in pending:
            value = pending.pop(name)()
            setattr(self, name, value)
            return value
        raise AttributeError(name)


def tag_words(tags: tuple[str, ...]) -> list[str]:
    return [w for tag in tags for w in words(tag)]


@dataclass
class Notes(Lazy):
    ids: Texts = field(default_factory=Texts)
    article: array = field(default_factory=lambda: array("I"))  # article number
    created: array = field(default_factory=lambda: array("q"))  # UTC seconds
    day: array = field(default_factory=lambda: array("i"))  # created date, ordinal
    updated: array = field(default_factory=lambda: array("q"))
    start: array = field(default_factory=lambda: array("I"))
    end: array = field(default_factory=lambda: array("I"))
    length: array = field(default_factory=lambda: array("I"))  # scored words, for BM25
    color: bytearray = field(default_factory=bytearray)
    has_note: bytearray = field(default_factory=bytearray)
    note: Texts = field(default_factory=Texts)
    quote: Texts = field(default_factory=Texts)
    tags: TagColumn = field(default_factory=lambda: TagColumn())
    fields: dict[str, Postings] = field(default_factory=lambda: {f: Postings() for f in NOTE_FIELDS})
    by_tag: dict[str, list[int] | memoryview] = field(default_factory=dict)  # as loaded: views
    live: set[int] = field(default_factory=set)
    by_id: dict[str, int] = field(default_factory=dict)
    total_length: int = 0

    def add(self, annotation: Annotation, article: int, vocabulary: Vocabulary) -> int:
        """Index a note (replacing an earlier version with the same id); returns its number."""
        old = self.by_id.get(annotation.id)
        if old is not None:
            self.live.discard(old)
        n = len(self.ids)
        tags = tuple(_intern(t) for t in annotation.tags)
        created = annotation.created
        self.ids.append(annotation.id)
        self.article.append(article)
        self.created.append(_timestamp(created))
        self.day.append(created.date().toordinal())
        self.updated.append(_timestamp(annotation.updated))
        self.start.append(annotation.selector.start)
        self.end.append(annotation.selector.end)
        self.color.append(annotation.color)
        self.has_note.append(bool(annotation.note.strip()))
        self.note.append(annotation.note)
        self.quote.append(annotation.quote)
        self.tags.append(tags)
        note, quote, tag = words(annotation.note), words(annotation.quote), tag_words(tags) if tags else []
        fields = self.fields
        fields["note"].add(n, note)
        fields["quote"].add(n, quote)
        vocabulary.update(note)
        vocabulary.update(quote)
        if tag:
            fields["tag"].add(n, tag)
            vocabulary.update(tag)
        length = len(note) + len(quote) + len(tag)
        self.length.append(length)
        self.total_length += length
        by_tag = self.by_tag
        for tag in tags:
            numbers = by_tag.get(tag)
            if type(numbers) is not list:  # new, or a view of the cache's bytes
                numbers = by_tag[tag] = list(numbers or ())
            numbers.append(n)
        self.by_id[annotation.id] = n
        self.live.add(n)
        return n

    def same(self, annotation: Annotation) -> bool:
        """Whether this exact version of the note is already indexed (refresh skips it)."""
        n = self.by_id.get(annotation.id)
        return (
            n is not None
            and n in self.live
            and self.updated[n] == _timestamp(annotation.updated)
            and self.note[n] == annotation.note
            and self.tags[n] == tuple(annotation.tags)
            and self.color[n] == annotation.color
            and (self.start[n], self.end[n]) == (annotation.selector.start, annotation.selector.end)
        )

    def remove(self, annotation_id: str) -> int | None:
        n = self.by_id.pop(annotation_id, None)
        if n is not None:
            self.live.discard(n)
        return n

    def created_date(self, n: int) -> date:
        return date.fromordinal(self.day[n])


@dataclass
class Articles(Lazy):
    ids: Texts = field(default_factory=Texts)
    title: Texts = field(default_factory=Texts)
    source: Texts = field(default_factory=Texts)
    author: Texts = field(default_factory=Texts)
    text: Texts = field(default_factory=Texts)
    tags: list[tuple[str, ...]] = field(default_factory=list)
    tag_terms: list[frozenset[str]] = field(default_factory=list)  # the words of its tags
    day: array = field(default_factory=lambda: array("i"))  # published, else added
    added: array = field(default_factory=lambda: array("q"))
    length: array = field(default_factory=lambda: array("I"))
    starred: bytearray = field(default_factory=bytearray)
    read: bytearray = field(default_factory=bytearray)
    dated: bytearray = field(default_factory=bytearray)  # 1: `day` is its own date; 0: the day it was added
    # per article: (type index, name number, start, end) of each entity mention; as loaded
    # from the cache, those four numbers per mention packed in an "I" array's bytes
    entities: list[tuple[tuple[int, int, int, int], ...] | bytes] = field(default_factory=list)
    # per article: (speaker name number, start, end) of each attributed quote
    speakers: list[tuple[tuple[int, int, int], ...]] = field(default_factory=list)
    names: list[str] = field(default_factory=list)  # canonical names of entities and speakers
    fields: dict[str, Postings] = field(default_factory=lambda: {f: Postings() for f in ARTICLE_FIELDS})
    live: set[int] = field(default_factory=set)
    by_id: dict[str, int] = field(default_factory=dict)
    name_numbers: dict[str, int] = field(default_factory=dict)
    name_words: list[tuple[str, ...]] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)  # the user's merges and splits (library.json)
    total_length: int = 0

    def add(self, article: Article, vocabulary: Vocabulary) -> int:
        """Index a new article: its words once (they never change), its state as it is now."""
        n = self.by_id.get(article.id)
        if n is not None:
            self.set_state(n, article, vocabulary)
            if article.blocks is not None and not self.text[n]:
                self._index_text(n, article.text, vocabulary)
            return n
        n = len(self.ids)
        self.ids.append(article.id)
        self.title.append(article.title)
        self.source.append(article.source or "")
        self.author.append(article.author or "")
        self.text.append("")
        self.tags.append(())
        self.tag_terms.append(frozenset())
        self.day.append((article.published or article.added.date()).toordinal())
        self.added.append(_timestamp(article.added))
        self.starred.append(0)
        self.read.append(0)
        self.dated.append(article.published is not None)
        self.entities.append(())
        self.speakers.append(())
        self.length.append(0)
        self.set_state(n, article, vocabulary)
        per_field = {"title": words(article.title), "source": words(self.source[n]), "author": words(self.author[n])}
        for name, terms in per_field.items():
            self.fields[name].add(n, terms)
            vocabulary.update(terms)
        self.length[n] = len(per_field["title"])
        self.total_length += self.length[n]
        if article.blocks is not None:
            self._index_text(n, article.text, vocabulary)
        self.by_id[article.id] = n
        self.live.add(n)
        return n

    def _index_text(self, n: int, text: str, vocabulary: Vocabulary) -> None:
        terms = words(text)
        self.text[n] = text
        self.fields["text"].add(n, terms)
        vocabulary.update(terms)
        self.length[n] += len(terms)
        self.total_length += len(terms)

    def set_state(self, n: int, article: Article, vocabulary: Vocabulary) -> None:
        """The user's state on the article; its tag words join the vocabulary so a bare word finds them."""
        self.tags[n] = tuple(_intern(t) for t in article.tags)
        self.tag_terms[n] = frozenset(tag_words(self.tags[n]))
        vocabulary.update(self.tag_terms[n])
        self.starred[n] = bool(article.starred)
        self.read[n] = bool(article.read)

    def set_analysis(self, n: int, analysis: Analysis | None) -> None:
        """Keep the stored analysis' names and quote speakers (never compute one here)."""
        if analysis is None:
            self.entities[n], self.speakers[n] = (), ()
            return
        self.entities[n] = tuple(
            (_TYPE_NUMBERS[e.type], self.name(e.name), e.start, e.end) for e in analysis.entities
        )
        self.speakers[n] = tuple((self.name(q.speaker), q.start, q.end) for q in analysis.quotes if q.speaker)

    def mentions(self, n: int) -> Sequence[tuple[int, int, int, int]]:
        """Article n's (type index, name number, start, end) mentions, unpacked if packed."""
        found = self.entities[n]
        if isinstance(found, bytes):
            numbers = array("I", found)
            return tuple(zip(numbers[0::4], numbers[1::4], numbers[2::4], numbers[3::4]))
        return found

    def name(self, name: str) -> int:
        number = self.name_numbers.get(name)
        if number is None:
            number = self.name_numbers[name] = len(self.names)
            self.names.append(_intern(name))
            self.name_words.append(tuple(words(name)))
        return number

    def date(self, n: int) -> date | None:
        """The article's own date, None for one without (its `day` is when it was added:
        it sorts by that, but no listing may show it as the article's date)."""
        return date.fromordinal(self.day[n]) if self.dated[n] else None
