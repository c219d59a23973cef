"""Each query word's BM25 contribution per document, computed once per index state.

A word's contribution to a document's score depends only on the index (its terms'
frequencies in the scored fields, how many documents have them, the document's length),
never on the rest of the query. So it is computed once, as a dict document -> part over
the documents that have the word, and a query's score is a sum of dict look-ups over its
matching set. Searching as one types repeats the same words keystroke after keystroke,
and a word in 7,000 notes costs about a millisecond to score from scratch.

The memo lives on the index (dropped with everything else derived from the documents on
any change) and is bounded by how many documents it holds in all, so a long session of
distinct queries cannot grow it without limit.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from itertools import repeat
from operator import add, mul, truediv

from reader.core.search.postings import Postings

K1 = 1.2
B = 0.75
MAX_ENTRIES = 250_000  # documents over all remembered words (a few MB of dicts)


def norms(lengths: Sequence[int], total_length: int) -> list[float]:
    """BM25's length normalisation per document, K1 * (1 - B + B * length / average)."""
    slope = _slope(lengths, total_length)
    return list(map(add, repeat(K1 * (1 - B)), map(mul, repeat(slope), lengths)))


def _slope(lengths: Sequence[int], total_length: int) -> float:
    return K1 * B / max(1.0, total_length / max(1, len(lengths)))


class TermScores:
    """Word (its set of expanded terms) -> {document: BM25 part}, for one kind of document."""

    def __init__(self, fields: Sequence[Postings], lengths: Sequence[int], total_length: int,
                 max_entries: int = MAX_ENTRIES) -> None:
        self._fields = fields
        self._lengths = lengths  # each document's norm is worked out only for those scored
        self._slope = _slope(lengths, total_length)
        self._max_entries = max_entries
        self._memo: dict[frozenset[str], dict[int, float]] = {}
        self._entries = 0

    def of(self, terms: set[str] | frozenset[str]) -> dict[int, float]:
        """Each document with any of `terms` (in any scored field) -> its part of the score."""
        key = frozenset(terms)
        parts = self._memo.pop(key, None)  # re-inserted below: the dict's order is recency
        if parts is None:
            parts = self._compute(key)
            self._entries += len(parts)
        self._memo[key] = parts
        while self._entries > self._max_entries and len(self._memo) > 1:
            oldest = next(iter(self._memo))
            self._entries -= len(self._memo.pop(oldest))
        return parts

    def _compute(self, terms: frozenset[str]) -> dict[int, float]:
        """tf / (tf + norm) * idf weight, summing the terms' frequencies over the fields."""
        counts: Counter[int] = Counter()
        for postings in self._fields:
            postings.count(terms, counts)
        if not counts:
            return {}
        n_docs = max(1, len(self._lengths))
        frequency = min(len(counts), n_docs)
        weight = math.log(1 + (n_docs - frequency + 0.5) / (frequency + 0.5)) * (K1 + 1)
        documents = list(counts)
        tf = list(counts.values())
        lengths = map(self._lengths.__getitem__, documents)
        doc_norms = map(add, repeat(K1 * (1 - B)), map(mul, repeat(self._slope), lengths))
        return dict(zip(documents, map(mul, map(truediv, tf, map(add, tf, doc_norms)), repeat(weight))))
