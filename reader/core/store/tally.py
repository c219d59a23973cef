"""Counts over one notes shard, kept until the shard's file changes.

The library screen wants notes and orphans per article on every return from an article,
and the editors want every tag in use; recounting 50,000 notes each time costs half a
second, a cached shard nothing. A note counts only if it reads as one (as `annotations()`
reads it): one it skips is counted nowhere, so `reader ls` agrees with `reader notes`.

The tallies are also kept beside the library (note-tallies.cache), each under its shard's
file signature, so a new process (`reader ls`, the app's start) stats the shards and
reads one small file instead of parsing every note. That file is derived: one that is
missing, damaged or of another version reads as empty and every shard is counted again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tinydb.table import Document

from reader.core.model import Annotation
from reader.core.store.cachefile import NOTE_TALLIES, read_cache, write_cache
from reader.core.store.layout import NOTES_TABLE
from reader.core.store.records import MalformedRecord, read_record

CACHE_NAME, MAGIC = NOTE_TALLIES
VERSION = 1  # bump whenever what a tally counts changes
Signature = tuple[int, int, int]
Tallies = dict[str, tuple[Signature, "ShardTally"]]  # shard file name -> (its signature, its tally)


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
    if into.keys().isdisjoint(counts):  # the usual case: a shard's articles are its own
        into.update(counts)
        return
    for key, count in counts.items():
        into[key] = into.get(key, 0) + count


def load_tallies(path: Path) -> Tallies:
    """The tallies saved at `path`, by shard file name; {} if it is missing or damaged."""
    data = read_cache(path, MAGIC, VERSION)
    if not isinstance(data, dict):
        return {}
    try:
        return {_name(name): _entry(entry) for name, entry in data.items()}
    except (TypeError, ValueError):
        return {}


def save_tallies(path: Path, tallies: Tallies) -> None:
    """Write them atomically; a shard with malformed records is left out (a new process
    counts it again, and so names those records). On a read-only library nothing is written."""
    write_cache(path, MAGIC, VERSION, {
        name: (signature, tally.notes, tally.orphans, dict(tally.tags))
        for name, (signature, tally) in tallies.items() if not tally.malformed
    })


def _name(name: Any) -> str:
    if not isinstance(name, str) or "/" in name:
        raise ValueError("shard name")
    return name


def _entry(entry: Any) -> tuple[Signature, ShardTally]:
    signature, notes, orphans, tags = entry
    if not (isinstance(signature, tuple) and len(signature) == 3 and all(type(n) is int for n in signature)):
        raise ValueError("signature")
    return signature, ShardTally(_counts(notes), _counts(orphans), Counter(_counts(tags)))


def _counts(counts: Any) -> dict[str, int]:
    if not isinstance(counts, dict):
        raise ValueError("counts")
    # by type, not isinstance: marshal gives exact types, and no bool passes as a count
    if counts and (set(map(type, counts)) != {str} or set(map(type, counts.values())) != {int}
                   or min(counts.values()) <= 0):
        raise ValueError("counts")
    return counts
