"""Counts over one notes shard, kept by the Library until the shard's file changes.

The library screen wants notes and orphans per article on every return from an article,
and the editors want every tag in use; recounting 50,000 notes each time costs half a
second, a cached shard nothing. A note counts only if it reads as one (as `annotations()`
reads it): one it skips is counted nowhere, so `reader ls` agrees with `reader notes`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from tinydb.table import Document

from reader.core.model import Annotation
from reader.core.store.layout import NOTES_TABLE
from reader.core.store.records import MalformedRecord, read_record


@dataclass(frozen=True)
class ShardTally:
    """One notes shard's counts: notes and orphans per article, and its notes' tags."""

    notes: dict[str, int]
    orphans: dict[str, int]
    tags: Counter[str]
    malformed: tuple[int, ...] = ()  # records that do not read as a note: counted nowhere, named by the Library

    @classmethod
    def of(cls, docs: list[Document]) -> ShardTally:
        notes: dict[str, int] = {}
        orphans: dict[str, int] = {}
        tags: Counter[str] = Counter()
        malformed = []
        for doc in docs:
            note = _note(doc)
            if note is None:  # as `annotations()` skips it, so do the counts
                malformed.append(doc.doc_id)
                continue
            notes[note.article_id] = notes.get(note.article_id, 0) + 1
            if note.anchor.state == "orphan":
                orphans[note.article_id] = orphans.get(note.article_id, 0) + 1
            tags.update(note.tags)
        return cls(notes, orphans, tags, tuple(malformed))


def _note(doc: Document) -> Annotation | None:
    try:
        note = read_record(NOTES_TABLE, str(doc.doc_id), doc)
    except MalformedRecord:
        return None
    return note if isinstance(note, Annotation) else None


def add_counts(into: dict[str, int], counts: Mapping[str, int]) -> None:
    for key, count in counts.items():
        into[key] = into.get(key, 0) + count
