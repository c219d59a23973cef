"""Making the library show what the merged state says, through the Library's own change
methods (under its lock, journaling paused: these changes are other devices').

For each entity a change touched, the record it should have is made from its state
(`crdt`) and compared with the library's; only a difference is written, in batches where
the Library has them (new articles, notes by shard).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from reader.core.model import Annotation, Article, Feed
from reader.core.quotemarks import quoted
from reader.core.sanitize import sanitize
from reader.core.store import records
from reader.core.store.errors import LibraryError, NotFoundError
from reader.core.sync.crdt import State, Store, field as value_of, members
from reader.core.sync.ops import content_address

BodySource = Callable[[str], bytes | None]


@dataclass
class Applied:
    notes: int = 0
    articles: int = 0
    tags: int = 0
    other: int = 0
    removed: int = 0  # articles removed (with their notes) by another device
    dropped: list[tuple[str, list[State]]] = field(default_factory=list)  # (title, notes the removal had not seen)
    waiting: list[str] = field(default_factory=list)  # entities whose body has not arrived
    warnings: list[str] = field(default_factory=list)

    def total(self) -> int:
        return self.notes + self.articles + self.tags + self.other + self.removed


def wanted_article(state: State | None, *, kept: bool = False) -> dict[str, Any] | None:
    """The article the merged state says this library should hold (None: none); `kept`:
    removed, but a note made on it after the removal keeps it (`notes_after_removal`)."""
    if state is None or not (kept or value_of(state, "alive", False)) or value_of(state, "meta") is None:
        return None
    return {"meta": value_of(state, "meta"), "tags": members(state, "tags"),
            "starred": value_of(state, "starred", False), "read": value_of(state, "read", False),
            "position": value_of(state, "position", 0)}


def wanted_note(state: State | None, article_id: str, note_id: str) -> Annotation | None:
    if state is None or not value_of(state, "alive", False):
        return None
    base, place = value_of(state, "base"), value_of(state, "place")
    if base is None or place is None or value_of(state, "updated") is None:
        return None
    record = {"id": note_id, "article_id": article_id, "selector": place["selector"],
              "anchor": place.get("anchor", {}), "note": sanitize(value_of(state, "note", "")),
              "tags": members(state, "tags"), "color": value_of(state, "color", 1),
              "created": base["created"], "updated": value_of(state, "updated")}
    try:
        return records.annotation_from_record(record)
    except (KeyError, TypeError, ValueError):
        return None


def wanted_feed(state: State | None, feed_id: str) -> Feed | None:
    if state is None or "" not in members(state, "on") or value_of(state, "meta") is None:
        return None
    meta = value_of(state, "meta")
    return Feed(id=feed_id, url=sanitize(meta["url"]), title=sanitize(meta["title"]),
                site_url=meta.get("site_url"), tags=members(state, "tags"),
                added=datetime.fromisoformat(meta["added"]))


def notes_after_removal(store: Store, article_id: str, state: State | None) -> list[State]:
    """The live notes of a removed article kept or edited after its removal (on a device
    that had not seen it): as a note edited after its delete comes back, they bring their
    article back, on every device alike (a function of the merged state only). A removal
    also removes the notes its device held, so these are the notes it never saw."""
    removal = (state or {}).get("r", {}).get("alive")
    if removal is None or removal[1]:
        return []
    return [note for note in _live_notes(store, article_id) if note["r"]["alive"][0] > removal[0]]


def _live_notes(store: Store, article_id: str) -> list[State]:
    prefix = f"n:{article_id}:"
    return [note for key in store.keys_in_shard_of(f"a:{article_id}")
            if key.startswith(prefix) and (note := store.get(key)) is not None and value_of(note, "alive", False)]


def reconcile(library: Any, store: Store, keys: set[str], body_of: BodySource) -> Applied:
    """Apply the merged state of `keys`; the caller holds the lock with journaling paused."""
    applied = Applied()
    if not keys:  # nothing came in: the library is not read at all
        return applied
    keys = set(keys)
    present = set(library.article_ids()) if any(k[:2] in ("a:", "n:") for k in keys) else set()
    # a note may bring its article back
    keys |= {f"a:{k.split(':')[1]}" for k in keys if k.startswith("n:") and k.split(":")[1] not in present}
    keys |= _articles(library, store, sorted(k for k in keys if k.startswith("a:")), present, body_of, applied)
    _notes(library, store, sorted(k for k in keys if k.startswith("n:")), applied)
    _feeds(library, store, sorted(k for k in keys if k.startswith("f:")), applied)
    _named(library, store, sorted(k for k in keys if k[:2] in ("q:", "m:")), applied)
    return applied


def _articles(
    library: Any, store: Store, keys: list[str], present: set[str], body_of: BodySource, applied: Applied
) -> set[str]:
    """Articles made to match (`present`: the ids the library holds); the keys of the notes
    of those that arrived (now placeable)."""
    if not keys:
        return set()
    new: list[Article] = []
    for key in keys:
        article_id, state = key[2:], store.get(key)
        want = wanted_article(state)
        kept = want is None and bool(notes_after_removal(store, article_id, state))
        if kept:
            want = wanted_article(state, kept=True)
        if want is None:
            if article_id in present:
                unseen = _live_notes(store, article_id)
                if unseen:  # made here or elsewhere, never seen by the removal: their words are kept aside
                    applied.dropped.append((library.article_state(article_id).title, unseen))
                library.remove(article_id)
                applied.removed += 1
            continue
        if article_id not in present:
            fresh = _fresh(article_id, want, body_of, library)
            if fresh is None:
                applied.waiting.append(key)
            else:
                new.append(fresh)
                if kept:
                    applied.warnings.append(
                        f"{quoted(fresh.title, 60)} was removed, but a note was made on it on another device "
                        "without seeing that: the article is back with its notes (`reader rm` removes it again)")
            continue
        _update(library, article_id, want, body_of, applied)
    if new:
        library.add_many(new)
        applied.articles += len(new)
    arrived = {a.id for a in new}
    return {k for a in arrived for k in store.keys_in_shard_of(f"a:{a}") if k.startswith(f"n:{a}:")}


def _blocks(sha: str, body_of: BodySource, library: Any, article_id: str) -> list | None:
    data = body_of(sha)
    if data is None:  # this library may hold it already (its own, or removed and kept)
        try:
            local = library.body_bytes(article_id)
        except LibraryError:
            return None
        data = local if content_address(local) == sha else None
    if data is None:
        return None
    try:
        return records.blocks_from_record(json.loads(data))
    except (ValueError, KeyError, TypeError, RecursionError):
        return None


def _fresh(article_id: str, want: dict[str, Any], body_of: BodySource, library: Any) -> Article | None:
    meta = want["meta"]
    blocks = _blocks(meta["body"], body_of, library, article_id)
    if blocks is None:
        return None
    return Article(
        id=article_id, title=sanitize(meta["title"]), blocks=blocks, author=_text(meta.get("author")),
        source=_text(meta.get("source")), url=_text(meta.get("url")),
        published=date.fromisoformat(meta["published"]) if meta.get("published") else None,
        added=datetime.fromisoformat(meta["added"]), word_count=meta["word_count"],
        tags=want["tags"], starred=want["starred"], read=want["read"], position=want["position"],
        feed=_text(meta.get("feed")),
    )


def _text(value: str | None) -> str | None:
    return None if value is None else sanitize(value)


def _update(library: Any, article_id: str, want: dict[str, Any], body_of: BodySource, applied: Applied) -> None:
    current = library.article_state(article_id)
    add = [t for t in want["tags"] if t not in current.tags]
    remove = [t for t in current.tags if t not in want["tags"]]
    if add or remove:
        library.tag_article(article_id, add=add, remove=remove)
        applied.tags += len(add) + len(remove)
    changes = {k: want[k] for k in ("starred", "read", "position") if getattr(current, k) != want[k]}
    if changes:
        library.update_article(article_id, **changes)
        applied.other += 1
    meta = want["meta"]
    try:
        local_sha = content_address(library.body_bytes(article_id))
    except LibraryError:
        local_sha = None
    shown = (current.title, current.author, current.source, current.url, current.word_count,
             current.published.isoformat() if current.published else None)
    if local_sha != meta["body"] or shown != (sanitize(meta["title"]), meta.get("author"), meta.get("source"),
                                              meta.get("url"), meta["word_count"], meta.get("published")):
        fresh = _fresh(article_id, want, body_of, library)
        if fresh is not None:
            library.replace_body(fresh)
            applied.articles += 1


def _notes(library: Any, store: Store, keys: list[str], applied: Applied) -> None:
    if not keys:
        return
    present = set(library.article_ids())
    by_article: dict[str, list[str]] = {}
    for key in keys:
        by_article.setdefault(key.split(":")[1], []).append(key)
    puts: list[Annotation] = []
    for article_id, group in sorted(by_article.items()):
        current = {a.id: a for a in library.annotations(article_id)} if article_id in present else {}
        for key in group:
            note_id = key.split(":")[2]
            want = wanted_note(store.get(key), article_id, note_id) if article_id in present else None
            held = current.get(note_id)
            if want is None:
                if held is not None:
                    library.delete_annotation(held)
                    applied.notes += 1
                continue
            if held is not None and sorted(held.tags) == sorted(want.tags):
                want.tags = list(held.tags)
            if held is None or records.annotation_to_record(held) != records.annotation_to_record(want):
                puts.append(want)
                applied.notes += 1
    if puts:
        library.add_annotations(puts)


def _feeds(library: Any, store: Store, keys: list[str], applied: Applied) -> None:
    if not keys:
        return
    current = {f.id: f for f in library.feeds()}
    for key in keys:
        feed_id = key[2:]
        want, held = wanted_feed(store.get(key), feed_id), current.get(feed_id)
        try:
            if want is None:
                if held is not None:
                    library.remove_feed(feed_id)
                    applied.other += 1
            elif held is None:
                library.subscribe(want)
                applied.other += 1
            else:
                if add := [t for t in want.tags if t not in held.tags]:
                    library.update_feed(feed_id, add_tags=add)
                    applied.tags += len(add)
                if (held.title, held.site_url) != (want.title, want.site_url):
                    library.update_feed(feed_id, title=want.title, site_url=want.site_url)
                    applied.other += 1
        except NotFoundError:
            continue


def _named(library: Any, store: Store, keys: list[str], applied: Applied) -> None:
    if not keys:
        return
    searches, aliases = library.searches(), library.aliases()
    for key in keys:
        name, state = key[2:], store.get(key) or {}
        if key.startswith("q:"):
            query = value_of(state, "query")
            if query is None and name in searches:
                library.delete_search(name)
            elif query is not None and searches.get(name) != sanitize(query).strip():
                library.save_search(name, query)
            else:
                continue
        else:
            into = value_of(state, "into")
            if into is None and name in aliases:
                library.remove_alias(name)
            elif into is not None and aliases.get(name) != sanitize(into).strip():
                if into == name:
                    library.keep_apart(name)
                else:
                    library.save_aliases({name: into})
            else:
                continue
        applied.other += 1
