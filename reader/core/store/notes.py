"""The Library's notes: each change made under the lock, on the record as it is on disk now.

An edit names the fields the user changed (the note's text, tags added or removed, the
colour), so an edit in the app never undoes a tag the CLI added to the same note meanwhile.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from tinydb.table import Document, Table

from reader.core.model import Annotation, Selector, new_id, normalize_tags, now
from reader.core.sanitize import sanitize
from reader.core.store import records
from reader.core.store.errors import CorruptFileError, LibraryError, NotFoundError
from reader.core.store.layout import NOTES_TABLE
from reader.core.store.storage import file_signature
from reader.core.store.tally import CACHE_NAME as TALLY_CACHE
from reader.core.store.tally import ShardTally, add_counts, load_tallies, save_tallies
from reader.core.sync import ops as sync_ops

if TYPE_CHECKING:
    from reader.core.store.library import Library

    _Base = Library
else:
    _Base = object


NOTES_LEFT_OUT = "its notes are left out"  # what a damaged notes shard costs a listing


class NotesMixin(_Base):
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
            self.journal.record(lambda: [sync_ops.note_put(annotation)])
        return annotation

    def edit_annotation(
        self,
        annotation: Annotation,
        *,
        note: str | None = None,
        add_tags: Iterable[str] = (),
        remove_tags: Iterable[str] = (),
        color: int | None = None,
    ) -> Annotation:
        """Change only what is given, on the note as stored now; the edited note."""
        with self.locked():
            current = self._stored_annotation(annotation)
            before = replace(current, tags=list(current.tags))
            if note is not None:
                current.note = sanitize(note)
            removed = set(normalize_tags(list(remove_tags)))
            asked = normalize_tags(list(add_tags))
            current.tags = normalize_tags([t for t in current.tags if t not in removed] + asked)
            if color is not None:
                current.color = color
            current.updated = now()
            self._notes(current.article_id).update(
                records.annotation_to_record(current), doc_ids=[records.doc_id(current.id)]
            )
            self.journal.record(lambda: [sync_ops.note_edited(before, current, asked)])
        return current

    def delete_annotation(self, annotation: Annotation) -> Annotation | None:
        """Remove a note; the note as it was stored, or None if it was already gone."""
        with self.locked():
            try:
                current = self._stored_annotation(annotation)
            except NotFoundError:
                return None
            self._notes(annotation.article_id).remove(doc_ids=[records.doc_id(annotation.id)])
            self.journal.record(lambda: [sync_ops.note_deleted(current)])
        return current

    def restore_annotation(self, annotation: Annotation) -> Annotation:
        """Put back a deleted annotation as it was, same id (undo)."""
        with self.locked():
            notes = self._notes(annotation.article_id)
            notes.upsert(Document(records.annotation_to_record(annotation), doc_id=records.doc_id(annotation.id)))
            self.journal.record(lambda: [sync_ops.note_put(annotation)])
        return annotation

    def add_annotations(self, annotations: Sequence[Annotation], *, keep_newer: bool = False) -> list[str]:
        """Store many annotations at once (imports, re-anchoring): two writes per shard touched.

        An annotation whose id is already stored is replaced by the one given, so importing
        the same file twice leaves one copy of each note. With `keep_newer` (imports), one
        whose stored copy was edited at the same moment or later is left as stored, decided
        under the lock on what is on disk then, so an old export never undoes a newer edit;
        the ids so left are returned.
        """
        by_shard: dict[Path, list[Annotation]] = {}
        for annotation in annotations:
            annotation.note = sanitize(annotation.note)
            annotation.tags = normalize_tags(annotation.tags)
            by_shard.setdefault(self.layout.shard(annotation.article_id), []).append(annotation)
        kept: list[str] = []
        with self.locked():
            for group in by_shard.values():
                notes = self._notes(group[0].article_id)
                if keep_newer:
                    group, newer = _split_by_age(notes, group)
                    kept.extend(newer)
                _replace(notes, group)
                self.journal.record(lambda group=group: [sync_ops.note_put(a) for a in group])
        return kept

    def _stored_annotation(self, annotation: Annotation) -> Annotation:
        doc = self._notes(annotation.article_id).get(doc_id=records.doc_id(annotation.id))
        if doc is None:
            raise NotFoundError(f"no note {annotation.id}")
        return self._read(NOTES_TABLE, self.layout.shard(annotation.article_id), doc)

    # -- reading ------------------------------------------------------------------------------

    def annotations(self, article_id: str | None = None, *, skip_damaged: bool = False) -> list[Annotation]:
        """One article's notes in text order, or every note, newest first. With
        `skip_damaged`, for a listing: a damaged shard's notes are left out and the file
        is named in `unreadable`; without, it raises (an export or a change must not go
        on as if those notes did not exist)."""
        if article_id is not None:
            records.doc_id(article_id)  # a malformed id is "not found", not a crash
            found = [a for a in self._readable(article_id, skip_damaged) if a.article_id == article_id]
            return sorted(found, key=lambda a: (a.selector.start, a.selector.end))
        shards = self.layout.expected(self.layout.notes, "*.json")  # a deleted one says it is missing
        found = [a for path in shards for a in self._readable(path.stem, skip_damaged)]
        return sorted(found, key=lambda a: (a.created, a.id), reverse=True)

    def _readable(self, article_id: str, skip_damaged: bool) -> list[Annotation]:
        try:
            return self._shard_annotations(article_id)
        except CorruptFileError as error:
            if not skip_damaged:
                raise
            self.left_out(error.path, error, NOTES_LEFT_OUT)
            return []

    def shard_annotations(self, shard: str) -> list[Annotation]:
        """Every note of one notes shard (named as its file, without .json), read once: the
        search index re-reads a shard whose file changed without a read per article in it."""
        return self._shard_annotations(shard)

    def _shard_annotations(self, article_id: str) -> list[Annotation]:
        path = self.layout.shard(article_id)
        return list(self._read_all(NOTES_TABLE, path, self._notes(article_id)))

    def resolve_annotation(self, prefix: str) -> Annotation:
        from reader.core.store.library import resolve_prefix

        notes = {a.id: a for a in self.annotations()}
        return notes[resolve_prefix(prefix, list(notes), "note")]

    def note_id_given_for_article(self, prefix: str) -> str:
        """When an article's id was asked for and `prefix` names a note: saying so and whose it
        is, else "" (read only to explain a failed lookup)."""
        try:
            note = self.resolve_annotation(prefix)
            title = self.article(note.article_id).title
        except (NotFoundError, LibraryError):
            return ""
        return f"{prefix.strip()!r} is a note's id, not an article's: the note is on “{title}”, article {note.article_id[:8]}"

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

    def _shard_tallies(self) -> list[ShardTally]:
        """Each notes shard's counts, counted again only when its file changed: this
        process's own, else those kept beside the library by any process (see tally.py)."""
        shards = self.layout.expected(self.layout.notes, "*.json")  # a deleted one says it is missing
        if not self._tallies:
            saved = load_tallies(self.layout.home / TALLY_CACHE)
            folder = self.layout.notes
            self._tallies.update({folder / name: entry for name, entry in saved.items()})
        counted = False
        found = []
        for path in shards:
            signature = file_signature(path)
            cached = self._tallies.get(path)
            if cached is None or cached[0] != signature:
                try:
                    tally = self._count_shard(path)
                except CorruptFileError as error:  # its articles are still listed, their notes left out
                    self.left_out(path, error, NOTES_LEFT_OUT)
                    self._tallies.pop(path, None)
                    continue
                self.unreadable.pop(path, None)
                cached = self._tallies[path] = (signature, tally)
                counted = True
            found.append(cached[1])
        if counted or len(self._tallies) + len(self.unreadable) != len(shards):
            for gone in self._tallies.keys() - set(shards):
                del self._tallies[gone]
            save_tallies(self.layout.home / TALLY_CACHE, {path.name: entry for path, entry in self._tallies.items()})
        return found

    def _count_shard(self, path: Path) -> ShardTally:
        docs = self._notes(path.stem).all()
        tally = ShardTally.of(docs)
        bad = set(tally.malformed)
        list(self._read_all(NOTES_TABLE, path, [d for d in docs if d.doc_id in bad]))  # names them
        return tally


def _replace(notes: Table, group: list[Annotation]) -> None:
    """Write `group` into one shard's table, each in place of any note with its id."""
    ids = [records.doc_id(a.id) for a in group]
    if present := [i for i in ids if notes.contains(doc_id=i)]:
        notes.remove(doc_ids=present)
    if group:
        notes.insert_multiple(
            Document(records.annotation_to_record(a), doc_id=i) for a, i in zip(group, ids, strict=True)
        )


def _split_by_age(notes: Table, group: list[Annotation]) -> tuple[list[Annotation], list[str]]:
    """The notes to write, and the ids of those whose stored copy is as new or newer."""
    newer = [a.id for a in group if _stored_is_newer(notes.get(doc_id=records.doc_id(a.id)), a)]
    return [a for a in group if a.id not in newer], newer


def _stored_is_newer(doc: Document | None, incoming: Annotation) -> bool:
    """Whether the library's copy was edited no earlier than `incoming` (a tie keeps it).

    The model has one `updated` per note, so the whole note is kept or replaced; a stored
    record that does not read is replaced, as before.
    """
    if doc is None:
        return False
    try:
        stored = records.read_record(NOTES_TABLE, str(doc.doc_id), doc)
    except records.MalformedRecord:
        return False
    return _utc(stored.updated) >= _utc(incoming.updated)


def _utc(moment: datetime) -> datetime:
    """A time comparable with any other: one without a zone is taken as UTC, as imports do."""
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
