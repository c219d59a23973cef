"""What an article says, found offline: entities (people, places, organisations, other
names, dates) and direct quotes with their speakers.

`analyze` is pure and deterministic; `analysis_for` keeps its result beside the
article and recomputes it only when ANALYZER_VERSION changes. A text longer than
MAX_ANALYSED characters is analysed up to there: `extent(article.text)` says so.
"""

from __future__ import annotations

from bisect import bisect_right

from reader.core.analysis.entities import find_entities
from reader.core.analysis.limits import MAX_ANALYSED, Extent, extent
from reader.core.analysis.ner import Tagger
from reader.core.analysis.quotes import find_quotes
from reader.core.model import ANALYZER_VERSION, Analysis, Article, Entity
from reader.core.store import Library

__all__ = ["ANALYZER_VERSION", "MAX_ANALYSED", "Extent", "analyse_missing", "analysis_for", "analyze", "extent"]


def analyze(article: Article, tagger: Tagger | None = None) -> Analysis:
    """Entities and quotes of the article's first MAX_ANALYSED characters (`limits.extent`
    says where a longer text was cut): bounded time and memory whatever was imported."""
    text = article.text
    text = text[: extent(text).analysed]
    entities = _outside_headings(article, find_entities(text, tagger or Tagger.default()))
    quotes = find_quotes(text, [e for e in entities if e.type == "PER"])
    return Analysis(ANALYZER_VERSION, tuple(entities), tuple(quotes))


def _outside_headings(article: Article, entities: list[Entity]) -> list[Entity]:
    """Title-case headings make every word look like a name: there, keep only names the body has."""
    headings = [
        (start, start + len(block.text))
        for start, block in zip(article.block_starts(), article.blocks or [])
        if block.kind == "heading"
    ]
    heading_starts = [s for s, _ in headings]  # in text order, never overlapping

    def in_heading(entity: Entity) -> bool:
        i = bisect_right(heading_starts, entity.start) - 1
        return i >= 0 and entity.start < headings[i][1]

    body_names = {e.name for e in entities if not in_heading(e)}
    return [e for e in entities if not in_heading(e) or e.name in body_names]


def analysis_for(library: Library, article: Article, tagger: Tagger | None = None) -> Analysis:
    """The stored analysis of an article, computed and stored first if missing or outdated."""
    stored = library.analysis(article.id)
    if stored is not None and stored.version == ANALYZER_VERSION:
        return stored
    if article.blocks is None:
        article = library.article(article.id)
    result = analyze(article, tagger)
    library.save_analysis(article.id, result)
    return result


def analyse_missing(library: Library) -> int:
    """Analyse every article that has no stored analysis yet (the bundled samples, say);
    how many. The search index and the entity ledger read stored analyses only, and `reader
    add` and feed refreshes store one for each article they bring, so this is usually a
    stat per article and nothing more."""
    missing = [a for a in library.articles() if not library.layout.analysis(a.id).exists()]
    for article in missing:
        analysis_for(library, library.article(article.id))
    return len(missing)
