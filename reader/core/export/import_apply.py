"""Applying a checked import to the library: new articles added, each note placed on its
article's text (re-anchored by its quote when its offsets no longer fit), and every
outcome counted in an `ImportReport`.

The file was checked whole by `import_validation` first; this is the only part of an
import that writes to the library.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from reader.core.anchor import QuoteError, find_quote
from reader.core.export.import_values import Parsed
from reader.core.model import Anchor, Annotation, Article, Selector
from reader.core.store import Library, records


@dataclass(frozen=True)
class MissingNote:
    """A note whose article is not in the library: reported, not stored."""

    id: str
    source: str
    quote: str


@dataclass
class ImportReport:
    source: str
    format: str  # "json" or "w3c"
    articles_added: list[str] = field(default_factory=list)  # ids
    articles_existing: list[str] = field(default_factory=list)
    notes_added: list[str] = field(default_factory=list)
    notes_updated: list[str] = field(default_factory=list)
    notes_unchanged: list[str] = field(default_factory=list)
    notes_kept_newer: list[str] = field(default_factory=list)  # the library's copy was edited later
    moved: list[str] = field(default_factory=list)  # placed again by their quote
    orphaned: list[str] = field(default_factory=list)  # quote not found: kept as orphans
    missing: list[MissingNote] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source, "format": self.format,
            "articles_added": self.articles_added, "articles_existing": self.articles_existing,
            "notes_added": self.notes_added, "notes_updated": self.notes_updated,
            "notes_unchanged": self.notes_unchanged, "notes_kept_newer": self.notes_kept_newer,
            "moved": self.moved, "orphaned": self.orphaned,
            "missing": [{"id": m.id, "source": m.source, "quote": m.quote} for m in self.missing],
        }


def apply(library: Library, parsed: Parsed, label: str) -> ImportReport:
    """Store what `parsed` holds that the library lacks (the caller holds its lock); a note
    the library edited later than the file's copy stays as it is (`add_annotations`)."""
    report = ImportReport(source=label, format=parsed.format)
    present = {a.id: a for a in library.articles()}
    by_url = {a.url: a.id for a in present.values() if a.url}
    new_articles: dict[str, Article] = {}
    for article in parsed.articles:
        if article.id in present:
            if article.id not in report.articles_existing:
                report.articles_existing.append(article.id)
        elif article.id not in new_articles:
            new_articles[article.id] = article
    texts: dict[str, str] = {}
    stored: dict[str, dict[str, Any]] = {}

    def text_of(article_id: str) -> str:
        if article_id not in texts:
            article = new_articles.get(article_id) or library.article(article_id)
            texts[article_id] = article.text
            if article_id in present:
                for old in library.annotations(article_id):
                    stored[old.id] = records.annotation_to_record(old)
        return texts[article_id]

    to_store: list[Annotation] = []
    seen: set[str] = set()
    for note, article_id, source in parsed.notes:
        if article_id is None:  # W3C: by the target's URL, else the article named in our extras
            known = note.article_id in present or note.article_id in new_articles
            article_id = by_url.get(source) or (note.article_id if known else None)
        if article_id is None or (article_id not in present and article_id not in new_articles):
            report.missing.append(MissingNote(note.id, source, note.quote))
            continue
        if note.id in seen:
            continue
        seen.add(note.id)
        note = replace(note, article_id=article_id)
        note, placed = _place(note, text_of(article_id))
        if placed == "moved":
            report.moved.append(note.id)
        elif placed == "orphan":
            report.orphaned.append(note.id)
        record = records.annotation_to_record(note)
        old = stored.get(note.id)
        if old == record:
            report.notes_unchanged.append(note.id)
            continue
        (report.notes_updated if old is not None else report.notes_added).append(note.id)
        to_store.append(note)
    for article in new_articles.values():
        library.add(article)
        report.articles_added.append(article.id)
    if to_store:
        _keep_newer(report, library.add_annotations(to_store, keep_newer=True))
    return report


def _keep_newer(report: ImportReport, kept: list[str]) -> None:
    """Count the notes the store left as they were (edited later in the library) as kept,
    not as added, updated, moved or orphaned: nothing of the file's copy was stored."""
    left = set(kept)
    for ids in (report.notes_added, report.notes_updated, report.moved, report.orphaned):
        ids[:] = [i for i in ids if i not in left]
    report.notes_kept_newer.extend(kept)


def _place(note: Annotation, text: str) -> tuple[Annotation, str]:
    """The note where its quote is: "kept" at its offsets, "moved" to the quote, or an "orphan"."""
    s = note.selector
    if 0 <= s.start < s.end <= len(text) and text[s.start : s.end] == s.exact:
        return note, "kept"
    try:
        start, end = find_quote(text, s.exact)
    except QuoteError:
        found = _occurrences(text, s.exact)
        if not found:
            if note.anchor.state == "orphan":
                return note, "kept"
            return replace(note, anchor=Anchor("orphan", 0.0)), "orphan"
        start = min(found, key=lambda i: (abs(i - s.start), i))
        end = start + len(s.exact)
    return replace(note, selector=Selector.at(text, start, end), anchor=Anchor("moved", 1.0)), "moved"


def _occurrences(text: str, quote: str) -> list[int]:
    found, start = [], text.find(quote) if quote else -1
    while start != -1:
        found.append(start)
        start = text.find(quote, start + 1)
    return found
