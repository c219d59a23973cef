"""Applying a checked import to the library: new articles added, each note placed on its
article's text (re-anchored by its quote when its offsets no longer fit), and every
outcome counted in an `ImportReport`.

The file was checked whole by `import_validation` first; this is the only part of an
import that writes to the library.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Any

from reader.core.anchor import QuoteError, find_quote
from reader.core.duplicates import addresses, article_at
from reader.core.export.import_values import Parsed
from reader.core.model import Anchor, Annotation, Article, Feed, Selector
from reader.core.reanchor import ORPHAN, reanchor
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
    feeds_added: list[str] = field(default_factory=list)  # ids
    feeds_updated: list[str] = field(default_factory=list)  # tags or known entries added to one here
    feeds_unchanged: list[str] = field(default_factory=list)
    searches_added: list[str] = field(default_factory=list)  # names
    searches_unchanged: list[str] = field(default_factory=list)
    searches_kept: list[str] = field(default_factory=list)  # the library has another query under the name
    merges_added: list[str] = field(default_factory=list)  # entity names
    merges_unchanged: list[str] = field(default_factory=list)
    merges_kept: list[str] = field(default_factory=list)  # merged otherwise (or kept apart) here

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source, "format": self.format,
            "articles_added": self.articles_added, "articles_existing": self.articles_existing,
            "notes_added": self.notes_added, "notes_updated": self.notes_updated,
            "notes_unchanged": self.notes_unchanged, "notes_kept_newer": self.notes_kept_newer,
            "moved": self.moved, "orphaned": self.orphaned,
            "missing": [{"id": m.id, "source": m.source, "quote": m.quote} for m in self.missing],
            "feeds_added": self.feeds_added, "feeds_updated": self.feeds_updated,
            "feeds_unchanged": self.feeds_unchanged, "searches_added": self.searches_added,
            "searches_unchanged": self.searches_unchanged, "searches_kept": self.searches_kept,
            "merges_added": self.merges_added, "merges_unchanged": self.merges_unchanged,
            "merges_kept": self.merges_kept,
        }


def apply(library: Library, parsed: Parsed, label: str) -> ImportReport:
    """Store what `parsed` holds that the library lacks (the caller holds its lock); a note
    the library edited later than the file's copy stays as it is (`add_annotations`)."""
    report = ImportReport(source=label, format=parsed.format)
    present = {a.id: a for a in library.articles()}
    known = addresses(present.values(), library.feeds()) if parsed.format == "w3c" else {}
    new_articles: dict[str, Article] = {}
    for article in parsed.articles:
        if article.id in present:
            if article.id not in report.articles_existing:
                report.articles_existing.append(article.id)
        elif article.id not in new_articles:
            new_articles[article.id] = article
    texts: dict[str, str] = {}
    stored: dict[str, Annotation] = {}

    def text_of(article_id: str) -> str:
        if article_id not in texts:
            article = new_articles.get(article_id) or library.article(article_id)
            texts[article_id] = article.text
            if article_id in present:
                stored.update((old.id, old) for old in library.annotations(article_id))
        return texts[article_id]

    to_store: list[Annotation] = []
    seen: set[str] = set()
    for given in parsed.notes:
        note, article_id, source = given.note, given.article_id, given.source
        if article_id is None:  # W3C: by any address the library knows, else the article named in our extras
            named = note.article_id if note.article_id in present else None
            article_id = article_at(known, source) or named
        if article_id is None or (article_id not in present and article_id not in new_articles):
            report.missing.append(MissingNote(note.id, source, note.quote))
            continue
        if note.id in seen:
            continue
        seen.add(note.id)
        note = replace(note, article_id=article_id)
        note, placed = _place(note, text_of(article_id), given.positioned)
        if placed == "moved":
            report.moved.append(note.id)
        elif placed == "orphan":
            report.orphaned.append(note.id)
        old = stored.get(note.id)
        if old is not None and not given.dated:
            note = _undated(note, old)
        record = records.annotation_to_record(note)
        if old is not None and records.annotation_to_record(old) == record:
            report.notes_unchanged.append(note.id)
            continue
        (report.notes_updated if old is not None else report.notes_added).append(note.id)
        to_store.append(note)
    for article in new_articles.values():
        library.add(article)
        report.articles_added.append(article.id)
    if to_store:
        _keep_newer(report, library.add_annotations(to_store, keep_newer=True))
    _feeds(library, parsed.feeds, set(report.articles_added), report)
    _choices(parsed.searches, library.searches(), lambda name, query: library.save_search(name, query),
             (report.searches_added, report.searches_unchanged, report.searches_kept))
    _choices(parsed.merges, library.aliases(), lambda name, into: _merge(library, name, into),
             (report.merges_added, report.merges_unchanged, report.merges_kept))
    return report


def _feeds(library: Library, feeds: list[Feed], added: set[str], report: ImportReport) -> None:
    """Subscribe to the file's feeds; one here already gains the file's tags and which
    entries are which articles. A page still to be fetched (`retries`) is carried only for
    an article this import added: one already here keeps the text it has."""
    here = {feed.id: feed for feed in library.feeds()}
    for feed in feeds:
        retries = {k: v for k, v in feed.retries.items() if k in added}
        old = here.get(feed.id)
        if old is None:
            library.subscribe(replace(feed, retries=retries))
            here[feed.id] = feed
            report.feeds_added.append(feed.id)
            continue
        tags = [t for t in feed.tags if t not in old.tags]
        changes = {name: {**new, **mapping} for name, mapping, new in
                   (("links", old.links, feed.links), ("retries", old.retries, retries))
                   if not new.keys() <= mapping.keys()}
        if tags or changes:
            here[feed.id] = library.update_feed(feed.id, add_tags=tags, **changes)
            report.feeds_updated.append(feed.id)
        elif feed.id not in report.feeds_updated + report.feeds_added:
            report.feeds_unchanged.append(feed.id)


def _choices(given: list[tuple[str, str]], here: dict[str, str], save: Callable[[str, str], None],
             counts: tuple[list[str], list[str], list[str]]) -> None:
    """Save the file's named choices (saved searches, entity merges) the library lacks; a
    name the library has keeps its own value. Counted as added, unchanged or kept."""
    added, unchanged, kept = counts
    for name, value in given:
        if name not in here:
            save(name, value)
            here[name] = value
            added.append(name)
        else:
            (unchanged if here[name] == value else kept).append(name)


def _merge(library: Library, name: str, into: str) -> None:
    if name == into:
        library.keep_apart(name)
    else:
        library.save_aliases({name: into})


def _undated(note: Annotation, old: Annotation) -> Annotation:
    """A note the file gives no times, which the library has: the library's times, so the
    same file imported again changes nothing; if the file's copy differs, it replaces the
    library's only when that was never edited here (`updated` still its `created`), the
    newer by a second (an equal time keeps the library's copy)."""
    note = replace(note, created=old.created, updated=old.updated)
    if old.updated > old.created or records.annotation_to_record(note) == records.annotation_to_record(old):
        return note
    return replace(note, updated=old.updated + timedelta(seconds=1))


def _keep_newer(report: ImportReport, kept: list[str]) -> None:
    """Count the notes the store left as they were (edited later in the library) as kept,
    not as added, updated, moved or orphaned: nothing of the file's copy was stored."""
    left = set(kept)
    for ids in (report.notes_added, report.notes_updated, report.moved, report.orphaned):
        ids[:] = [i for i in ids if i not in left]
    report.notes_kept_newer.extend(kept)


def _place(note: Annotation, text: str, positioned: bool = True) -> tuple[Annotation, str]:
    """The note where its quote is: "kept" at its offsets, "moved" to the quote, or an
    "orphan". A note the file gave no offsets is placed by its quote and not "moved":
    nothing moved it."""
    s = note.selector
    if not positioned:  # by the quote and its prefix and suffix, as a re-fetch places a note
        selector, anchor = reanchor(s, text)
        if selector is None:
            return replace(note, anchor=ORPHAN), "kept" if note.anchor.state == "orphan" else "orphan"
        return replace(note, selector=selector, anchor=note.anchor if anchor.state == "moved" else anchor), "kept"
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
