"""Inverted lists and the vocabulary: the compact part of the search index.

A posting list is a flat array of document numbers (4 bytes each) in which a document
appears once per occurrence of the term: that one array gives both the matching set
(`set(docs)`) and the term frequencies (`Counter(docs)`), each built at C speed, and
indexing a word is a single append. 50,000 notes make about two million postings, which
as Python dicts or sets would take hundreds of megabytes. A list loaded from the cache
stays `bytes` and is read through a memoryview until something is appended to it.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import Counter, deque
from collections.abc import Iterable, Sequence
from itertools import repeat

from reader.core.search.text import stem

Docs = array | bytes  # "I" array, or its bytes as loaded from the cache


def doc_numbers(docs: Docs) -> Sequence[int]:
    """Read a posting list without copying it."""
    return docs if isinstance(docs, array) else memoryview(docs).cast("I")


_append = array.append


class _Lists(dict):
    """term -> its list (an array, appendable), a new term's made on first use."""

    def __missing__(self, term: str) -> array:
        docs = self[term] = array("I")
        return docs


class Postings:
    """term -> the documents it occurs in (once per occurrence), for one field."""

    def __init__(self, docs: dict[str, Docs] | None = None, blob: bytes | None = None) -> None:
        self._docs: dict[str, Docs] | None = docs if docs is not None or blob is not None else {}
        self._blob = blob  # as loaded from the cache: unmarshalled on first use

    @property
    def docs(self) -> dict[str, Docs]:
        if self._docs is None:
            import marshal

            docs = marshal.loads(self._blob)  # type: ignore[arg-type]
            if not isinstance(docs, dict):
                raise ValueError("postings")
            self._docs, self._blob = docs, None
        return self._docs

    def to_blob(self) -> bytes:
        """The marshalled lists, for the cache (as loaded, when never touched since)."""
        import marshal

        return self._blob if self._docs is None else marshal.dumps(self.to_plain())  # type: ignore[return-value]

    def add(self, doc: int, terms: Iterable[str]) -> None:
        """Append `doc` to each term's list, once per occurrence: one C-level pass (a Python
        loop per word was most of a full build's indexing)."""
        lists = self.docs
        if type(lists) is not _Lists:  # the first change since loading: every list appendable
            lists = self._docs = _Lists(
                (t, d if type(d) is array else array("I", doc_numbers(d))) for t, d in lists.items()
            )
        deque(map(_append, map(lists.__getitem__, terms), repeat(doc)), 0)

    def matching(self, terms: Iterable[str]) -> set[int]:
        found: set[int] = set()
        for term in terms:
            docs = self.docs.get(term)
            if docs is not None:
                found.update(doc_numbers(docs))
        return found

    def count(self, terms: Iterable[str], into: Counter[int]) -> int:
        """Add the terms' frequencies per document to `into`; returns how many postings."""
        total = 0
        for term in terms:
            docs = self.docs.get(term)
            if docs is not None:
                numbers = doc_numbers(docs)
                into.update(numbers)
                total += len(numbers)
        return total

    def to_plain(self) -> dict[str, bytes]:
        return {t: d.tobytes() if isinstance(d, array) else d for t, d in self.docs.items()}


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
