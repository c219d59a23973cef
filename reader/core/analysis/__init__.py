"""What an article says, found offline: entities (people, places, organisations, other
names, dates) and direct quotes with their speakers.

`analyze` is pure and deterministic; `analysis_for` keeps its result beside the
article and recomputes it only when ANALYZER_VERSION changes. A text longer than
MAX_ANALYSED characters is analysed up to there: `extent(article.text)` says so.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from reader.core.analysis.dates import find_dates
from reader.core.analysis.entities import find_entities
from reader.core.analysis.language import judge
from reader.core.limits import MAX_ANALYSED, Extent, extent
from reader.core.analysis.ner import Tagger
from reader.core.analysis.quotes import find_quotes
from reader.core.analysis.tokenize import Parsed, parse
from reader.core.model import ANALYZER_VERSION, Analysis, Article, Entity, Quote
from reader.core.patterns import regex
from reader.core.sanitize import INVISIBLE_CODEPOINTS
from reader.core.store import Library

_INVISIBLE = regex("[" + "".join(sorted(map(chr, INVISIBLE_CODEPOINTS))) + "]")

__all__ = ["ANALYZER_VERSION", "MAX_ANALYSED", "Extent", "analyse_missing", "analysis_for", "analyze", "extent"]


def analyze(article: Article, tagger: Tagger | None = None) -> Analysis:
    """Entities and quotes of the article's first MAX_ANALYSED characters (`limits.extent`
    says where a longer text was cut): bounded time and memory whatever was imported."""
    text = article.text
    text = text[: extent(text).analysed]
    text, where = _visible(text)
    parsed = parse(text)  # tokens and sentences, made once for every step
    if not judge(text).english:  # the tagger and the speakers read English only: no names, no speakers
        dates, quotes = _dates(text, parsed), find_quotes(text, [])
        return Analysis(ANALYZER_VERSION, tuple(where.entities(dates)), tuple(where.quotes(quotes)))
    entities = _outside_headings(article, find_entities(text, tagger or Tagger.default(), parsed), where)
    quotes = find_quotes(text, entities)  # people and organisations speak; the other types help name them
    return Analysis(ANALYZER_VERSION, tuple(where.entities(entities)), tuple(where.quotes(quotes)))


def _dates(text: str, parsed: Parsed) -> list[Entity]:
    """The rule-found dates alone, for a text whose names are not sought."""
    return [Entity(start, end, "DATE", text[start:end], name) for start, end, name in find_dates(text, parsed.tokens)]


class _Offsets:
    """Where each character of the text analysed stands in the article's text: the two
    differ only when a stored article still holds characters ingest now drops (a soft
    hyphen inside "Vladi\u00admir" made two names of one)."""

    def __init__(self, text: str, kept: list[int] | None = None) -> None:
        self.text = text  # the article's text
        self.kept = kept  # index in `text` of each character analysed; None: the same text

    def at(self, start: int, end: int) -> tuple[int, int]:
        if self.kept is None or start == end:
            return start, end
        return self.kept[start], self.kept[end - 1] + 1

    def entities(self, entities: list[Entity]) -> list[Entity]:
        if self.kept is None:
            return entities
        out = []
        for e in entities:
            start, end = self.at(e.start, e.end)
            out.append(replace(e, start=start, end=end, text=self.text[start:end]))
        return out

    def quotes(self, quotes: list[Quote]) -> list[Quote]:
        if self.kept is None:
            return quotes
        return [replace(q, **dict(zip(("start", "end"), self.at(q.start, q.end)))) for q in quotes]


def _visible(text: str) -> tuple[str, _Offsets]:
    """The text without the invisible characters sanitize() drops at ingest, and where its
    characters stand in the original."""
    if not _INVISIBLE.search(text):
        return text, _Offsets(text)
    kept = [i for i, c in enumerate(text) if ord(c) not in INVISIBLE_CODEPOINTS]
    return "".join(text[i] for i in kept), _Offsets(text, kept)


def _outside_headings(article: Article, entities: list[Entity], where: _Offsets | None = None) -> list[Entity]:
    """Title-case headings make every word look like a name: there, keep only names the body has."""
    headings = [
        (start, start + len(block.text))
        for start, block in zip(article.block_starts(), article.blocks or [])
        if block.kind == "heading"
    ]
    heading_starts = [s for s, _ in headings]  # in text order, never overlapping

    def in_heading(entity: Entity) -> bool:
        start = where.at(entity.start, entity.end)[0] if where else entity.start
        i = bisect_right(heading_starts, start) - 1
        return i >= 0 and start < headings[i][1]

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


def analyse_missing(library: Library, announce: Callable[[int], None] | None = None) -> int:
    """Analyse every article that has no stored analysis, or one by an older analyser, so
    the entity ledger and the search index (which read stored analyses only) never show
    what an older reader found; how many. `announce(n)` is told first when there are any.

    Whether old analyses can exist is kept in `analysis/VERSION`: once a pass has brought
    every analysis to this version it is written, and later passes only list the analysis
    folder (`Library.unanalysed`); after an upgrade the first pass reads every analysis once."""
    marker = library.layout.analyses_version
    checked = _marked_version(marker) == ANALYZER_VERSION
    missing = set(library.unanalysed())
    outdated = [
        a for a in library.articles()
        if a.id in missing
        or (not checked and (stored := library.analysis(a.id)) is not None and stored.version != ANALYZER_VERSION)
    ]
    if outdated and announce:
        announce(len(outdated))
    for article in outdated:
        analysis_for(library, library.article(article.id))
    if not checked:
        _mark_version(marker)
    return len(outdated)


def _marked_version(marker: Path) -> int | None:
    try:
        return int(marker.read_text(encoding="ascii").strip())
    except (OSError, ValueError, UnicodeDecodeError):
        return None


def _mark_version(marker: Path) -> None:
    """Best effort: a read-only library is simply checked again next time."""
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.write_text(f"{ANALYZER_VERSION}\n", encoding="ascii")
    except OSError:
        pass
