"""The Library: every read and change of a user's articles and notes goes through here.

Each change holds the cross-process lock for its whole read-modify-write, so the app
and the CLI can run at once; reads see other processes' changes because the storage
re-reads any file that was replaced.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout
from tinydb import TinyDB, where
from tinydb.table import Document, Table

from reader.core.model import Analysis, Annotation, Article, Feed, Selector, new_id, normalize_tags, now, stable_id
from reader.core.sanitize import sanitize
from reader.core.store import records
from reader.core.store.errors import CorruptFileError, LibraryError, NotFoundError
from reader.core.store.files import dump_json, read_json, remove_stray_temps, write_atomic
from reader.core.store.layout import ALIASES_TABLE, ARTICLES_TABLE, FEEDS_TABLE, NOTES_TABLE, SEARCHES_TABLE, Layout
from reader.core.store.schema import upgrade
from reader.core.store.storage import file_signature, open_db, table
from reader.core.store.tally import ShardTally, add_counts

LOCK_TIMEOUT = 30.0


class Library:
    def __init__(self, home: Path) -> None:
        self.layout = Layout(Path(home))
        self.layout.home.mkdir(parents=True, exist_ok=True)
        self._lock = FileLock(self.layout.lock, timeout=LOCK_TIMEOUT)
        self._index = open_db(self.layout.index, self.layout.backup_dir(self.layout.index))
        self._shards: dict[Path, TinyDB] = {}
        self._tallies: dict[Path, tuple[object, ShardTally]] = {}  # see _shard_tallies
        with self.locked():
            for directory in self.layout.data_dirs():
                remove_stray_temps(directory)
            upgrade(self.layout, self._index)

    @property
    def home(self) -> Path:
        return self.layout.home

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the library lock (re-entrant within this Library)."""
        try:
            with self._lock:
                yield
        except Timeout:
            raise LibraryError(
                f"{self.layout.lock}: another reader has held the library lock for "
                f"{LOCK_TIMEOUT:.0f} s; try again"
            ) from None

    def close(self) -> None:
        self._index.close()
        for shard in self._shards.values():
            shard.close()

    # -- tables -------------------------------------------------------------------------

    def _articles(self) -> Table:
        return table(self._index, ARTICLES_TABLE)

    def _feeds(self) -> Table:
        return table(self._index, FEEDS_TABLE)

    def _searches(self) -> Table:
        return table(self._index, SEARCHES_TABLE)

    def _aliases(self) -> Table:
        return table(self._index, ALIASES_TABLE)

    def _notes(self, article_id: str) -> Table:
        path = self.layout.shard(article_id)
        if path not in self._shards:
            self._shards[path] = open_db(path, self.layout.backup_dir(path))
        return table(self._shards[path], NOTES_TABLE)

    # -- articles -------------------------------------------------------------------------

    def add(self, article: Article) -> tuple[Article, bool]:
        """Store a new article; an article already here is returned as it is, notes and all."""
        if article.blocks is None:
            raise ValueError("an article is added with its body")
        with self.locked():
            existing = self._articles().get(doc_id=records.doc_id(article.id))
            if existing is not None:
                return records.article_from_record(existing), False
            write_atomic(self.layout.body(article.id), dump_json(records.blocks_to_record(article.blocks)))
            self._articles().insert(
                Document(records.article_to_record(article), doc_id=records.doc_id(article.id))
            )
        return article, True

    def articles(self) -> list[Article]:
        """Every article without its body, newest added first."""
        with _malformed(self.layout.index):
            found = [records.article_from_record(doc) for doc in self._articles().all()]
        return sorted(found, key=lambda a: (a.added, a.id), reverse=True)

    def article(self, article_id: str) -> Article:
        doc = self._articles().get(doc_id=records.doc_id(article_id))
        if doc is None or doc.get("id") != article_id:
            raise NotFoundError(f"no article {article_id}")
        body = self.layout.body(article_id)
        with _malformed(body):
            return records.article_from_record(doc, records.blocks_from_record(read_json(body)))

    def resolve_article(self, prefix: str) -> str:
        return _resolve(prefix, [a.id for a in self.articles()], "article")

    def update_article(self, article_id: str, **changes: object) -> Article:
        """Change the user's state on an article: tags, starred, read, position."""
        allowed = {"tags", "starred", "read", "position"}
        if not changes.keys() <= allowed:
            raise ValueError(f"cannot change {sorted(changes.keys() - allowed)}")
        if "tags" in changes:
            changes["tags"] = normalize_tags(changes["tags"])  # type: ignore[arg-type]
        with self.locked():
            doc = self._articles().get(doc_id=records.doc_id(article_id))
            if doc is None:
                raise NotFoundError(f"no article {article_id}")
            self._articles().update(dict(changes), doc_ids=[doc.doc_id])
            return records.article_from_record({**doc, **changes})

    def replace_body(self, fresh: Article) -> Article:
        """A re-fetched article's new text and metadata; the user's state on it stays.

        Its notes are not touched here: re-anchoring them is the caller's (see
        `reader.core.reanchor`), saved with `add_annotations`. The old analysis goes.
        """
        if fresh.blocks is None:
            raise ValueError("a body is needed to replace one")
        with self.locked():
            doc = self._articles().get(doc_id=records.doc_id(fresh.id))
            if doc is None:
                raise NotFoundError(f"no article {fresh.id}")
            write_atomic(self.layout.body(fresh.id), dump_json(records.blocks_to_record(fresh.blocks)))
            changes = {
                "title": fresh.title, "author": fresh.author, "source": fresh.source, "url": fresh.url or doc.get("url"),
                "published": fresh.published.isoformat() if fresh.published else doc.get("published"),
                "word_count": fresh.word_count,
            }
            self._articles().update(changes, doc_ids=[doc.doc_id])
            self.layout.analysis(fresh.id).unlink(missing_ok=True)
            return records.article_from_record({**doc, **changes}, fresh.blocks)

    def analysis(self, article_id: str) -> Analysis | None:
        """The stored analysis, or None; a damaged one is None too, since it can be recomputed."""
        path = self.layout.analysis(article_id)
        try:
            return records.analysis_from_record(read_json(path)) if path.exists() else None
        except (CorruptFileError, KeyError, TypeError, ValueError):
            return None

    def save_analysis(self, article_id: str, analysis: Analysis) -> None:
        with self.locked():
            write_atomic(self.layout.analysis(article_id), dump_json(records.analysis_to_record(analysis)))

    def remove(self, article_id: str) -> int:
        """Remove an article and its notes; returns how many notes went with it."""
        with self.locked():
            if not self._articles().contains(doc_id=records.doc_id(article_id)):
                raise NotFoundError(f"no article {article_id}")
            notes = self._notes(article_id)
            gone = notes.remove(where("article_id") == article_id)
            self._articles().remove(doc_ids=[records.doc_id(article_id)])
            self.layout.body(article_id).unlink(missing_ok=True)
            self.layout.analysis(article_id).unlink(missing_ok=True)
        return len(gone)

    # -- annotations ------------------------------------------------------------------------

    def annotate(
        self,
        article_id: str,
        start: int,
        end: int,
        *,
        note: str = "",
        tags: list[str] | None = None,
        color: int = 1,
    ) -> Annotation:
        """Keep the passage text[start:end] of an article, with an optional note."""
        with self.locked():
            article = self.article(article_id)
            annotation = Annotation(
                id=new_id(),
                article_id=article_id,
                selector=Selector.at(article.text, start, end),
                note=sanitize(note),
                tags=normalize_tags(tags or []),
                color=color,
            )
            self._notes(article_id).insert(
                Document(records.annotation_to_record(annotation), doc_id=records.doc_id(annotation.id))
            )
        return annotation

    def save_annotation(self, annotation: Annotation) -> Annotation:
        """Store an edited annotation (note, tags, colour, selector)."""
        with self.locked():
            annotation.note = sanitize(annotation.note)
            annotation.tags = normalize_tags(annotation.tags)
            annotation.updated = now()
            record = records.annotation_to_record(annotation)
            notes = self._notes(annotation.article_id)
            if not notes.contains(doc_id=records.doc_id(annotation.id)):
                raise NotFoundError(f"no note {annotation.id}")
            notes.upsert(Document(record, doc_id=records.doc_id(annotation.id)))
        return annotation

    def restore_annotation(self, annotation: Annotation) -> Annotation:
        """Put back a deleted annotation as it was, same id (undo)."""
        with self.locked():
            notes = self._notes(annotation.article_id)
            notes.upsert(Document(records.annotation_to_record(annotation), doc_id=records.doc_id(annotation.id)))
        return annotation

    def add_annotations(self, annotations: Sequence[Annotation]) -> None:
        """Store many annotations at once (imports, benchmarks): two writes per shard touched.

        An annotation whose id is already stored is replaced by the one given, so importing
        the same file twice leaves one copy of each note.
        """
        by_shard: dict[Path, list[Annotation]] = {}
        for annotation in annotations:
            annotation.note = sanitize(annotation.note)
            annotation.tags = normalize_tags(annotation.tags)
            by_shard.setdefault(self.layout.shard(annotation.article_id), []).append(annotation)
        with self.locked():
            for group in by_shard.values():
                notes = self._notes(group[0].article_id)
                ids = [records.doc_id(a.id) for a in group]
                if present := [i for i in ids if notes.contains(doc_id=i)]:
                    notes.remove(doc_ids=present)
                notes.insert_multiple(
                    Document(records.annotation_to_record(a), doc_id=i) for a, i in zip(group, ids, strict=True)
                )

    def delete_annotation(self, annotation: Annotation) -> None:
        with self.locked():
            self._notes(annotation.article_id).remove(doc_ids=[records.doc_id(annotation.id)])

    def annotations(self, article_id: str | None = None) -> list[Annotation]:
        """One article's notes in text order, or every note, newest first."""
        if article_id is not None:
            records.doc_id(article_id)  # a malformed id is "not found", not a crash
            with _malformed(self.layout.shard(article_id)):
                docs = [d for d in self._notes(article_id).all() if d["article_id"] == article_id]
                found = [records.annotation_from_record(d) for d in docs]
            return sorted(found, key=lambda a: (a.selector.start, a.selector.end))
        found = []
        for path in self.layout.shards():
            with _malformed(path):
                found += [records.annotation_from_record(doc) for doc in self._notes(path.stem).all()]
        return sorted(found, key=lambda a: (a.created, a.id), reverse=True)

    def note_counts(self) -> dict[str, int]:
        return self.note_tallies()[0]

    def orphan_counts(self) -> dict[str, int]:
        """Per article, how many of its notes a refresh could not place (articles with none left out)."""
        return self.note_tallies()[1]

    def note_tallies(self) -> tuple[dict[str, int], dict[str, int]]:
        """Per article, its notes and its orphaned notes.

        The library screen asks on every return from an article; each shard is counted
        again only when its file changed (in this process or another).
        """
        notes: dict[str, int] = {}
        orphans: dict[str, int] = {}
        for tally in self._shard_tallies():
            add_counts(notes, tally.notes)
            add_counts(orphans, tally.orphans)
        return notes, orphans

    def tag_counts(self) -> dict[str, int]:
        """Every tag in use, on articles and notes, with how often: the editors' autocomplete."""
        counts: dict[str, int] = {}
        add_counts(counts, Counter(t for a in self.articles() for t in a.tags))
        for tally in self._shard_tallies():
            add_counts(counts, tally.tags)
        return counts

    def _shard_tallies(self) -> Iterator[ShardTally]:
        """Each notes shard's counts, recounted only when its file changed."""
        for path in self.layout.shards():
            signature = file_signature(path)
            cached = self._tallies.get(path)
            if cached is None or cached[0] != signature:
                cached = self._tallies[path] = (signature, ShardTally.of(self._notes(path.stem).all()))
            yield cached[1]

    # -- feeds --------------------------------------------------------------------------------

    def feeds(self) -> list[Feed]:
        """The subscriptions, in the order they were added."""
        with _malformed(self.layout.index):
            found = [records.feed_from_record(doc) for doc in self._feeds().all()]
        return sorted(found, key=lambda f: (f.added, f.url))

    def save_feed(self, feed: Feed) -> Feed:
        """Add a subscription, or store a changed one (title, tags, ETag, last check)."""
        feed.tags = normalize_tags(feed.tags)
        with self.locked():
            self._feeds().upsert(Document(records.feed_to_record(feed), doc_id=records.doc_id(feed.id)))
        return feed

    def remove_feed(self, feed_id: str) -> None:
        """Forget a subscription; the articles it brought stay, notes and all."""
        with self.locked():
            feeds, doc = self._feeds(), records.doc_id(feed_id)
            if not feeds.contains(doc_id=doc):
                raise NotFoundError(f"no feed {feed_id}")
            feeds.remove(doc_ids=[doc])

    # -- saved searches ---------------------------------------------------------------------

    def searches(self) -> dict[str, str]:
        """The user's saved searches, name -> query, in the order they were saved."""
        with _malformed(self.layout.index):
            return {doc["name"]: doc["query"] for doc in self._searches().all()}

    def save_search(self, name: str, query: str) -> None:
        """Keep a query under a name (a second save under the same name replaces it)."""
        name, query = sanitize(name).strip(), sanitize(query).strip()
        if not name or not query:
            raise ValueError("a saved search needs a name and a query")
        with self.locked():
            self._searches().upsert(Document({"name": name, "query": query}, doc_id=_search_doc_id(name)))

    def delete_search(self, name: str) -> None:
        with self.locked():
            searches, doc = self._searches(), _search_doc_id(name)
            if searches.contains(doc_id=doc):
                searches.remove(doc_ids=[doc])

    # -- entity aliases (merges) ------------------------------------------------------------

    def aliases(self) -> dict[str, str]:
        """Merged entity names: name -> the name it was merged into (applied when names are read)."""
        with _malformed(self.layout.index):
            return {doc["name"]: doc["into"] for doc in self._aliases().all()}

    def save_aliases(self, mapping: dict[str, str]) -> None:
        """Merge each name into its target (a name saved again is re-pointed)."""
        clean = {sanitize(k).strip(): sanitize(v).strip() for k, v in mapping.items()}
        if any(not k or not v or k == v for k, v in clean.items()):
            raise ValueError("an alias needs a name and a different name to merge it into")
        with self.locked():
            aliases = self._aliases()
            for name, into in clean.items():
                aliases.upsert(Document({"name": name, "into": into}, doc_id=_alias_doc_id(name)))

    def remove_alias(self, name: str) -> bool:
        """Unmerge a name; False if it was not merged."""
        with self.locked():
            aliases, doc = self._aliases(), _alias_doc_id(sanitize(name).strip())
            if not aliases.contains(doc_id=doc):
                return False
            aliases.remove(doc_ids=[doc])
            return True

    def resolve_annotation(self, prefix: str) -> Annotation:
        notes = {a.id: a for a in self.annotations()}
        return notes[_resolve(prefix, list(notes), "note")]


def _search_doc_id(name: str) -> int:
    return records.doc_id(stable_id(f"search:{name}"))


def _alias_doc_id(name: str) -> int:
    return records.doc_id(stable_id(f"alias:{name}"))


@contextmanager
def _malformed(path: Path) -> Iterator[None]:
    """A record that does not read as the model: the file is corrupt, say which."""
    try:
        yield
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise CorruptFileError(path, f"a record is malformed ({type(error).__name__}: {error})") from error


def _resolve(prefix: str, ids: list[str], kind: str) -> str:
    """The one id starting with `prefix`."""
    prefix = prefix.strip().lower()
    if not prefix:
        raise NotFoundError(f"give an {kind} id" if kind[0] in "aeiou" else f"give a {kind} id")
    matches = [i for i in ids if i.startswith(prefix)]
    if not matches:
        raise NotFoundError(f"no {kind} with an id starting {prefix!r}")
    if len(matches) > 1:
        raise NotFoundError(f"{prefix!r} matches {len(matches)} {kind}s; type more of the id")
    return matches[0]
