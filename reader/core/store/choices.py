"""The Library's record of the user's choices: feed subscriptions, saved searches and entity
merges (aliases). Each change is made under the lock on what is on disk now, like every
other change, and journalled for sync.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from tinydb.table import Document

from reader.core.model import Feed, normalize_tags
from reader.core.sanitize import sanitize
from reader.core.store import records
from reader.core.store.errors import InvalidInput, NotFoundError
from reader.core.store.layout import ALIASES_TABLE, FEEDS_TABLE, SEARCHES_TABLE
from reader.core.sync import ops as sync_ops

if TYPE_CHECKING:
    from reader.core.store.library import Library

    _Base = Library
else:
    _Base = object


class ChoicesMixin(_Base):
    # -- feeds --------------------------------------------------------------------------------

    def feeds(self) -> list[Feed]:
        """The subscriptions, in the order they were added."""
        found = list(self._read_all(FEEDS_TABLE, self.layout.index, self._feeds()))
        return sorted(found, key=lambda f: (f.added, f.url))

    def subscribe(self, feed: Feed) -> Feed:
        """Add a subscription; one already here gets the new feed's tags added (and is returned)."""
        with self.locked():
            if self._feeds().contains(doc_id=records.doc_id(feed.id)):
                return self.update_feed(feed.id, add_tags=feed.tags)
            feed.tags = normalize_tags(feed.tags)
            self._feeds().insert(Document(records.feed_to_record(feed), doc_id=records.doc_id(feed.id)))
            self.journal.record(lambda: [sync_ops.feed_subscribed(feed)])
        return feed

    def update_feed(self, feed_id: str, *, add_tags: Iterable[str] = (), **fields: object) -> Feed:
        """Change what is given of a subscription as stored now: tags added, or what a
        refresh learnt (title, site_url, etag, last_modified, checked, failed, links, retries, warnings)."""
        with self.locked():
            feed, ops = self._changed_feed(feed_id, add_tags, fields)
            self._feeds().update(records.feed_to_record(feed), doc_ids=[records.doc_id(feed_id)])
            self.journal.record(ops)
        return feed

    def _changed_feed(self, feed_id: str, add_tags: Iterable[str], fields: dict[str, object]) -> tuple[Feed, Any]:
        """The feed as stored now with these changes (not saved: the caller holds the lock and
        saves it), and its journal entries; NotFoundError when it is not stored."""
        allowed = {"title", "site_url", "etag", "last_modified", "checked", "failed", "links", "retries", "warnings"}
        if not fields.keys() <= allowed:
            raise ValueError(f"cannot change {sorted(fields.keys() - allowed)}")
        doc = self._feeds().get(doc_id=records.doc_id(feed_id))
        if doc is None:
            raise NotFoundError(f"no feed {feed_id}")
        feed: Feed = self._read(FEEDS_TABLE, self.layout.index, doc)
        before_tags, before_meta = list(feed.tags), sync_ops.feed_meta(feed)
        for name, value in fields.items():
            setattr(feed, name, value)
        feed.tags = normalize_tags(feed.tags + list(add_tags))
        return feed, lambda: [
            sync_ops.tags_changed(f"f:{feed_id}", [t for t in feed.tags if t not in before_tags], []),
            {"e": f"f:{feed_id}", "r": {"meta": sync_ops.feed_meta(feed)}}
            if sync_ops.feed_meta(feed) != before_meta else None,
        ]

    def remove_feed(self, feed_id: str) -> None:
        """Forget a subscription; the articles it brought stay, notes and all."""
        with self.locked():
            feeds, doc = self._feeds(), records.doc_id(feed_id)
            if not feeds.contains(doc_id=doc):
                raise NotFoundError(f"no feed {feed_id}")
            feeds.remove(doc_ids=[doc])
            self.journal.record(lambda: [sync_ops.feed_removed(feed_id)])

    # -- saved searches ---------------------------------------------------------------------

    def searches(self) -> dict[str, str]:
        """The user's saved searches, name -> query, in the order they were saved."""
        return dict(self._read_all(SEARCHES_TABLE, self.layout.index, self._searches()))

    def save_search(self, name: str, query: str) -> None:
        """Keep a query under a name (a second save under the same name replaces it)."""
        name, query = sanitize(name).strip(), sanitize(query).strip()
        if not name or not query:
            raise InvalidInput("a saved search needs a name and a query")
        with self.locked():
            self._searches().upsert(Document({"name": name, "query": query}, doc_id=records.search_key(name)))
            self.journal.record(lambda: [sync_ops.search_set(name, query)])

    def delete_search(self, name: str) -> None:
        with self.locked():
            searches, doc = self._searches(), records.search_key(name)
            if searches.contains(doc_id=doc):
                searches.remove(doc_ids=[doc])
                self.journal.record(lambda: [sync_ops.search_set(name, None)])

    # -- entity aliases (merges) ------------------------------------------------------------

    def aliases(self) -> dict[str, str]:
        """Merged entity names: name -> the name it was merged into (applied when names are
        read), or -> itself: kept apart from the entity it would be joined into."""
        return dict(self._read_all(ALIASES_TABLE, self.layout.index, self._aliases()))

    def save_aliases(self, mapping: dict[str, str]) -> None:
        """Merge each name into its target (a name saved again is re-pointed)."""
        clean = {sanitize(k).strip(): sanitize(v).strip() for k, v in mapping.items()}
        if any(not k or not v or k == v for k, v in clean.items()):
            raise InvalidInput("an alias needs a name and a different name to merge it into")
        with self.locked():
            aliases = self._aliases()
            for name, into in clean.items():
                aliases.upsert(Document({"name": name, "into": into}, doc_id=records.alias_key(name)))
            self.journal.record(lambda: [sync_ops.alias_set(name, into) for name, into in clean.items()])

    def keep_apart(self, name: str) -> None:
        """Keep a name apart from any entity it would be joined into (an alias to itself)."""
        name = sanitize(name).strip()
        if not name:
            raise InvalidInput("a name to keep apart is needed")
        with self.locked():
            self._aliases().upsert(Document({"name": name, "into": name}, doc_id=records.alias_key(name)))
            self.journal.record(lambda: [sync_ops.alias_set(name, name)])

    def remove_alias(self, name: str) -> bool:
        """Unmerge a name; False if it was not merged."""
        with self.locked():
            aliases, doc = self._aliases(), records.alias_key(sanitize(name).strip())
            if not aliases.contains(doc_id=doc):
                return False
            aliases.remove(doc_ids=[doc])
            self.journal.record(lambda: [sync_ops.alias_set(sanitize(name).strip(), None)])
            return True
