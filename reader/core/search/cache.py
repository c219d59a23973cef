"""The index cache: the built index saved in the library folder for the CLI's cold start.

Reading 50,000 notes and tokenising them takes seconds; loading this file takes a small
fraction of that. It is `marshal` data (plain ints, strings, bytes, tuples, dicts: no
code runs on load, unlike pickle) behind a header with a format version and a CRC-32 (damage, not tampering: the
file is the user's own)
of the payload, and it records the stat signature of every library file it was built
from, so the caller refreshes exactly what changed since. Anything unexpected on load
(wrong magic, version, checksum, shape) returns None and the index is rebuilt: a damaged
cache is never an error.
"""

from __future__ import annotations

import os
from array import array
from itertools import chain
from pathlib import Path
from typing import Any

from reader.core.search.postings import Postings, Vocabulary
from reader.core.search.tables import ARTICLE_FIELDS, NOTE_FIELDS, Articles, Notes, Texts, tag_words
from reader.core.store.cachefile import SEARCH_INDEX, read_cache, write_cache
from reader.core.store.layout import Layout

CACHE_NAME, MAGIC = SEARCH_INDEX
VERSION = 9  # bump whenever the index's shape or the text normalisation changes
Signature = tuple[int, int, int]
Signatures = dict[str, Signature]

_NOTE_ARRAYS = {"article": "I", "created": "q", "day": "i", "updated": "q", "start": "I", "end": "I", "length": "I"}
_NOTE_BYTES = ("color", "has_note")
_NOTE_TEXTS = ("note", "quote")
_NOTE_LISTS = ("ids",)
_ARTICLE_ARRAYS = {"day": "i", "added": "q", "length": "I"}
_ARTICLE_BYTES = ("starred", "read")
_ARTICLE_LISTS = ("ids", "title", "source", "author", "text", "tags", "speakers", "names", "name_words")


def cache_path(layout: Layout) -> Path:
    return layout.home / CACHE_NAME


def signatures(layout: Layout) -> Signatures:
    """The stat identity of every file the index reads: library.json, note shards, analyses.

    Bodies are left out: they are written once, when their article is added, which changes
    library.json anyway.
    """
    found: Signatures = {}
    try:
        st = os.stat(layout.index)
        found["library.json"] = (st.st_ino, st.st_mtime_ns, st.st_size)
    except FileNotFoundError:
        pass
    for directory in (layout.notes, layout.analyses):
        try:
            entries = os.scandir(directory)
        except FileNotFoundError:
            continue
        with entries:
            for entry in entries:
                if entry.name.endswith(".json") and not entry.name.startswith("."):
                    st = entry.stat()
                    found[f"{directory.name}/{entry.name}"] = (st.st_ino, st.st_mtime_ns, st.st_size)
    return found


def save(path: Path, state: dict[str, Any]) -> None:
    """Write the cache atomically; failing to write it only costs the next start a rebuild."""
    write_cache(path, MAGIC, VERSION, state)


def load(path: Path) -> dict[str, Any] | None:
    state = read_cache(path, MAGIC, VERSION)
    return state if isinstance(state, dict) else None


# -- the index <-> plain data ---------------------------------------------------------------


def dump_state(
    notes: Notes, articles: Articles, vocabulary: Vocabulary, sigs: Signatures, notes_of: dict[int, set[int]],
) -> dict[str, Any]:
    note_data: dict[str, Any] = {k: getattr(notes, k).tobytes() for k in _NOTE_ARRAYS}
    note_data.update({k: bytes(getattr(notes, k)) for k in _NOTE_BYTES})
    note_data.update({k: getattr(notes, k) for k in _NOTE_LISTS})
    note_data.update({k: getattr(notes, k).to_plain() for k in _NOTE_TEXTS})
    note_data["fields"] = {name: notes.fields[name].to_blob() for name in NOTE_FIELDS}
    note_data["tags"] = _pack_tuples(notes.tags)
    note_data["by_tag"] = {tag: array("I", numbers).tobytes() for tag, numbers in notes.by_tag.items()}
    note_data["live"] = array("I", sorted(notes.live)).tobytes()
    note_data["total_length"] = notes.total_length
    article_data: dict[str, Any] = {k: getattr(articles, k).tobytes() for k in _ARTICLE_ARRAYS}
    article_data.update({k: bytes(getattr(articles, k)) for k in _ARTICLE_BYTES})
    article_data.update({k: getattr(articles, k) for k in _ARTICLE_LISTS})
    article_data["fields"] = {name: articles.fields[name].to_blob() for name in ARTICLE_FIELDS}
    article_data["live"] = sorted(articles.live)
    article_data["entities"] = [
        e if isinstance(e, bytes) else array("I", chain.from_iterable(e)).tobytes() for e in articles.entities
    ]
    article_data["total_length"] = articles.total_length
    article_data["aliases"] = dict(articles.aliases)
    return {
        "signatures": sigs,
        "notes": note_data,
        "articles": article_data,
        "vocabulary": vocabulary.to_plain(),
        "notes_of": _pack_groups(notes_of),
    }


def _array(code: str, data: bytes) -> array:
    if not isinstance(data, bytes):
        raise TypeError("not bytes")
    found = array(code)
    found.frombytes(data)
    return found


def _pack_tuples(column: list[tuple[str, ...]]) -> tuple[list[tuple[str, ...]], bytes]:
    """Each distinct tuple once, plus one index per row: 50,000 rows of tags load as a
    few hundred tuples and an array, not 50,000 tuples."""
    table: dict[tuple[str, ...], int] = {}
    index = array("I", (table.setdefault(row, len(table)) for row in column))
    return list(table), index.tobytes()


def _unpack_tuples(plain: Any) -> list[tuple[str, ...]]:
    table, raw = plain
    return list(map(table.__getitem__, _array("I", raw)))


def _postings(plain: Any) -> Postings:
    """A field's posting lists, left marshalled until a query first reads that field."""
    if not isinstance(plain, bytes):
        raise ValueError("postings")
    return Postings(blob=plain)


def _pack_groups(groups: dict[int, set[int]]) -> tuple[bytes, bytes, bytes]:
    """article -> its notes as three flat arrays (articles, group sizes, the notes in turn)."""
    keys = [a for a, numbers in groups.items() if numbers]
    sizes = array("I", (len(groups[a]) for a in keys))
    members = array("I", chain.from_iterable(groups[a] for a in keys))
    return array("I", keys).tobytes(), sizes.tobytes(), members.tobytes()


def _unpack_groups(plain: Any) -> dict[int, set[int]]:
    keys, sizes, members = (_array("I", raw) for raw in plain)
    if len(keys) != len(sizes) or sum(sizes) != len(members):
        raise ValueError("groups")
    found: dict[int, set[int]] = {}
    lo = 0
    for a, size in zip(keys, sizes):
        found[a] = set(members[lo : lo + size])
        lo += size
    return found


def _aliases(plain: Any) -> dict[str, str]:
    if not isinstance(plain, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in plain.items()):
        raise TypeError("aliases")
    return dict(plain)


def _views(plain: Any) -> dict[str, Any]:
    """tag -> its notes, each read in place from the cache's bytes (a list once appended to)."""
    if not isinstance(plain, dict):
        raise TypeError("by tag")
    return {tag: memoryview(raw).cast("I") for tag, raw in plain.items()}


def restore_state(
    state: dict[str, Any],
) -> tuple[Notes, Articles, Vocabulary, Signatures, dict[int, set[int]]]:
    """The index from plain data; raises (KeyError, TypeError, ValueError...) on a bad shape."""
    plain = state["notes"]
    notes = Notes(
        **{k: _array(code, plain[k]) for k, code in _NOTE_ARRAYS.items()},
        **{k: bytearray(plain[k]) for k in _NOTE_BYTES},
        **{k: list(plain[k]) for k in _NOTE_LISTS},
        **{k: Texts.from_plain(plain[k]) for k in _NOTE_TEXTS},
        tags=_unpack_tuples(plain["tags"]),
        fields={name: _postings(plain["fields"][name]) for name in NOTE_FIELDS},
        by_tag=_views(plain["by_tag"]),
        live=set(_array("I", plain["live"])),
        total_length=int(plain["total_length"]),
    )
    count = len(notes.ids)
    if any(len(getattr(notes, k)) != count for k in (*_NOTE_ARRAYS, *_NOTE_BYTES, *_NOTE_LISTS, *_NOTE_TEXTS, "tags")):
        raise ValueError("note columns differ in length")
    if notes.live and max(notes.live) >= count:
        raise ValueError("live note out of range")
    notes.by_id = dict(zip(map(notes.ids.__getitem__, notes.live), notes.live))
    plain = state["articles"]
    articles = Articles(
        **{k: _array(code, plain[k]) for k, code in _ARTICLE_ARRAYS.items()},
        **{k: bytearray(plain[k]) for k in _ARTICLE_BYTES},
        **{k: list(plain[k]) for k in _ARTICLE_LISTS},
        entities=list(plain["entities"]),  # packed bytes, read as such by the name index
        fields={name: _postings(plain["fields"][name]) for name in ARTICLE_FIELDS},
        live=set(plain["live"]),
        aliases=_aliases(plain["aliases"]),
        total_length=int(plain["total_length"]),
    )
    count = len(articles.ids)
    if any(len(getattr(articles, k)) != count for k in (*_ARTICLE_ARRAYS, *_ARTICLE_BYTES, *_ARTICLE_LISTS[:-2], "entities")):
        raise ValueError("article columns differ in length")
    if articles.live and max(articles.live) >= count:
        raise ValueError("live article out of range")
    if notes.article and max(notes.article) >= count:
        raise ValueError("note of an unknown article")
    articles.by_id = {articles.ids[a]: a for a in articles.live}
    articles.name_numbers = {name: k for k, name in enumerate(articles.names)}
    if len(articles.name_words) != len(articles.names):
        raise ValueError("names and their words differ in length")
    untagged: frozenset[str] = frozenset()
    articles.tag_terms = [frozenset(tag_words(tags)) if tags else untagged for tags in articles.tags]
    vocabulary = Vocabulary.from_plain(state["vocabulary"])
    sigs = {str(k): tuple(v) for k, v in state["signatures"].items()}
    notes_of = _unpack_groups(state["notes_of"])
    if sum(map(len, notes_of.values())) != len(notes.live):
        raise ValueError("notes by article disagree with the live notes")
    return notes, articles, vocabulary, sigs, notes_of  # type: ignore[return-value]
