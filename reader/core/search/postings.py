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
from collections import Counter
from collections.abc import Iterable, Sequence

from reader.core.search.text import stem

Docs = array | bytes  # "I" array, or its bytes as loaded from the cache


def doc_numbers(docs: Docs) -> Sequence[int]:
    """Read a posting list without copying it."""
    return docs if isinstance(docs, array) else memoryview(docs).cast("I")


class Postings:
    """term -> the documents it occurs in (once per occurrence), for one field."""

    def __init__(self, docs: dict[str, Docs] | None = None) -> None:
        self.docs: dict[str, Docs] = docs if docs is not None else {}

    def add(self, doc: int, terms: Iterable[str]) -> None:
        lists = self.docs
        for term in terms:
            docs = lists.get(term)
            if docs is None:
                lists[term] = array("I", (doc,))
            elif isinstance(docs, array):
                docs.append(doc)
            else:
                docs = lists[term] = array("I", docs)
                docs.append(doc)

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
    """Every indexed word, sorted for prefix look-ups, and grouped by stem."""

    def __init__(self, terms: Iterable[str] = ()) -> None:
        self._terms: set[str] = set()
        self._sorted: list[str] = []
        self._stems: dict[str, list[str]] = {}
        self._dirty = False
        self.update(terms)

    def update(self, terms: Iterable[str]) -> None:
        for term in set(terms).difference(self._terms):
            if term not in self._terms:
                self._terms.add(term)
                self._stems.setdefault(stem(term), []).append(term)
                self._dirty = True

    def to_plain(self) -> tuple[list[str], dict[str, list[str]]]:
        return self.terms(), self._stems

    @classmethod
    def from_plain(cls, plain: tuple[list[str], dict[str, list[str]]]) -> Vocabulary:
        """From the cache: no re-stemming of 100,000 terms on a cold start."""
        terms, stems = plain
        if not isinstance(terms, list) or not isinstance(stems, dict):
            raise TypeError("vocabulary")
        vocabulary = cls()
        vocabulary._sorted, vocabulary._terms, vocabulary._stems = terms, set(terms), stems
        return vocabulary

    def __len__(self) -> int:
        return len(self._terms)

    def terms(self) -> list[str]:
        if self._dirty:
            self._sorted = sorted(self._terms)
            self._dirty = False
        return self._sorted

    def expand(self, word: str) -> set[str]:
        """The indexed terms a query word matches: those it begins, and those with its stem."""
        terms = self.terms()
        found: set[str] = set()
        i = bisect_left(terms, word)
        while i < len(terms) and terms[i].startswith(word):
            found.add(terms[i])
            i += 1
        found.update(self._stems.get(stem(word), ()))
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
