"""reader's own export: a whole-library copy. Every article (metadata, text, the user's
state), every note, and (for the whole library, not `--article`) the feed subscriptions
the saved searches and the entity merges.

    {"format": "reader-export", "version": 2, "articles": [...], "notes": [...],
     "feeds": [...], "searches": [{"name", "query"}], "merges": [{"name", "into"}]}

This module is the format's one description: its name, its version, and the fields of a
feed it carries (`FEED_FIELDS`: what the user set or a refresh learnt that is safe to
carry; not ETag, Last-Modified or the last check, which would make the copy's first
refresh skip entries it never stored). `import_validation` reads every version up to
`FORMAT_VERSION`; version 1 had no "feeds", "searches" or "merges" and still imports.
A merge `into` its own name is a name kept apart (`Library.keep_apart`).

Articles are sorted by id, notes by article and text position, feeds by when they were
added, searches and merges by name; keys come in a fixed order. A block is {"kind", "text"} plus,
when it has them, "level" and "marks" (a reader that predates them reads the text as
before). Nothing depends on the time of the export, so the same library exports the same
bytes, and `importing.import_notes` reads it back into an equal library.
"""

from __future__ import annotations

from typing import Any

from reader.core.export.common import dump, gather
from reader.core.model import Annotation, Article, Block, Feed
from reader.core.store import Library, records

FORMAT_NAME = "reader-export"
FORMAT_VERSION = 2  # 1: articles and notes; 2: and feeds, saved searches and entity merges
FEEDS, SEARCHES, MERGES = "feeds", "searches", "merges"  # the keys a version 1 file does not have
# A feed's fields in the file: the subscription, its tags, and which entries are which of
# the library's articles (`links`, `retries`); the rest of `Feed` is the next fetch's.
FEED_FIELDS = ("id", "url", "title", "site_url", "tags", "added", "links", "retries")


def article_data(article: Article) -> dict[str, Any]:
    assert article.blocks is not None
    return {
        **records.article_to_record(article),
        "blocks": [block_data(b) for b in article.blocks],
    }


def block_data(block: Block) -> dict[str, Any]:
    """A block as {"kind", "text"}, with "level" (heading level, list depth) and "marks"
    ([{"start", "end", "kind"(, "href")}] over its text) only when it has them."""
    data: dict[str, Any] = {"kind": block.kind, "text": block.text}
    if block.level:
        data["level"] = block.level
    if block.marks:
        data["marks"] = [
            {"start": m.start, "end": m.end, "kind": m.kind, **({"href": m.href} if m.href is not None else {})}
            for m in block.marks
        ]
    return data


def note_data(annotation: Annotation) -> dict[str, Any]:
    return records.annotation_to_record(annotation)


def feed_data(feed: Feed) -> dict[str, Any]:
    record = records.feed_to_record(feed)
    return {name: record[name] for name in FEED_FIELDS}


def export_data(library: Library, article_id: str | None = None) -> dict[str, Any]:
    """The export of the whole library, or of one article and its notes (none of the choices)."""
    chosen = gather(library, article_id)
    data: dict[str, Any] = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "articles": [article_data(article) for article, _ in chosen],
        "notes": [note_data(note) for _, notes in chosen for note in notes],
    }
    if article_id is None:
        data[FEEDS] = [feed_data(feed) for feed in library.feeds()]
        data[SEARCHES] = [{"name": name, "query": query} for name, query in sorted(library.searches().items())]
        data[MERGES] = [{"name": name, "into": into} for name, into in sorted(library.aliases().items())]
    return data


def export_json(library: Library, article_id: str | None = None) -> str:
    return dump(export_data(library, article_id))
