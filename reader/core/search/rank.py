"""Ranking (BM25, recency on ties) and what a hit shows: marks and an article's excerpt.

Scores are computed only over the matching set and only for the query's positive words;
hits are built (titles, marks, excerpts) only for the `limit` that are shown.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from itertools import chain, compress, islice, repeat
from operator import add, ge
from dataclasses import dataclass
from datetime import date
from typing import Literal

from reader.core.search.evaluate import Found
from reader.core.search.scores import TermScores
from reader.core.search.tables import Articles, Notes, TagColumn
from reader.core.search.text import marked_spans, word_spans

TAG_WEIGHT = 1.0  # an article tag matching a query word counts like one occurrence
EXCERPT_BEFORE = 60
EXCERPT_CHARS = 220

Span = tuple[int, int]
Day = date  # for the fields after `Hit.date`, whose name hides the type in the class body


@dataclass(frozen=True)
class Hit:
    kind: Literal["note", "article"]
    id: str  # the annotation id, or the article id for kind "article"
    article_id: str
    score: float
    title: str  # the article's title
    date: date | None  # the article's own date, as every listing shows it (None: it has none)
    quote: str  # the highlighted passage ("" for articles)
    note: str  # the note's Markdown ("" for articles)
    tags: tuple[str, ...]  # the note's own tags; for an article, its tags
    marks: dict[str, tuple[Span, ...]]  # "quote"/"note"/"title"/"text" -> spans of matched words
    excerpt: str = ""  # for articles: a passage around the first match ("text" marks are relative to it)
    created: Day | None = None  # for notes: the day the note was kept
    article_tags: tuple[str, ...] = ()  # for notes: its article's tags (tag: matches them too), shown as the article's


@dataclass(frozen=True)
class SearchResult:
    hits: list[Hit]  # ranked, at most `limit`
    total: int  # how many matched in all
    tag_counts: dict[str, int]  # tags over all matching hits, most used first
    suggestions: dict[str, list[str]]  # a query word with no match -> nearest indexed terms


def bm25(
    matched: set[int], found: Found, parts: TermScores, extra: dict[int, float] | None = None,
) -> tuple[list[int], list[float]] | None:
    """BM25 of the matching documents, as (documents, scores); None when nothing is scored.

    Each positive query word counts once, its expanded terms' frequencies (over all the
    scored fields) added up. Each word's part per document comes from `parts` (computed
    once per index state), so scoring is a C-level map of dict look-ups over the matching
    set, never a Python loop per posting: a word in 40,000 notes must cost milliseconds.
    """
    boost = dict(found.boost)
    for d, bonus in (extra or {}).items():
        boost[d] = boost.get(d, 0.0) + bonus
    if not found.terms and not boost:
        return None
    documents = list(matched)
    scores: list[float] | None = None
    for terms in found.terms:
        word = parts.of(terms)
        if not word:
            continue
        part = map(word.get, documents, repeat(0.0))
        scores = list(part) if scores is None else list(map(add, scores, part))
    if scores is None:
        scores = [0.0] * len(documents)
    if boost:
        scores = list(map(add, scores, map(boost.get, documents, repeat(0.0))))
    return documents, scores


def top(
    matched: set[int], scored: tuple[list[int], list[float]] | None, recency: Sequence,
    newest: Callable[[], Sequence[int]], limit: int | None,
) -> list[tuple[int, float]]:
    """Best first, equal scores newest first; unscored: newest first.

    `newest()` gives every document, newest first: when most documents match, the first
    `limit` of them that match are found by walking it, far cheaper than sorting.
    """
    if scored is None:
        if limit is not None and len(matched) * 8 > len(recency):
            return [(d, 0.0) for d in islice(filter(matched.__contains__, newest()), limit)]
        key = recency.__getitem__
        ranked = heapq.nlargest(limit, matched, key=key) if limit is not None else sorted(matched, key=key, reverse=True)
        return [(d, 0.0) for d in ranked]
    documents, scores = scored
    if limit and len(documents) > 4 * limit:  # limit 0 (a count only): nothing to rank
        # Only documents scoring at least the limit-th best can rank: find that score on
        # the bare floats, then order just those (ties included) by score and recency.
        floor = heapq.nlargest(limit, scores)[-1]
        keep = list(map(ge, scores, repeat(floor)))
        documents, scores = list(compress(documents, keep)), list(compress(scores, keep))
    rows = zip(scores, map(recency.__getitem__, documents), documents)
    best = heapq.nlargest(limit, rows) if limit is not None else sorted(rows, reverse=True)
    return [(d, score) for score, _, d in best]


def tag_counts(
    matched: set[int], notes: Notes, articles: Articles, articles_mode: bool,
    notes_of: Callable[[], Mapping[int, set[int]]],
    tag_sets: Callable[[], dict[str, set[int]]] | None = None,
) -> dict[str, int]:
    """How many matching hits carry each tag (a note's own tags and its article's, once each).

    Note tags are counted at C speed, article tags once per article (times its matching
    notes): 40,000 matching notes never cost a Python loop over every note.
    """
    counts: Counter[str] = Counter()
    if articles_mode:
        for tags, n in Counter(map(articles.tags.__getitem__, matched)).items():
            for tag in tags:
                counts[tag] += n
        return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
    note_tags, article_tags = notes.tags, articles.tags
    tagged = notes.by_tag
    if tag_sets is not None and len(matched) * 2 > sum(map(len, tagged.values())):
        # Most notes match (has:note, a common word): count each tag's notes (by the note's
        # own tags or its article's) that matched, set against set at C speed, rather than
        # walk every matching note's tags. Measured: one probe per tagged note costs about
        # half a walk step per matching note, hence the factor 2.
        for tag, numbers in tag_sets().items():
            if found := len(matched & numbers):
                counts[tag] = found
        return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
    if isinstance(note_tags, TagColumn):  # count each distinct tuple's notes, then its tags
        for row, n in Counter(map(note_tags.index.__getitem__, matched)).items():
            for tag in note_tags.table[row]:
                counts[tag] += n
    else:
        counts.update(chain.from_iterable(map(note_tags.__getitem__, matched)))
    if not any(article_tags):
        return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
    groups = notes_of()
    for a, n in Counter(map(notes.article.__getitem__, matched)).items():
        if article_tags[a]:
            for tag in article_tags[a]:
                counts[tag] += n
            for d in groups.get(a, set()) & matched:
                for tag in note_tags[d]:
                    if tag in article_tags[a]:
                        counts[tag] -= 1  # on both the note and its article: one hit
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def marks(text: str, terms: set[str]) -> tuple[Span, ...]:
    return marked_spans(text, terms)


def excerpt(text: str, terms: set[str]) -> tuple[str, tuple[Span, ...]]:
    """A short passage around the first matched word, cut at spaces, and its marks."""
    first = next((start for word, start, _ in word_spans(text) if word in terms), None) if terms else None
    if first is None:
        first = 0
    lo = max(0, first - EXCERPT_BEFORE)
    if lo:
        space = text.find(" ", lo, first)
        lo = space + 1 if space != -1 else lo
    hi = min(len(text), lo + EXCERPT_CHARS)
    if hi < len(text):
        space = text.rfind(" ", first, hi)
        hi = space if space > first else hi
    passage = text[lo:hi].replace("\n", " ")
    return passage, marks(passage, terms)


def note_hit(notes: Notes, articles: Articles, d: int, score: float, terms: set[str]) -> Hit:
    a = notes.article[d]
    found = {
        "quote": marks(notes.quote[d], terms),
        "note": marks(notes.note[d], terms),
        "title": marks(articles.title[a], terms),
    }
    return Hit(
        kind="note", id=notes.ids[d], article_id=articles.ids[a], score=score, title=articles.title[a],
        date=articles.date(a), quote=notes.quote[d], note=notes.note[d], tags=tuple(notes.tags[d]),
        marks={k: v for k, v in found.items() if v}, created=notes.created_date(d), article_tags=tuple(articles.tags[a]),
    )


def article_hit(articles: Articles, a: int, score: float, terms: set[str]) -> Hit:
    passage, text_marks = excerpt(articles.text[a], terms)
    found = {"title": marks(articles.title[a], terms), "text": text_marks}
    return Hit(
        kind="article", id=articles.ids[a], article_id=articles.ids[a], score=score, title=articles.title[a],
        date=articles.date(a), quote="", note="", tags=articles.tags[a],
        marks={k: v for k, v in found.items() if v}, excerpt=passage,
    )
