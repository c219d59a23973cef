"""Model objects to and from the JSON records the library files hold."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import re

from reader.core.model import Analysis, Anchor, Annotation, Article, Block, Entity, Feed, Quote, Selector
from reader.core.store.errors import NotFoundError

Record = dict[str, Any]
_HEX = re.compile(r"[0-9a-f]+")
ID_HEX_DIGITS = 15  # 60 bits of our id become TinyDB's doc_id


def doc_id(our_id: str) -> int:
    """TinyDB's key for a record, derived from our id so that no process hands out the same one."""
    if len(our_id) < ID_HEX_DIGITS or not _HEX.fullmatch(our_id):
        raise NotFoundError(f"{our_id!r} is not a reader id")
    return int(our_id[:ID_HEX_DIGITS], 16)


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def article_to_record(article: Article) -> Record:
    """The index entry: everything but the body, which lives in its own file."""
    return {
        "id": article.id,
        "title": article.title,
        "author": article.author,
        "source": article.source,
        "url": article.url,
        "published": article.published.isoformat() if article.published else None,
        "added": article.added.isoformat(),
        "word_count": article.word_count,
        "tags": list(article.tags),
        "starred": article.starred,
        "read": article.read,
        "position": article.position,
        "feed": article.feed,
    }


def article_from_record(record: Record, blocks: list[Block] | None = None) -> Article:
    return Article(
        id=record["id"],
        title=record["title"],
        blocks=blocks,
        author=record.get("author"),
        source=record.get("source"),
        url=record.get("url"),
        published=_date(record.get("published")),
        added=datetime.fromisoformat(record["added"]),
        word_count=record.get("word_count", 0),
        tags=list(record.get("tags", [])),
        starred=bool(record.get("starred", False)),
        read=bool(record.get("read", False)),
        position=int(record.get("position", 0)),
        feed=record.get("feed"),
    )


def blocks_to_record(blocks: list[Block]) -> Record:
    return {"blocks": [[block.kind, block.text] for block in blocks]}


def blocks_from_record(record: Record) -> list[Block]:
    return [Block(kind, text) for kind, text in record["blocks"]]


def annotation_to_record(annotation: Annotation) -> Record:
    selector = annotation.selector
    return {
        "id": annotation.id,
        "article_id": annotation.article_id,
        "selector": {
            "exact": selector.exact,
            "prefix": selector.prefix,
            "suffix": selector.suffix,
            "start": selector.start,
            "end": selector.end,
        },
        "note": annotation.note,
        "tags": list(annotation.tags),
        "color": annotation.color,
        "created": annotation.created.isoformat(),
        "updated": annotation.updated.isoformat(),
        "anchor": {"state": annotation.anchor.state, "score": annotation.anchor.score},
    }


def annotation_from_record(record: Record) -> Annotation:
    return Annotation(
        id=record["id"],
        article_id=record["article_id"],
        selector=Selector(**record["selector"]),
        note=record.get("note", ""),
        tags=list(record.get("tags", [])),
        color=record.get("color", 1),
        created=datetime.fromisoformat(record["created"]),
        updated=datetime.fromisoformat(record["updated"]),
        anchor=Anchor(**record.get("anchor", {})),
    )


def feed_to_record(feed: Feed) -> Record:
    return {
        "id": feed.id,
        "url": feed.url,
        "title": feed.title,
        "site_url": feed.site_url,
        "tags": list(feed.tags),
        "etag": feed.etag,
        "last_modified": feed.last_modified,
        "added": feed.added.isoformat(),
        "checked": feed.checked.isoformat() if feed.checked else None,
    }


def feed_from_record(record: Record) -> Feed:
    return Feed(
        id=record["id"],
        url=record["url"],
        title=record.get("title", ""),
        site_url=record.get("site_url"),
        tags=list(record.get("tags", [])),
        etag=record.get("etag"),
        last_modified=record.get("last_modified"),
        added=datetime.fromisoformat(record["added"]),
        checked=datetime.fromisoformat(record["checked"]) if record.get("checked") else None,
    )


def analysis_to_record(analysis: Analysis) -> Record:
    return {
        "version": analysis.version,
        "entities": [[e.start, e.end, e.type, e.text, e.name] for e in analysis.entities],
        "quotes": [[q.start, q.end, q.text, q.speaker, q.partial] for q in analysis.quotes],
    }


def analysis_from_record(record: Record) -> Analysis:
    return Analysis(
        version=record["version"],
        entities=tuple(Entity(*row) for row in record["entities"]),
        quotes=tuple(Quote(*row) for row in record["quotes"]),
    )
