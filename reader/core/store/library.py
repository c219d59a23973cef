"""The Library: every read and change of a user's articles and notes goes through here.

Each change is made under the cross-process lock on what is on disk now (add these tags,
set the star, edit this note's text), never by writing back a copy read earlier, so the
app and any number of CLI processes can change one library at once and lose nothing.
Reads take no lock: every file is replaced atomically, and the storage re-reads any
file another process replaced. A record that does not read as the model is skipped
by readers (`skipped` says which), kept on disk, and named by `reader doctor`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tinydb import TinyDB, where
from tinydb.table import Document, Table

from reader.core.model import Article, normalize_tags
from reader.core.store import listing, naming, packs, records
from reader.core.store.adding import AddingMixin
from reader.core.store.analyses import AnalysesMixin
from reader.core.store.errors import CorruptFileError, LibraryError, NotFoundError
from reader.core.store.files import (
    dump_json, mark_swept, parse_json, read_bytes, remove_stray_temps, swept_since,
    write_atomic,
)
from reader.core.store.layout import ALIASES_TABLE, ARTICLES_TABLE, FEEDS_TABLE, NOTES_TABLE, SEARCHES_TABLE, Layout
from reader.core.store.locking import LibraryLock
from reader.core.store.choices import ChoicesMixin
from reader.core.store.notes import NotesMixin
from reader.core.store.schema import SCHEMA_VERSION, upgrade, version_of
from reader.core.store.storage import file_signature, open_db, table
from reader.core.store.tally import ShardTally
from reader.core.sync import ops as sync_ops
from reader.core.sync.journal import Journal


class Library(AddingMixin, NotesMixin, ChoicesMixin, AnalysesMixin):
    def __init__(self, home: Path, *, lock_timeout: float | None = None) -> None:
        self.layout = Layout(Path(home))
        _make_home(self.layout.home)
        self._lock = LibraryLock(self.layout.home, self.layout.lock, lock_timeout)
        self.journal = Journal(self.layout.home)  # each change, also recorded for sync once it is used
        self._index = open_db(self.layout.index, self.layout.backup_dir(self.layout.index))
        self._shards: dict[Path, TinyDB] = {}
        self._tallies: dict[Path, tuple[object, ShardTally]] = {}  # see _shard_tallies
        self.skipped: dict[tuple[Path, str], str] = {}  # (file, record key) -> what is wrong with it
        self.unreadable: dict[Path, str] = {}  # damaged files a read left out (a notes shard: its notes) -> why
        self._found_damaged: dict[Path, object] = {}  # each of those -> its file signature when found (forget_mended)
        self._listed_hidden: list[str] = []  # the index's unholdable records, as the article list said them
        self._bodies = packs.Packed(self.layout.bodies)  # article texts stored in packs (body_bytes)
        self._copies = packs.Packed(self.layout.backup_dir(self.layout.body("x")))  # and their copies (body_copy)
        if not listing.vouches(self.layout.home, file_signature(self.layout.index), SCHEMA_VERSION):
            upgrade(self.layout, self._index, self.locked)  # else this very file was found current
        self._clear_stray_temps()

    @property
    def home(self) -> Path:
        return self.layout.home

    def left_out(self, path: Path, error: CorruptFileError, what: str) -> None:
        """A read went on without a damaged file: `what` of it is missing (the CLI prints
        `unreadable` with what to do and exits 1; the app says it once)."""
        self.unreadable[path] = f"{error} ({what})"
        self._found_damaged[path] = file_signature(path)

    def forget_mended(self) -> None:
        """Drop from `unreadable` the files replaced since they were found damaged that read
        cleanly now (`reader doctor --restore` in another shell): the app stops warning about
        them. A notes shard is read again to tell; another file is taken as mended once replaced."""
        for path in list(self.unreadable):
            if path not in self._found_damaged or file_signature(path) == self._found_damaged[path]:
                continue
            if path.parent == self.layout.notes:
                try:
                    self.shard_annotations(path.stem)
                except LibraryError:  # still damaged (differently): still said
                    self._found_damaged[path] = file_signature(path)
                    continue
            del self.unreadable[path]
            del self._found_damaged[path]

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the library lock (re-entrant within this Library), waiting a bounded time."""
        with self._lock.held():
            yield

    def _clear_stray_temps(self) -> None:
        """Temp files a killed writer left; only when no writer is at work this instant
        (one may own a temp now), and never waiting for one. Only in folders changed since
        the last sweep (see `swept_since`): bodies/ and its mirrors hold a file per article."""
        folders = swept_since(self.layout.swept, self.layout.data_dirs())
        if not folders or not self._lock.try_acquire():
            return
        try:
            for directory in folders:
                remove_stray_temps(directory)
            mark_swept(self.layout.swept)
        finally:
            self._lock.release()

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

    def skipped_records(self) -> list[str]:
        """Every record a read so far skipped, as one line each naming its file."""
        lines = [f"{path}: skipped {problem}" for (path, _key), problem in self.skipped.items()]
        if not self._index.storage.has_read:  # the article list stood in for reading it
            lines += [f"{self.layout.index}: skipped {problem}" for problem in self._listed_hidden]
        for db in (self._index, *self._shards.values()):
            for name, bad in db.storage.hidden.items():
                lines += [f"{db.storage.path}: skipped {naming.hidden(name, key, value)}" for key, value in bad.items()]
        return lines

    def _read(self, table_name: str, path: Path, doc: Document) -> Any:
        """One stored record as the model; a malformed one is a CorruptFileError naming it."""
        try:
            return records.read_record(table_name, str(doc.doc_id), doc)
        except records.MalformedRecord as error:
            raise CorruptFileError(path, naming.malformed(table_name, str(doc.doc_id), doc, error)) from None

    def _read_all(self, table_name: str, path: Path, docs: Iterable[Document] | Table) -> Iterator[Any]:
        """Every record that reads as the model; the others are noted in `skipped`, not raised."""
        for doc in docs.all() if isinstance(docs, Table) else docs:
            try:
                yield records.read_record(table_name, str(doc.doc_id), doc)
            except records.MalformedRecord as error:
                self.skipped[(path, str(doc.doc_id))] = naming.malformed(table_name, str(doc.doc_id), doc, error)

    # -- articles -------------------------------------------------------------------------

    def body_bytes(self, article_id: str) -> bytes:
        """The article's text as stored: its file, else its copy in the newest pack of texts
        (see packs.py); CorruptFileError when neither reads (what sync and `article` read)."""
        body = self.layout.body(article_id)
        for fresh in (False, True):  # another process may have packed it since the packs were read
            if (raw := self._bodies.read(body, body.name, fresh=fresh)) is not None:
                return raw
        if damaged := self._bodies.packs().damaged:
            pack, why = next(iter(damaged.items()))
            raise CorruptFileError(body, f"is missing, and the pack of texts {pack} {why}: `reader doctor` says more")
        return read_bytes(body)  # the error a missing file has always had

    def body_copy(self, article_id: str, *, fresh: bool = False) -> bytes | None:
        """The backup copy of the article's text: its copy file, else its copy in the newest
        pack of copies (None: none found); CorruptFileError when it is damaged."""
        body = self.layout.body(article_id)
        return self._copies.read(self.layout.mirror(body), body.name, fresh=fresh)

    def article_ids(self) -> list[str]:
        """The id of every article, without reading the rest of each record."""
        return [doc["id"] for doc in self._articles().all() if isinstance(doc.get("id"), str)]

    def _as_article(self, found: Article | Document) -> Article:
        return found if isinstance(found, Article) else self._read(ARTICLES_TABLE, self.layout.index, found)

    def articles(self) -> list[Article]:
        """Every article without its body, newest added first: from the article list kept
        for the index as it is now (see listing.py), else read, checked and kept there."""
        index = self.layout.index
        listed = listing.load(self.layout.home, file_signature(index), SCHEMA_VERSION)
        if listed is not None:
            try:
                found = listed.articles()
            except (TypeError, ValueError):
                pass
            else:
                self.skipped.update({(index, key): problem for key, problem in listed.malformed})
                self._listed_hidden = listed.hidden
                return found
        docs = self._articles().all()
        tables, signature = self._index.storage.read(), self._index.storage.signature
        malformed: list[tuple[str, str]] = []
        found = []
        for doc in docs:
            try:
                found.append(records.read_record(ARTICLES_TABLE, str(doc.doc_id), doc))
            except records.MalformedRecord as error:
                malformed.append((str(doc.doc_id), naming.malformed(ARTICLES_TABLE, str(doc.doc_id), doc, error)))
        self.skipped.update({(index, key): problem for key, problem in malformed})
        found.sort(key=lambda a: (a.added, a.id), reverse=True)
        if tables and signature is not None and _current_schema(index, tables):
            hidden = [naming.hidden(name, key, value)
                      for name, bad in self._index.storage.hidden.items() for key, value in bad.items()]
            listing.save(self.layout.home, signature, SCHEMA_VERSION,
                         listing.Listed([listing.row(a) for a in found], malformed, hidden))
        return found

    def article(self, article_id: str, *, check_copy: bool = False) -> Article:
        """The article with its text. With `check_copy` (the article shown to the reader), a
        text file that differs from its backup copy (a few bytes changed on disk still read
        as JSON) is shown as it is and named in `unreadable`, as doctor would name it."""
        article = self._stored_article(article_id)
        body = self.layout.body(article_id)
        raw = self.body_bytes(article_id)
        try:
            article.blocks = records.blocks_from_record(parse_json(body, raw))
        except (KeyError, TypeError, ValueError) as error:
            raise CorruptFileError(body, f"a record is malformed ({type(error).__name__}: {error})") from error
        if check_copy and self._same_as_copy(article_id, raw):
            self.unreadable.pop(body, None)  # (mended since it was last shown)
        elif check_copy:
            self.left_out(body, CorruptFileError(body, "differs from its backup copy (changed outside reader?)"),
                          "its text is shown as it is now")
        return article

    def _same_as_copy(self, article_id: str, raw: bytes) -> bool:
        """Whether the text's backup copy holds these bytes (none, or one that cannot be read:
        taken as the same; `reader doctor` names a damaged copy). A pack read before
        another process packed a newer copy is read again before saying they differ."""
        for fresh in (False, True):
            try:
                copy = self.body_copy(article_id, fresh=fresh)
            except CorruptFileError:
                copy = None
            if copy is None or copy == raw:
                return True
        return False

    def article_state(self, article_id: str) -> Article:
        """The article as the index holds it (tags, star, read, position), without its body."""
        return self._stored_article(article_id)

    def library_signature(self) -> object:
        """What changes when any process changes an article's entry or any note (a notes
        shard is saved, or restored, by a rename into its folder, which changes the folder)."""
        return file_signature(self.layout.index), file_signature(self.layout.notes)

    def signatures(self, article_id: str) -> tuple[object, object]:
        """What changes when any process changes the article's notes, or its index entry."""
        return file_signature(self.layout.shard(article_id)), file_signature(self.layout.index)

    def _stored_article(self, article_id: str) -> Article:
        doc = self._articles().get(doc_id=records.doc_id(article_id))
        if doc is None:
            raise NotFoundError(f"no article {article_id}")
        return self._read(ARTICLES_TABLE, self.layout.index, doc)

    def resolve_article(self, prefix: str) -> str:
        try:
            return resolve_prefix(prefix, [a.id for a in self.articles()], "article")
        except NotFoundError as error:
            if said := self.note_id_given_for_article(prefix):
                raise NotFoundError(said) from error
            raise

    def tag_article(self, article_id: str, add: Iterable[str] = (), remove: Iterable[str] = ()) -> Article:
        """Add and remove these tags on the article as stored now; the others stay."""
        removed, asked = set(normalize_tags(list(remove))), normalize_tags(list(add))
        with self.locked():
            current = self._stored_article(article_id)
            tags = normalize_tags([t for t in current.tags if t not in removed] + asked)
            before = list(current.tags)
            changed = self._change_article(current, tags=tags)
            # a tag asked for is an add even when it was there: said again, it outlives a
            # removal made on another device meanwhile (sync keeps an add the removal did not see)
            self.journal.record(lambda: [sync_ops.tags_changed(
                sync_ops.article_key(article_id), [t for t in tags if t not in before or t in asked],
                [t for t in before if t not in tags])])
            return changed

    def update_article(self, article_id: str, **changes: object) -> Article:
        """Set the user's state on an article: starred, read, position (tags: `tag_article`)."""
        allowed = {"starred", "read", "position"}
        if not changes.keys() <= allowed:
            raise ValueError(f"cannot change {sorted(changes.keys() - allowed)}")
        with self.locked():
            changed = self._change_article(self._stored_article(article_id), **changes)
            self.journal.record(lambda: [sync_ops.article_fields(article_id, **changes)])
            return changed

    def mark_read(self, article_ids: Iterable[str], read: bool = True) -> list[str]:
        """Set `read` on many articles in one write; the ids whose state it changed (for an undo
        that puts back exactly those). Ids no longer in the library are passed over."""
        with self.locked():
            table = self._articles()
            stored = {doc.doc_id: doc for doc in table.all()}
            changed = [
                article_id for article_id in dict.fromkeys(article_ids)
                if (doc := stored.get(records.doc_id(article_id))) is not None and bool(doc.get("read")) != read
            ]
            if changed:
                table.update({"read": read}, doc_ids=[records.doc_id(i) for i in changed])
                self.journal.record(lambda: [sync_ops.article_fields(i, read=read) for i in changed])
            return changed

    def _change_article(self, current: Article, **changes: object) -> Article:
        self._articles().update(dict(changes), doc_ids=[records.doc_id(current.id)])
        for name, value in changes.items():
            setattr(current, name, value)
        return current

    def replace_body(self, fresh: Article) -> Article:
        """A re-fetched article's new text and metadata; the user's state on it stays.

        Its notes are not touched here: re-anchoring them is the caller's (see
        `reader.core.reanchor`), saved with `add_annotations`. The old analysis goes.
        """
        if fresh.blocks is None:
            raise ValueError("a body is needed to replace one")
        with self.locked():
            current = self._stored_article(fresh.id)
            body = self.layout.body(fresh.id)
            write_atomic(body, dump_json(records.blocks_to_record(fresh.blocks)), self.layout.backup_dir(body))
            changes = {
                "title": fresh.title, "author": fresh.author, "source": fresh.source, "url": fresh.url or current.url,
                "published": (fresh.published or current.published),
                "word_count": fresh.word_count,
            }
            stored = {**changes, "published": changes["published"].isoformat() if changes["published"] else None}
            self._articles().update(stored, doc_ids=[records.doc_id(fresh.id)])
            self.layout.analysis(fresh.id).unlink(missing_ok=True)
            for name, value in changes.items():
                setattr(current, name, value)
            current.blocks = fresh.blocks
            self.journal.record(lambda: [sync_ops.article_fields(current.id, meta=sync_ops.article_meta(
                current, sync_ops.content_address(sync_ops.body_bytes(current))))])
            return current

    def remove(self, article_id: str) -> int:
        """Remove an article and its notes; returns how many notes went with it."""
        with self.locked():
            if not self._articles().contains(doc_id=records.doc_id(article_id)):
                raise NotFoundError(f"no article {article_id}")
            notes = self._notes(article_id)
            gone = [str(doc["id"]) for doc in notes.search(where("article_id") == article_id)]
            notes.remove(where("article_id") == article_id)
            self._articles().remove(doc_ids=[records.doc_id(article_id)])
            body = self.layout.body(article_id)
            for path in (body, *self.layout.backups_of(body), self.layout.analysis(article_id)):
                path.unlink(missing_ok=True)
            # Its notes are said gone too: a note another device made on it without seeing
            # this removal is then the only kind left alive, and brings the article back (sync/apply.py).
            self.journal.record(lambda: [sync_ops.article_fields(article_id, alive=False),
                                         *(sync_ops.note_removed(article_id, n) for n in gone)])
        return len(gone)




def _current_schema(index: Path, tables: dict[str, Any]) -> bool:
    try:
        return version_of(index, tables) == SCHEMA_VERSION
    except CorruptFileError:
        return False


def _make_home(home: Path) -> None:
    """The library folder, made if need be; one that cannot be made is a clear error, and one
    that exists on a read-only disk is fine for reading."""
    try:
        home.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise LibraryError(f"{home}: is a file, not a library folder") from None
    except OSError as error:
        if not home.is_dir():
            raise LibraryError(f"{home}: cannot make the library folder ({error.strerror or error})") from None
    if not home.is_dir():
        raise LibraryError(f"{home}: is a file, not a library folder")


def resolve_prefix(prefix: str, ids: list[str], kind: str) -> str:
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
