"""Inverted lists and the vocabulary: the compact part of the search index.

A posting list is a flat array of document numbers (4 bytes each) in which a document
appears once per occurrence of the term: that one array gives both the matching set
(`set(docs)`) and the term frequencies (`Counter(docs)`), each built at C speed, and
indexing a word is a single append. 50,000 notes make about two million postings, which
as Python dicts or sets would take hundreds of megabytes. A list loaded from the cache
stays in the cache's mapped file, read through a memoryview, until something is appended
to it.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import Counter, deque
from collections.abc import Iterable, Sequence
from itertools import repeat
from typing import TYPE_CHECKING

from reader.core.search.text import stem

if TYPE_CHECKING:
    from reader.core.search.packed import Packed

Docs = array | bytes | memoryview  # an "I" array, or a read-only view of the cache's bytes


def doc_numbers(docs: Docs) -> Sequence[int]:
    """Read a posting list without copying it."""
    return docs if type(docs) is array or type(docs) is memoryview else memoryview(docs).cast("I")


_append = array.append


class _Lists(dict):
    """term -> its list as changed since loading (an array, appendable); a term not yet
    here starts as a copy of its loaded list (or empty): `__missing__`, called by the
    dict's own look-up, so appending stays one C-level pass."""

    def __init__(self, base: Postings) -> None:
        super().__init__()
        self.base = base

    def __missing__(self, term: str) -> array:
        loaded = self.base.loaded(term)
        docs = self[term] = array("I", loaded if loaded is not None else ())
        return docs


class Postings:
    """term -> the documents it occurs in (once per occurrence), for one field.

    As loaded from the cache the lists stay in its mapped file: `offsets` (a view) gives,
    for each term of the vocabulary as it was saved (`terms`, sorted), where its list
    starts and ends in the field's section, read when a query first asks for that term.
    What changed since lives in `_own`, one array per term touched.
    """

    def __init__(self, packed: Packed | None = None, name: str = "", terms: Sequence[str] = (),
                 offsets: Sequence[int] = ()) -> None:
        self._packed = packed
        self._name = name
        self._terms = terms
        self._offsets = offsets
        self._own = _Lists(self)

    @property
    def docs(self) -> Postings:
        """The lists by term (`.get(term)`): this object, kept for callers that read it so."""
        return self

    def loaded(self, term: str) -> memoryview | None:
        """The term's list as loaded from the cache, or None."""
        terms = self._terms
        i = bisect_left(terms, term)
        if i == len(terms) or terms[i] != term:
            return None
        lo, hi = self._offsets[i], self._offsets[i + 1]
        if lo == hi:
            return None
        return self._packed.part(self._name, lo * 4, hi * 4).cast("I")  # type: ignore[union-attr]

    def get(self, term: str, default: Docs | None = None) -> Docs | None:
        own = self._own.get(term)
        if own is not None:
            return own
        if self._terms:
            loaded = self.loaded(term)
            if loaded is not None:
                return loaded
        return default

    def add(self, doc: int, terms: Iterable[str]) -> None:
        """Append `doc` to each term's list, once per occurrence: one C-level pass (a Python
        loop per word was most of a full build's indexing)."""
        deque(map(_append, map(self._own.__getitem__, terms), repeat(doc)), 0)

    def matching(self, terms: Iterable[str]) -> set[int]:
        found: set[int] = set()
        for term in terms:
            docs = self.get(term)
            if docs is not None:
                found.update(doc_numbers(docs))
        return found

    def count(self, terms: Iterable[str], into: Counter[int]) -> int:
        """Add the terms' frequencies per document to `into`; returns how many postings."""
        total = 0
        for term in terms:
            docs = self.get(term)
            if docs is not None:
                numbers = doc_numbers(docs)
                into.update(numbers)
                total += len(numbers)
        return total

    def section(self, terms: Sequence[str]) -> tuple[list[bytes | memoryview], array]:
        """The lists in the order of `terms` (the vocabulary as saved) and the offsets of
        each in postings; unchanged since loading with the same vocabulary: as loaded."""
        if not self._own and self._packed is not None and terms is self._terms:
            offsets = array("I", self._offsets)
            return [self._packed.part(self._name, 0, offsets[-1] * 4)] if offsets[-1] else [], offsets
        pieces: list[bytes | memoryview] = []
        offsets = array("I", (0,))
        total = 0
        get = self.get
        for term in terms:
            docs = get(term)
            if docs is not None:
                pieces.append(docs if type(docs) is not array else docs.tobytes())
                total += len(docs) if type(docs) is not bytes else len(docs) // 4
            offsets.append(total)
        return pieces, offsets


class Vocabulary:
    """Every indexed word, sorted for prefix look-ups.

    Words sharing a stem are found through the sorted list too, not a stored stem map: a
    stem only changes a word's tail, so every word with stem "negotiat" sits in the range
    that starts "negotia"; stemming that short range at query time (memoised) is cheaper
    than loading a 30,000-entry map on every cold start.
    """

    def __init__(self, terms: Iterable[str] = ()) -> None:
        self._terms: set[str] = set()
        self._sorted: list[str] = []
        self._stems: dict[str, str] = {}  # memo: term -> its stem
        self._dirty = False
        self._lazy = False  # loaded from the cache: _terms not made yet
        self.update(terms)

    def update(self, terms: Iterable[str]) -> None:
        known = self._set()
        before = len(known)
        known.update(terms)
        if len(known) != before:
            self._dirty = True

    def to_plain(self) -> str:
        return "\n".join(self.terms())  # words never hold a newline; one string loads at once

    @classmethod
    def from_plain(cls, plain: str) -> Vocabulary:
        """From the cache: the sorted list as it was saved (its set is made on first need)."""
        if not isinstance(plain, str):
            raise TypeError("vocabulary")
        vocabulary = cls()
        vocabulary._sorted = plain.split("\n") if plain else []
        vocabulary._lazy = True
        return vocabulary

    def _set(self) -> set[str]:
        if self._lazy:
            self._terms, self._lazy = set(self._sorted), False
        return self._terms

    def __len__(self) -> int:
        return len(self._set())

    def __contains__(self, term: str) -> bool:
        if self._lazy:
            terms = self._sorted
            i = bisect_left(terms, term)
            return i < len(terms) and terms[i] == term
        return term in self._terms

    def terms(self) -> list[str]:
        if self._dirty:
            self._sorted = sorted(self._terms)
            self._dirty = False
        return self._sorted

    def _starting(self, prefix: str) -> list[str]:
        terms = self.terms()
        return terms[bisect_left(terms, prefix) : bisect_left(terms, prefix + "\U0010ffff")]

    def expand(self, word: str) -> set[str]:
        """The indexed terms a query word matches: those it begins, and those with its stem."""
        found = set(self._starting(word))
        base = stem(word)
        if len(base) > 3:
            memo = self._stems
            for term in self._starting(base[:-1]):
                term_stem = memo.get(term)
                if term_stem is None:
                    term_stem = memo[term] = stem(term)
                if term_stem == base:
                    found.add(term)
        return found

    def near(self, word: str, n: int = 3) -> list[str]:
        """Up to `n` indexed terms close to a word that matched nothing ("did you mean").

        Candidates share the first letter and are within two characters of its length,
        which keeps difflib's quadratic matcher to a few hundred comparisons.
        """
        from difflib import get_close_matches

        if not word:
            return []
        terms = self.terms()
        lo = bisect_left(terms, word[0])
        hi = bisect_left(terms, word[0] + "\uffff")
        candidates = [t for t in terms[lo:hi] if abs(len(t) - len(word)) <= 2]
        return get_close_matches(word, candidates, n=n, cutoff=0.7)
