"""An entity's page: the articles that mention it, the quotes it said (their wording read
from the few stored analyses that hold them) and the notes about it, each newest first.

Assembling a page from the index and the library is apart from `ledger.Ledger`, which
finds the entry to show and keeps the quotes it has read.
"""

from __future__ import annotations

from datetime import datetime, timezone

from reader.core.entities.entries import Entry
from reader.core.entities.results import ArticleRef, EntityPage, QuoteRef
from reader.core.model import Anchor, Annotation, Quote, Selector
from reader.core.search.index import SearchIndex
from reader.core.store.errors import LibraryError
from reader.core.store.library import Library

_QUOTE_MARKS = "\"'“”‘’«»„‚‹›"


def page(
    e: Entry,
    index: SearchIndex,
    library: Library,
    quote_cache: dict[str, tuple[Quote, ...]],
    *,
    stored_notes: bool = False,
) -> EntityPage:
    """The page for entry `e`; `quote_cache` keeps each article's stored quotes once read."""
    table = index.articles
    newest = sorted(e.articles, key=lambda a: (table.day[a], table.added[a], a), reverse=True)
    articles = [article_ref(index, a, e.articles[a]) for a in newest]
    quotes = sorted(e.quotes, key=lambda q: (table.day[q[0]], table.added[q[0]], q[0], -q[1]), reverse=True)
    return EntityPage(
        name=e.name,
        type=e.type,
        aliases=tuple(sorted(s for s in e.spellings if s != e.name)),
        articles=articles,
        quotes=[_quote(index, library, quote_cache, e.name, a, start, end) for a, start, end in quotes],
        notes=_annotations(index, library, e.notes) if stored_notes else _indexed_notes(index, e.notes),
    )


def article_ref(index: SearchIndex, a: int, mentions: int) -> ArticleRef:
    table = index.articles
    return ArticleRef(table.ids[a], table.title[a], table.source[a] or None, table.date(a), mentions)


def _quote(
    index: SearchIndex,
    library: Library,
    quote_cache: dict[str, tuple[Quote, ...]],
    speaker: str,
    a: int,
    start: int,
    end: int,
) -> QuoteRef:
    table = index.articles
    article_id = table.ids[a]
    stored = quote_cache.get(article_id)
    if stored is None:
        analysis = library.analysis(article_id)
        stored = quote_cache[article_id] = analysis.quotes if analysis else ()
    quote = next((q for q in stored if q.start == start and q.end == end), None)
    if quote is not None:
        text, partial = quote.text, quote.partial
    else:  # the analysis went since the index read it: its words from the text
        text, partial = table.text[a][start:end].strip(_QUOTE_MARKS), False
    return QuoteRef(
        text=text, speaker=speaker, article_id=article_id, title=table.title[a],
        source=table.source[a] or None, date=table.date(a), start=start, end=end, partial=partial,
    )


def _annotations(index: SearchIndex, library: Library, numbers: set[int]) -> list[Annotation]:
    notes, table = index.notes, index.articles
    wanted: dict[str, set[str]] = {}
    for n in numbers:
        wanted.setdefault(table.ids[notes.article[n]], set()).add(notes.ids[n])
    found: list[Annotation] = []
    for article_id, ids in wanted.items():
        try:
            found += [a for a in library.annotations(article_id) if a.id in ids]
        except LibraryError:
            continue
    return sorted(found, key=lambda a: (a.created, a.id), reverse=True)


def _indexed_notes(index: SearchIndex, numbers: set[int]) -> list[Annotation]:
    notes, table = index.notes, index.articles
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
