"""Model objects to and from the JSON records the library files hold."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from collections.abc import Callable

from reader.core.model import BLOCK_KINDS, MARK_KINDS, Analysis, Anchor, Annotation, Article, Block, Entity, Feed, Mark, QUOTE_KINDS, Quote, Selector, stable_id
from reader.core.store.errors import NotFoundError
from reader.core.store.layout import ALIASES_TABLE, ARTICLES_TABLE, FEEDS_TABLE, NOTES_TABLE, SEARCHES_TABLE

Record = dict[str, Any]
_ID = re.compile(r"[0-9a-f]{15,64}")


def doc_id(our_id: str) -> int:
    """TinyDB's key for a record: the whole id read as one number, so no process hands out
    the same one and no two ids share one (the leading 1 keeps leading zeros apart)."""
    if not is_id(our_id):
        raise NotFoundError(f"{our_id!r} is not a reader id")
    return int("1" + our_id, 16)


def is_id(text: str) -> bool:
    return isinstance(text, str) and _ID.fullmatch(text) is not None


def is_key(text: str) -> bool:
    """Whether a stored key could be one `doc_id` gave (checked before TinyDB reads it as a number)."""
    return text.isascii() and text.isdigit() and len(text) <= 80


def search_key(name: str) -> int:
    return doc_id(stable_id(f"search:{name}"))


def alias_key(name: str) -> int:
    return doc_id(stable_id(f"alias:{name}"))


class MalformedRecord(ValueError):
    """A stored record that does not read as the model: skipped by readers, kept on disk."""


_OPTIONAL_STR = (str, type(None))


def _expect(record: object, required: dict[str, type | tuple[type, ...]], optional: dict[str, type | tuple[type, ...]] = {}) -> Record:  # noqa: B006 - read only
    """The record if its fields have the types the model needs; MalformedRecord naming the first that does not."""
    if not isinstance(record, dict):
        raise MalformedRecord(f"is {json_kind(record)}, not a record")
    for key, kinds in (*required.items(), *optional.items()):
        if key not in record:
            if key in required:
                raise MalformedRecord(f"has no {key!r}")
            continue
        value = record[key]
        if not isinstance(value, kinds) or (isinstance(value, bool) and kinds is int):
            wanted = " or ".join(_JSON_KINDS.get(k, k.__name__) for k in (kinds if isinstance(kinds, tuple) else (kinds,)))
            raise MalformedRecord(f"has {json_kind(value)} as {key!r}, where it needs {wanted}")
    for key in ("tags",):
        if key in record and not all(isinstance(t, str) for t in record[key]):
            raise MalformedRecord(f"has a {key!r} entry that is not text")
    return record


class _Schema:
    """A record's field types (as `_expect` takes them), checked first by exact type: JSON
    gives no subclasses, so a record that fits reads without `_expect`'s walk, which names
    what is wrong with one that does not. `reader ls` reads every article's record."""

    def __init__(self, required: dict[str, Any], optional: dict[str, Any] | None = None) -> None:
        self.required, self.optional = required, optional or {}
        self._kinds = {
            key: frozenset(kinds if isinstance(kinds, tuple) else (kinds,))
            for key, kinds in (*self.required.items(), *self.optional.items())
        }
        self._needed = frozenset(required)

    def check(self, record: object) -> Record:
        if isinstance(record, dict) and self._fits(record):  # a TinyDB Document is a dict
            return record
        return _expect(record, self.required, self.optional)

    def _fits(self, record: Record) -> bool:
        kinds = self._kinds
        for key, value in record.items():
            allowed = kinds.get(key)
            if allowed is None:
                if key == "tags":  # not in this schema: `_expect` says what it makes of it
                    return False
            elif type(value) not in allowed:  # bool is no int here, as `_expect` has it
                return False
        return self._needed <= record.keys() and all(type(t) is str for t in record.get("tags", ()))


def json_kind(value: object) -> str:
    """What a JSON value is, in words ('a list', 'text', 'null'), for messages."""
    return _JSON_KINDS.get(type(value), type(value).__name__)


_JSON_KINDS: dict[type, str] = {
    dict: "an object", list: "a list", str: "text", int: "a whole number", float: "a number", bool: "true or false",
    type(None): "null",
}


def read_record(table: str, key: str, record: object) -> object:
    """The model object a stored record holds, checked against the key it is stored under."""
    reader, key_of = READERS[table]
    try:
        found = reader(record)  # type: ignore[arg-type]
        expected = str(key_of(record))  # type: ignore[arg-type]
    except (KeyError, TypeError, ValueError, AttributeError, NotFoundError, OverflowError) as error:
        if isinstance(error, MalformedRecord):
            raise
        if isinstance(error, KeyError):
            raise MalformedRecord(f"has no {error.args[0]!r}") from None
        raise MalformedRecord(f"has a value that does not read ({error})") from None
    if expected != key:
        raise MalformedRecord("is stored under a key that does not match it")
    return found


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


_ARTICLE = _Schema({"id": str, "title": str, "added": str}, {
    "author": _OPTIONAL_STR, "source": _OPTIONAL_STR, "url": _OPTIONAL_STR, "published": _OPTIONAL_STR,
    "word_count": int, "tags": list, "starred": bool, "read": bool, "position": int, "feed": _OPTIONAL_STR,
})


def article_from_record(record: Record, blocks: list[Block] | None = None) -> Article:
    _ARTICLE.check(record)
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
    """Each block as [kind, text], with a third item only when it has structure: bodies
    stay small, and one written before structure was kept reads as it always did."""
    return {"blocks": [_block_to_list(block) for block in blocks]}


def _block_to_list(block: Block) -> list[Any]:
    extra: Record = {}
    if block.level:
        extra["level"] = block.level
    if block.marks:
        extra["marks"] = [[m.start, m.end, m.kind, *([m.href] if m.href is not None else [])] for m in block.marks]
    return [block.kind, block.text, extra] if extra else [block.kind, block.text]


def blocks_from_record(record: Record) -> list[Block]:
    blocks = _expect(record, {"blocks": list})["blocks"]
    return [_block_from_list(b) for b in blocks]


def _block_from_list(item: object) -> Block:
    if not (isinstance(item, list) and len(item) in (2, 3) and item[0] in BLOCK_KINDS and isinstance(item[1], str)):
        raise MalformedRecord("has a block that is not [kind, text]")
    kind, text = item[0], item[1]
    extra = item[2] if len(item) == 3 else {}
    if not isinstance(extra, dict):
        raise MalformedRecord("has a block whose structure is not an object")
    level = extra.get("level", 0)
    if not isinstance(level, int) or isinstance(level, bool) or not 0 <= level <= 64:
        raise MalformedRecord(f"has a block whose level is {json_kind(level)} out of range")
    marks = extra.get("marks", [])
    if not isinstance(marks, list):
        raise MalformedRecord("has a block whose marks are not a list")
    return Block(kind, text, level, tuple(_mark(m, len(text)) for m in marks))


def _mark(item: object, length: int) -> Mark:
    if not (isinstance(item, list) and len(item) in (3, 4) and item[2] in MARK_KINDS):
        raise MalformedRecord("has a mark that is not [start, end, kind(, href)]")
    start, end, kind = item[0], item[1], item[2]
    href = item[3] if len(item) == 4 else None
    if not all(isinstance(n, int) and not isinstance(n, bool) for n in (start, end)) or not 0 <= start < end <= length:
        raise MalformedRecord("has a mark outside its block's text")
    if href is not None and not isinstance(href, str):
        raise MalformedRecord("has a link whose address is not text")
    return Mark(start, end, kind, href)


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


_ANNOTATION = _Schema({"id": str, "article_id": str, "selector": dict, "created": str, "updated": str},
                      {"note": str, "tags": list, "color": int, "anchor": dict})
_SELECTOR = _Schema({"exact": str, "prefix": str, "suffix": str, "start": int, "end": int})
_ANCHOR = _Schema({}, {"state": str, "score": (int, float)})


def annotation_from_record(record: Record) -> Annotation:
    _ANNOTATION.check(record)
    _SELECTOR.check(record["selector"])
    _ANCHOR.check(record.get("anchor", {}))
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
        "failed": feed.failed,
        "links": dict(feed.links),
        "retries": dict(feed.retries),
        "warnings": list(feed.warnings),
    }


def feed_from_record(record: Record) -> Feed:
    _expect(record, {"id": str, "url": str, "added": str}, {
        "title": str, "site_url": _OPTIONAL_STR, "tags": list, "etag": _OPTIONAL_STR,
        "last_modified": _OPTIONAL_STR, "checked": _OPTIONAL_STR, "failed": _OPTIONAL_STR,
    })
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
        failed=record.get("failed"),
        # what a refresh remembers, not the user's: what does not read is forgotten, the feed kept
        links={k: v for k, v in _mapping(record.get("links")).items() if is_id(k) and is_id(v)},
        retries={k: v for k, v in _mapping(record.get("retries")).items()
                 if is_id(k) and isinstance(v, int) and not isinstance(v, bool) and 0 <= v < 100},
        warnings=[w for w in record.get("warnings") or [] if isinstance(w, str)]
        if isinstance(record.get("warnings"), list) else [],
    )


def _mapping(value: object) -> dict[Any, Any]:
    return value if isinstance(value, dict) else {}


def search_from_record(record: Record) -> tuple[str, str]:
    _expect(record, {"name": str, "query": str})
    return record["name"], record["query"]


def alias_from_record(record: Record) -> tuple[str, str]:
    _expect(record, {"name": str, "into": str})
    return record["name"], record["into"]


def analysis_to_record(analysis: Analysis) -> Record:
    return {
        "version": analysis.version,
        "entities": [[e.start, e.end, e.type, e.text, e.name] for e in analysis.entities],
        "quotes": [[q.start, q.end, q.text, q.speaker, q.partial, q.kind] for q in analysis.quotes],
    }


def analysis_from_record(record: Record) -> Analysis:
    return Analysis(
        version=record["version"],
        entities=tuple(Entity(*row) for row in record["entities"]),
        quotes=tuple(_quote(row) for row in record["quotes"]),
    )


def _quote(row: list[Any]) -> Quote:
    """A stored quote; one stored before quotes had a kind is speech."""
    quote = Quote(*row)
    if quote.kind not in QUOTE_KINDS:
        raise ValueError(f"unknown quote kind {quote.kind!r}")
    return quote


READERS: dict[str, tuple[Callable[[Record], object], Callable[[Record], int]]] = {
    ARTICLES_TABLE: (article_from_record, lambda r: doc_id(r["id"])),
    NOTES_TABLE: (annotation_from_record, lambda r: doc_id(r["id"])),
    FEEDS_TABLE: (feed_from_record, lambda r: doc_id(r["id"])),
    SEARCHES_TABLE: (search_from_record, lambda r: search_key(r["name"])),
    ALIASES_TABLE: (alias_from_record, lambda r: alias_key(r["name"])),
}
