"""Related articles by the entities they share: each article's tf-idf vector over entity
mentions (DATE entities left out), and the articles nearest one by cosine similarity.

A computation over the ledger's entries; `ledger.Ledger` keeps the vectors until the
entries are computed again.
"""

from __future__ import annotations

import math

from reader.core.entities.entries import Entry, kind_and_articles
from reader.core.model import ENTITY_TYPES
from reader.core.search.index import SearchIndex

DATE = ENTITY_TYPES.index("DATE")

Vectors = dict[int, dict[str, float]]


def weights(
    index: SearchIndex, entries: dict[str, Entry | tuple]
) -> tuple[Vectors, dict[int, float], dict[str, dict[int, int]]]:
    """Each article's tf-idf vector over entities (DATE left out), its length, and each entity's articles."""
    table = index.articles
    live = len(table.live) or 1
    vectors: Vectors = {}
    holders: dict[str, dict[int, int]] = {}
    for name, e in entries.items():
        kind, articles = kind_and_articles(e)
        if kind == DATE or not articles:
            continue
        idf = math.log(live / len(articles))
        if idf <= 0:
            continue
        holders[name] = articles
        for a, count in articles.items():
            vectors.setdefault(a, {})[name] = (1 + math.log(count)) * idf
    norms = {a: math.sqrt(sum(w * w for w in v.values())) for a, v in vectors.items()}
    return vectors, norms, holders


def nearest(
    index: SearchIndex,
    a: int | None,
    vectors: Vectors,
    norms: dict[int, float],
    holders: dict[str, dict[int, int]],
    limit: int,
) -> list[tuple[int, int, float]]:
    """(article, entities shared, score) for the articles nearest article `a`, best first.

    Cosine similarity of the tf-idf vectors; ties go to another outlet's article, then
    the newest.
    """
    table = index.articles
    mine = vectors.get(a) if a is not None else None
    if not mine:
        return []
    scores: dict[int, float] = {}
    shared: dict[int, int] = {}
    for name, weight in mine.items():
        for b in holders[name]:
            if b == a:
                continue
            scores[b] = scores.get(b, 0.0) + weight * vectors[b][name]
            shared[b] = shared.get(b, 0) + 1
    norm = norms[a]
    ranked = sorted(
        ((score / (norm * norms[b]), b) for b, score in scores.items() if norms[b]),
        key=lambda sb: (-sb[0], table.source[sb[1]] == table.source[a], -table.day[sb[1]], sb[1]),
    )
    return [(b, shared[b], round(score, 6)) for score, b in ranked[:limit]]
