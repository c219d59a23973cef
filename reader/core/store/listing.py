"""The article list kept beside the library (article-list.cache), under the index's signature.

`reader ls` at 10,000 articles spent most of its time parsing library.json and checking
each record against the model. Once a process has done that for an index file, it keeps
the outcome here: every article that read (newest first, as `Library.articles` returns
them) and what it said about those that did not, all under the file signature of the
index it read (a new inode at every save, so any change by any process misses) and the
schema version it found there. A process that finds the stamp matching the index as it
is now takes the list from here, and needs neither to parse the index nor to ask whether
it must be migrated (the same file was current when the stamp was made).

The file is derived: missing, damaged, of another version or stamped for another index,
it reads as nothing and the index is read again (and the file written again).
"""

from __future__ import annotations

import marshal
from datetime import date, datetime
from pathlib import Path
from typing import Any

from reader.core.model import Article
from reader.core.store.cachefile import ARTICLE_LIST, read_cache_bytes, write_cache_bytes

NAME, MAGIC = ARTICLE_LIST
VERSION = 1  # bump whenever a row's fields change
Signature = tuple[int, int, int]
Row = tuple[Any, ...]
_STAMP_BYTES = 64  # enough for the marshalled stamp (four ints)


class Listed:
    """What one read of the index found: the articles as rows, the records that did not
    read as (key, what is wrong), and the records TinyDB could not hold, as sentences."""

    def __init__(self, rows: list[Row], malformed: list[tuple[str, str]], hidden: list[str]) -> None:
        self.rows, self.malformed, self.hidden = rows, malformed, hidden

    def articles(self) -> list[Article]:
        return [article(row) for row in self.rows]


def row(article: Article) -> Row:
    """An article without its body, as plain values marshal keeps."""
    return (
        article.id, article.title, article.author, article.source, article.url,
        article.published.isoformat() if article.published else None, article.added.isoformat(),
        article.word_count, list(article.tags), article.starred, article.read, article.position, article.feed,
    )


def article(found: Row) -> Article:
    """The article a `row` holds (built as `records.article_from_record` builds it)."""
    id_, title, author, source, url, published, added, words, tags, starred, read, position, feed = found
    return Article(
        id_, title, None, author, source, url, date.fromisoformat(published) if published else None,
        datetime.fromisoformat(added), words, list(tags), starred, read, position, feed,
    )


def vouches(home: Path, signature: Signature | None, schema: int) -> bool:
    """Whether the list on disk was made from the index with this signature at this schema
    version (only its head is read: the rest is checked when the list is loaded)."""
    if signature is None:
        return False
    head = read_cache_bytes(home / NAME, MAGIC, VERSION, _STAMP_BYTES)
    return head is not None and _stamp(head) == (*signature, schema)


def load(home: Path, signature: Signature | None, schema: int) -> Listed | None:
    """The list stamped for this index and schema, or None."""
    if signature is None:
        return None
    payload = read_cache_bytes(home / NAME, MAGIC, VERSION)
    if payload is None or _stamp(payload) != (*signature, schema):
        return None
    try:
        size = int.from_bytes(payload[:4], "little")
        rows, malformed, hidden = marshal.loads(payload[4 + size :])
        return Listed(list(rows), [(str(k), str(p)) for k, p in malformed], [str(h) for h in hidden])
    except (EOFError, ValueError, TypeError):
        return None


def save(home: Path, signature: Signature, schema: int, listed: Listed) -> None:
    """Write the list stamped for this index (nothing on a read-only library)."""
    stamp = marshal.dumps((*signature, schema))
    body = marshal.dumps((listed.rows, listed.malformed, listed.hidden))
    write_cache_bytes(home / NAME, MAGIC, VERSION, len(stamp).to_bytes(4, "little") + stamp + body)


def _stamp(payload: memoryview) -> tuple[int, ...] | None:
    try:
        size = int.from_bytes(payload[:4], "little")
        if size > len(payload) - 4:
            return None
        stamp = marshal.loads(payload[4 : 4 + size])
    except (EOFError, ValueError, TypeError):
        return None
    return stamp if isinstance(stamp, tuple) else None
