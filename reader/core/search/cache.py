"""The index cache: the built index saved in the library folder for the CLI's cold start.

Reading 200,000 notes and tokenising them takes seconds; opening this file takes
milliseconds. It is a `packed` file (memory-mapped, sections read and checked where
they are used, no code run on load, unlike pickle): the small columns every search needs
are copied out on opening, the posting lists, texts and rarely used columns are read
when first asked for. It records the stat signature of every library file it was built
from, so the caller refreshes exactly what changed since. Anything unexpected on load
(wrong magic, version, checksum, shape) returns None and the index is rebuilt: a damaged
cache is never an error.
"""

from __future__ import annotations

import marshal
import os
import sys
import time
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import partial
from itertools import accumulate, chain
from pathlib import Path
from typing import Any

from reader.core.search.packed import CacheDamaged, Packed, write_packed
from reader.core.search.postings import Postings, Vocabulary
from reader.core.search.tables import ARTICLE_FIELDS, NOTE_FIELDS, Articles, Notes, Rows, TagColumn, Texts, tag_words
from reader.core.store.cachefile import SEARCH_INDEX
from reader.core.store.layout import Layout

CACHE_NAME, MAGIC = SEARCH_INDEX
VERSION = 12  # bump whenever the index's shape or the text normalisation changes
Signature = tuple[int, int, int]
Signatures = dict[str, Signature]
SETTLED = 2_000_000_000  # ns: a folder changed longer ago than this has its mtime for good

_NOTE_ARRAYS = {"article": "I", "created": "q", "day": "i", "updated": "q", "start": "I", "end": "I", "length": "I"}
_NOTE_BYTES = ("color", "has_note")
_NOTE_TEXTS = ("ids", "note", "quote")
_ARTICLE_ARRAYS = {"day": "i", "added": "q", "length": "I"}
_ARTICLE_BYTES = ("starred", "read", "dated")
_ARTICLE_TEXTS = ("ids", "title", "source", "author", "text")
_ARTICLE_MARSHALLED = ("speakers", "names", "name_words")


def cache_path(layout: Layout) -> Path:
    return layout.home / CACHE_NAME


def signatures(layout: Layout, known: Signatures | None = None) -> Signatures:
    """The stat identity of every file the index reads: library.json, note shards, analyses.

    Bodies are left out: they are written once, when their article is added, which changes
    library.json anyway. The analyses (one file per article: 10,000 stats cost tens of
    milliseconds) are taken from `known` when their folder is as it was then: each is
    written to a temporary file renamed into the folder, which changes the folder's
    mtime. A folder changed less than SETTLED ago is not vouched for (a change in the same
    clock tick would leave its mtime as it was), so it is read file by file next time.
    """
    found: Signatures = {}
    try:
        st = os.stat(layout.index)
        found["library.json"] = (st.st_ino, st.st_mtime_ns, st.st_size)
    except FileNotFoundError:
        pass
    for directory in (layout.notes, layout.analyses):
        prefix = directory.name + "/"
        try:
            st = os.stat(directory)
            entries = os.scandir(directory)
        except (FileNotFoundError, NotADirectoryError):
            continue
        mark = (st.st_ino, st.st_mtime_ns, -1)
        if known and directory == layout.analyses and known.get(prefix) == mark:
            entries.close()
            found.update((k, v) for k, v in known.items() if k.startswith(prefix))  # as known (if read)
            continue
        with entries:
            for entry in entries:
                if entry.name.endswith(".json") and not entry.name.startswith("."):
                    st_file = entry.stat()
                    found[prefix + entry.name] = (st_file.st_ino, st_file.st_mtime_ns, st_file.st_size)
        if directory == layout.analyses and time.time_ns() - st.st_mtime_ns > SETTLED:
            found[prefix] = mark
    return found


def save(path: Path, notes: Notes, articles: Articles, vocabulary: Vocabulary, sigs: Signatures,
         notes_of: Mapping[int, set[int]], named: tuple[dict[str, Any], dict[str, Any]] | None = None) -> None:
    """Write the cache atomically; failing to write it only costs the next start a rebuild.
    `named`: the name index of this very state, as `named.dump` gives it."""
    plain, sections = dump(notes, articles, vocabulary, sigs, notes_of)
    if named is not None:
        plain["named"] = named[0]
        sections.update(named[1])
    write_packed(path, MAGIC, VERSION, plain, sections)


def load(path: Path) -> Packed | None:
    return Packed.open(path, MAGIC, VERSION)


# -- the index <-> sections -------------------------------------------------------------------


def _texts(sections: dict[str, Any], name: str, texts: Texts) -> None:
    pieces, ends = texts.pieces()
    sections[name] = pieces
    sections[name + ".ends"] = [ends.tobytes()]


def _field_sections(sections: dict[str, Any], prefix: str, fields: dict[str, Postings], terms: list[str]) -> None:
    for name, postings in fields.items():
        pieces, offsets = postings.section(terms)
        sections[f"{prefix}.f.{name}"] = pieces
        sections[f"{prefix}.f.{name}.offs"] = [offsets.tobytes()]


def _column_sections(
    sections: dict[str, Any], table: str, columns: Any, arrays: Iterable[str], flags: Iterable[str], texts: Iterable[str],
) -> None:
    """A table's columns as sections: numbers as their arrays' bytes, flags as bytes, texts packed."""
    for k in arrays:
        sections[f"{table}.{k}"] = [getattr(columns, k).tobytes()]
    for k in flags:
        sections[f"{table}.{k}"] = [bytes(getattr(columns, k))]
    for k in texts:
        _texts(sections, f"{table}.{k}", getattr(columns, k))


def dump(
    notes: Notes, articles: Articles, vocabulary: Vocabulary, sigs: Signatures, notes_of: Mapping[int, set[int]],
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The index as plain data (read whole on loading) and sections (read when used)."""
    terms = vocabulary.terms()
    sections: dict[str, Any] = {"vocabulary": ["\n".join(terms).encode()]}
    _column_sections(sections, "notes", notes, _NOTE_ARRAYS, _NOTE_BYTES, _NOTE_TEXTS)
    sections["notes.tags"] = [notes.tags.index.tobytes()]
    rows = [marshal.dumps(row) for row in notes.tags.table]
    sections["notes.tag_table"] = rows
    sections["notes.tag_table.ends"] = [array("I", accumulate(map(len, rows))).tobytes()]
    by_tag: dict[str, tuple[int, int]] = {}
    lists = []
    at = 0
    for tag, numbers in notes.by_tag.items():
        data = array("I", numbers).tobytes()
        lists.append(data)
        by_tag[tag] = (at, at + len(data))
        at += len(data)
    sections["notes.by_tag"] = lists
    all_live = len(notes.live) == len(notes.ids)
    if not all_live:
        sections["notes.live"] = [array("I", sorted(notes.live)).tobytes()]
    keys, sizes, members = _pack_groups(notes_of)
    sections.update({"notes.of.keys": [keys], "notes.of.sizes": [sizes], "notes.of.members": [members]})
    _field_sections(sections, "notes", notes.fields, terms)
    _column_sections(sections, "articles", articles, _ARTICLE_ARRAYS, _ARTICLE_BYTES, _ARTICLE_TEXTS)
    article_tags, article_tag_index = _pack_tuples(articles.tags)
    sections["articles.tags"] = [article_tag_index]
    entities = [e if isinstance(e, bytes) else array("I", chain.from_iterable(e)).tobytes() for e in articles.entities]
    sections["articles.entities"] = entities
    sections["articles.entities.ends"] = [array("I", accumulate(map(len, entities))).tobytes()]
    for k in _ARTICLE_MARSHALLED:
        sections["articles." + k] = [marshal.dumps(list(getattr(articles, k)))]
    _field_sections(sections, "articles", articles.fields, terms)
    sections["signatures.analyses"] = [marshal.dumps({k: v for k, v in sigs.items() if _analysis_file(k)})]
    plain = {
        "signatures": {k: v for k, v in sigs.items() if not _analysis_file(k)},
        "aliases": dict(articles.aliases),
        "terms": len(terms),
        "notes": {"count": len(notes.ids), "total_length": notes.total_length, "by_tag": by_tag,
                  "all_live": all_live, "tag_rows": len(rows)},
        "articles": {"count": len(articles.ids), "total_length": articles.total_length, "tags": article_tags,
                     "live": sorted(articles.live)},
    }
    return plain, sections


def _pack_tuples(column: Sequence[tuple[str, ...]]) -> tuple[list[tuple[str, ...]], bytes]:
    """Each distinct tuple once, plus one index per row: 50,000 rows of tags load as a
    few hundred tuples and an array, not 50,000 tuples."""
    table: dict[tuple[str, ...], int] = {}
    index = array("I", (table.setdefault(row, len(table)) for row in column))
    return list(table), index.tobytes()


def _pack_groups(groups: Mapping[int, set[int]]) -> tuple[bytes, bytes, bytes]:
    """article -> its notes as three flat arrays (articles in order, group sizes, the notes in turn)."""
    keys = sorted(a for a, numbers in groups.items() if numbers)
    sizes = array("I", (len(groups[a]) for a in keys))
    members = array("I", chain.from_iterable(groups[a] for a in keys))
    return array("I", keys).tobytes(), sizes.tobytes(), members.tobytes()


class Groups:
    """article -> its live notes, each article's set made from the cache's arrays when first
    asked for: a title phrase or an article tag reads the groups of a few articles, and
    making all 10,000 sets took longer than the search."""

    def __init__(self, packed: Packed) -> None:
        self._keys = packed.section("notes.of.keys").cast("I")
        sizes = packed.section("notes.of.sizes").cast("I")
        self._members = packed.section("notes.of.members").cast("I")
        self._ends = array("Q", accumulate(sizes))
        if len(self._keys) != len(sizes) or (self._ends[-1] if sizes else 0) != len(self._members):
            raise ValueError("groups")
        self._own: dict[int, set[int]] = {}
        self._gone: set[int] = set()

    def _loaded(self, a: int) -> set[int] | None:
        if a in self._gone:
            return None
        keys = self._keys
        i = bisect_left(keys, a)
        if i == len(keys) or keys[i] != a:
            return None
        found = self._own[a] = set(self._members[self._ends[i - 1] if i else 0 : self._ends[i]])
        return found

    def get(self, a: int, default: Any = None) -> Any:
        found = self._own.get(a)
        if found is None:
            found = self._loaded(a)
        return default if found is None else found

    def __getitem__(self, a: int) -> set[int]:
        found = self.get(a)
        if found is None:
            raise KeyError(a)
        return found

    def __contains__(self, a: object) -> bool:
        return self.get(a) is not None  # type: ignore[arg-type]

    def setdefault(self, a: int, default: set[int]) -> set[int]:
        found = self.get(a)
        if found is None:
            self._gone.discard(a)
            found = self._own[a] = default
        return found

    def pop(self, a: int, default: Any = None) -> Any:
        found = self.get(a)
        self._own.pop(a, None)
        self._gone.add(a)
        return default if found is None else found

    def keys(self) -> set[int]:
        return (set(self._keys) - self._gone) | self._own.keys()

    def items(self) -> Iterator[tuple[int, set[int]]]:
        return ((a, self[a]) for a in sorted(self.keys()))

    def values(self) -> Iterator[set[int]]:
        return (numbers for _, numbers in self.items())


def _ends(packed: Packed, name: str, count: int) -> memoryview:
    ends = packed.section(name + ".ends").cast("I")
    if len(ends) != count:
        raise ValueError(f"{name}: {len(ends)} texts, not {count}")
    return ends


def _column(packed: Packed, name: str, count: int, code: str) -> array:
    column = packed.array(name, code)
    if len(column) != count:
        raise ValueError(f"{name}: {len(column)} rows, not {count}")
    return column


def _fields(packed: Packed, prefix: str, names: tuple[str, ...], terms: list[str]) -> dict[str, Postings]:
    found = {}
    for name in names:
        offsets = packed.section(f"{prefix}.f.{name}.offs").cast("I")
        if len(offsets) != len(terms) + 1:
            raise ValueError(f"{prefix}.{name}: offsets for {len(offsets) - 1} terms, not {len(terms)}")
        found[name] = Postings(packed, f"{prefix}.f.{name}", terms, offsets)
    return found


def restore(packed: Packed) -> tuple[Notes, Articles, Vocabulary, Signatures, Callable[[], Signatures]]:
    """The index over an opened cache; raises (KeyError, TypeError, ValueError...) on a bad shape.

    Only what every search needs is read here: the vocabulary and the small columns.
    Texts, posting lists and the columns few searches use are read when first used."""
    plain = packed.plain
    vocabulary = Vocabulary.from_plain(str(packed.section("vocabulary"), "utf-8"))
    terms = vocabulary.terms()
    if len(terms) != plain["terms"]:
        raise ValueError("vocabulary")
    info = plain["notes"]
    count = int(info["count"])
    notes = Notes()
    columns: dict[str, Any] = {k: Texts(packed, "notes." + k, count) for k in _NOTE_TEXTS}
    columns["fields"] = _fields(packed, "notes", NOTE_FIELDS, terms)
    by_tag = packed.section("notes.by_tag")
    columns["by_tag"] = {str(tag): by_tag[lo:hi].cast("I") for tag, (lo, hi) in info["by_tag"].items()}
    columns["live"] = set(range(count)) if info["all_live"] else set(packed.section("notes.live").cast("I"))
    columns["total_length"] = int(info["total_length"])
    rows = Rows(Texts(packed, "notes.tag_table", int(info["tag_rows"])))
    columns["tags"] = TagColumn(rows, partial(_column, packed, "notes.tags", count, "I"))
    notes.__dict__.update(columns)
    if not info["all_live"] and notes.live and max(notes.live) >= count:
        raise ValueError("live note out of range")
    for k in (*_NOTE_ARRAYS, *_NOTE_BYTES, "by_id"):
        del notes.__dict__[k]
    notes._pending = {
        **{k: partial(_column, packed, "notes." + k, count, code) for k, code in _NOTE_ARRAYS.items()},
        **{k: partial(_bytes_column, packed, "notes." + k, count) for k in _NOTE_BYTES},
        "by_id": partial(_note_ids, notes),
    }
    info = plain["articles"]
    count = int(info["count"])
    articles = Articles()
    columns = {k: _column(packed, "articles." + k, count, code) for k, code in _ARTICLE_ARRAYS.items()}
    columns.update({k: bytearray(_column(packed, "articles." + k, count, "B")) for k in _ARTICLE_BYTES})
    columns.update({k: Texts(packed, "articles." + k, count) for k in _ARTICLE_TEXTS})
    columns["fields"] = _fields(packed, "articles", ARTICLE_FIELDS, terms)
    columns["live"] = set(info["live"])
    columns["aliases"] = _aliases(plain["aliases"])
    columns["total_length"] = int(info["total_length"])
    tag_index = _column(packed, "articles.tags", count, "I")
    tag_table = [tuple(sys.intern(t) for t in row) for row in info["tags"]]
    columns["tags"] = list(map(tag_table.__getitem__, tag_index))
    untagged: frozenset[str] = frozenset()
    columns["tag_terms"] = [frozenset(tag_words(tags)) if tags else untagged for tags in columns["tags"]]
    articles.__dict__.update(columns)
    if articles.live and max(articles.live) >= count:
        raise ValueError("live article out of range")
    for k in (*_ARTICLE_MARSHALLED, "entities", "by_id", "name_numbers"):
        del articles.__dict__[k]
    articles._pending = {
        **{k: _marshalled(packed, "articles." + k, count if k == "speakers" else None) for k in _ARTICLE_MARSHALLED},
        "entities": partial(_entities, packed, count),
        "by_id": lambda: {articles.ids[a]: a for a in articles.live},
        "name_numbers": lambda: {name: k for k, name in enumerate(articles.names)},
    }
    sigs = {str(k): tuple(v) for k, v in plain["signatures"].items()}
    return notes, articles, vocabulary, sigs, lambda: _analysis_signatures(packed)  # type: ignore[return-value]


def _note_ids(notes: Notes) -> dict[str, int]:
    return dict(zip(map(notes.ids.__getitem__, notes.live), notes.live))


def _analysis_file(key: str) -> bool:
    return key.startswith("analysis/") and key.endswith(".json")


def _analysis_signatures(packed: Packed) -> Signatures:
    """The analyses' signatures, read only when their folder changed (or to save them)."""
    found = marshal.loads(packed.section("signatures.analyses"))
    if not isinstance(found, dict):
        raise CacheDamaged("signatures")
    return {str(k): tuple(v) for k, v in found.items()}


def _bytes_column(packed: Packed, name: str, count: int) -> bytearray:
    return bytearray(_column(packed, name, count, "B"))


def _marshalled(packed: Packed, name: str, count: int | None) -> Callable[[], list]:
    def load() -> list:
        found = marshal.loads(packed.section(name))
        if not isinstance(found, list) or (count is not None and len(found) != count):
            raise CacheDamaged(f"{name}: not a list of {count}")
        return found

    return load


def _entities(packed: Packed, count: int) -> list[bytes]:
    """Each article's mentions, packed (type, name, start, end) in an "I" array's bytes."""
    ends = _ends(packed, "articles.entities", count)
    data = packed.section("articles.entities")
    return [bytes(data[lo:hi]) for lo, hi in zip((0, *ends[:-1]), ends)] if count else []


def _aliases(plain: Any) -> dict[str, str]:
    if not isinstance(plain, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in plain.items()):
        raise TypeError("aliases")
    return dict(plain)
