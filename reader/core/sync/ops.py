"""The changes a library records for sync, one JSON object each: which entity, which of
its fields were set (last writer wins), which set elements were added or removed.

    {"h": stamp, "e": "n:<article id>:<note id>", "r": {"note": "text", "updated": "..."},
     "a": {"tags": ["x"]}, "x": {"tags": {"y": [add stamps seen]}}}

Entities: "a:<id>" an article, "n:<article id>:<note id>" a note, "f:<id>" a feed,
"q:<name>" a saved search, "m:<name>" an entity merge. In this device's journal a removal
names only the elements ("x": {"tags": ["y"]}) and "t" gives a note's whole tag list;
folding turns both into the add stamps they saw (see crdt.py), which is what is sent.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from reader.core.model import Annotation, Article, Feed
from reader.core.store import records
from reader.core.store.files import dump_json

Op = dict[str, Any]


def body_bytes(article: Article) -> bytes:
    """The body as the library stores it: the same bytes, so the same content address."""
    return dump_json(records.blocks_to_record(article.blocks or [])).encode("utf-8")


def content_address(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def article_key(article_id: str) -> str:
    return f"a:{article_id}"


def note_key(article_id: str, note_id: str) -> str:
    return f"n:{article_id}:{note_id}"


def article_meta(article: Article, body: str) -> dict[str, Any]:
    record = records.article_to_record(article)
    meta = {k: record[k] for k in ("title", "author", "source", "url", "published", "added", "word_count", "feed")}
    return {**meta, "body": body}


def article_added(article: Article) -> Op:
    """A new article: its metadata and body address, and the user's state only where set
    (so an article added on two devices keeps a star given on either)."""
    fields: dict[str, Any] = {"meta": article_meta(article, content_address(body_bytes(article))), "alive": True}
    fields.update({k: v for k, v in (("starred", article.starred), ("read", article.read),
                                     ("position", article.position)) if v})
    op: Op = {"e": article_key(article.id), "r": fields}
    if article.tags:
        op["a"] = {"tags": list(article.tags)}
    return op


def article_fields(article_id: str, **fields: Any) -> Op:
    return {"e": article_key(article_id), "r": dict(fields)}


def tags_changed(key: str, added: list[str], removed: list[str]) -> Op | None:
    op: Op = {"e": key}
    if added:
        op["a"] = {"tags": list(added)}
    if removed:
        op["x"] = {"tags": list(removed)}
    return op if len(op) > 1 else None


def note_put(annotation: Annotation) -> Op:
    """A whole note (kept, restored, imported, re-anchored): every field, its exact tags."""
    record = records.annotation_to_record(annotation)
    return {
        "e": note_key(annotation.article_id, annotation.id),
        "r": {
            "base": {"article_id": annotation.article_id, "created": record["created"]},
            "place": {"selector": record["selector"], "anchor": record["anchor"]},
            "note": record["note"], "color": record["color"], "updated": record["updated"], "alive": True,
        },
        "t": {"tags": list(annotation.tags)},
    }


def note_edited(before: Annotation, after: Annotation, asked: Iterable[str] = ()) -> Op:
    """Only the fields the edit changed, with `alive`: an edit made after a delete elsewhere
    brings the note back with its words. The tags `asked` to be added are adds even when
    the note had them: said again, a tag outlives a removal made elsewhere meanwhile."""
    fields: dict[str, Any] = {"updated": after.updated.isoformat(), "alive": True}
    if after.note != before.note:
        fields["note"] = after.note
    if after.color != before.color:
        fields["color"] = after.color
    op: Op = {"e": note_key(after.article_id, after.id), "r": fields}
    added = [t for t in after.tags if t not in before.tags or t in asked]
    removed = [t for t in before.tags if t not in after.tags]
    if added:
        op["a"] = {"tags": added}
    if removed:
        op["x"] = {"tags": removed}
    return op


def note_deleted(annotation: Annotation) -> Op:
    return note_removed(annotation.article_id, annotation.id)


def note_removed(article_id: str, note_id: str) -> Op:
    return {"e": note_key(article_id, note_id), "r": {"alive": False}}


def feed_meta(feed: Feed) -> dict[str, Any]:
    return {"url": feed.url, "title": feed.title, "site_url": feed.site_url, "added": feed.added.isoformat()}


def feed_subscribed(feed: Feed) -> Op:
    op: Op = {"e": f"f:{feed.id}", "r": {"meta": feed_meta(feed)}, "a": {"on": [""]}}
    if feed.tags:
        op["a"]["tags"] = list(feed.tags)
    return op


def feed_removed(feed_id: str) -> Op:
    return {"e": f"f:{feed_id}", "x": {"on": [""]}}


def search_set(name: str, query: str | None) -> Op:
    return {"e": f"q:{name}", "r": {"query": query}}


def alias_set(name: str, into: str | None) -> Op:
    return {"e": f"m:{name}", "r": {"into": into}}
