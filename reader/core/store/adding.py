"""Adding articles to the Library: many in one save, and a feed's change with them.

A run of new articles (a feed's, an import's) is stored in one save: their texts made
durable together (in packs from a few on, packs.py), then the index written once. A
refresh's feed change (its ETag, check time, links) goes in that same write of the
index (`add_feed_articles`): each write rewrites the whole index.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.core.model import Analysis, Article, Feed
from reader.core.store import packs, records
from reader.core.store.batchwrite import write_all
from reader.core.store.files import dump_json, dump_json_bytes
from reader.core.store.layout import ARTICLES_TABLE, FEEDS_TABLE
from reader.core.store.storage import file_signature
from reader.core.sync import ops as sync_ops

if TYPE_CHECKING:
    from reader.core.store.library import Library

    _Base = Library
else:
    _Base = object

Learnt = Callable[[list[tuple[Article, bool]]], dict[str, object]]


class AddingMixin(_Base):
    def add(self, article: Article) -> tuple[Article, bool]:
        """Store a new article; an article already here is returned as it is, notes and all."""
        return self.add_many([article])[0]

    def add_many(self, articles: list[Article],
                 analyses: dict[str, Analysis] | None = None) -> list[tuple[Article, bool]]:
        """`add` for each article, in one save: the bodies (with the `analyses` given for
        them, by id) made durable together, then the index written once, so that a folder
        of files costs a few syncs per run, not per article. A second article with the id
        of one before it is, like one already here, not added (nor its analysis saved)."""
        return self._add_many(articles, analyses)[0]

    def add_feed_articles(self, feed_id: str, articles: list[Article],
                          learnt: Learnt) -> tuple[list[tuple[Article, bool]], Feed | None]:
        """`add_many` of a feed's new articles, and the feed's own change (`update_feed` of
        what `learnt` says the refresh learnt, given add_many's answers) in the same save of
        the index, not a second one (each rewrites the whole index). The feed is None when
        it is no longer stored: its articles are added, and the caller's `update_feed` says so."""
        return self._add_many(articles, None, (feed_id, learnt))

    def _add_many(self, articles: list[Article], analyses: dict[str, Analysis] | None,
                  feed: tuple[str, Learnt] | None = None) -> tuple[list[tuple[Article, bool]], Feed | None]:
        if any(article.blocks is None for article in articles):
            raise ValueError("an article is added with its body")
        results: list[tuple[Article, bool]] = []
        new: dict[str, Article] = {}
        with self.locked():
            stored = self._articles()
            for article in articles:
                existing = new.get(article.id) or stored.get(doc_id=records.doc_id(article.id))
                if existing is None:
                    new[article.id] = article
                results.append((article, True) if existing is None else (self._as_article(existing), False))
            changed: Feed | None = None
            feed_ops: Any = None
            if feed is not None and self._feeds().contains(doc_id=records.doc_id(feed[0])):
                changed, feed_ops = self._changed_feed(feed[0], (), feed[1](results))
            if not new and changed is None:
                return results, None
            texts = {f"{a.id}.json": dump_json_bytes(records.blocks_to_record(a.blocks or [])) for a in new.values()}
            writes, made = packs.body_writes(texts, self.layout.bodies, self.layout.backup_dir(self.layout.body("x")))
            unnamed = {path for path, _, _ in writes}  # no index entry names them before the one below
            writes += [(self.layout.analysis(i), dump_json(records.analysis_to_record(analysis)), None)
                       for i, analysis in (analyses or {}).items() if i in new]
            if writes:
                write_all(writes, unnamed=unnamed)
            index_before = file_signature(self.layout.index)
            try:
                self._save_index(list(new.values()), changed)
            except BaseException:
                if file_signature(self.layout.index) == index_before:  # not replaced: nothing names them
                    self._forget_bodies(list(new), made)
                raise
            self.journal.record(lambda: [sync_ops.article_added(a) for a in new.values()])
            if feed_ops is not None:
                self.journal.record(feed_ops)
        return results, changed

    def _save_index(self, articles: list[Article], feed: Feed | None) -> None:
        """New articles' entries and a feed's change, in one write of the index (the change
        merged into the feed's record, as `Table.update` does); the caller holds the lock
        and has checked that no article is stored yet."""
        storage = self._index.storage
        tables = storage.read() or {}
        entries = tables.setdefault(ARTICLES_TABLE, {})
        for article in articles:
            entries[str(records.doc_id(article.id))] = records.article_to_record(article)
        if feed is not None:
            key = str(records.doc_id(feed.id))
            feeds = tables.setdefault(FEEDS_TABLE, {})
            feeds[key] = {**feeds.get(key, {}), **records.feed_to_record(feed)}
        storage.write(tables)

    def _forget_bodies(self, article_ids: list[str], made: Iterable[Path] = ()) -> None:
        """The files of articles whose index entry could not be saved (new, so nothing older)."""
        for article_id in article_ids:
            body = self.layout.body(article_id)
            for path in (body, self.layout.mirror(body), self.layout.analysis(article_id)):
                path.unlink(missing_ok=True)
        for pack in made:
            pack.unlink(missing_ok=True)
