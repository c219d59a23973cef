"""A derived-data cache on disk: marshal data in a frame (reader/core/framing: a magic, a
version and a CRC-32).

For data that can always be rebuilt (the search index, the entity ledger, the note tallies): a write that
fails costs the next start a rebuild, and anything unexpected on reading (missing,
truncated, flipped bytes, another version) reads as None, never as an error. marshal
runs no code on load, unlike pickle.
"""

from __future__ import annotations

import marshal
from pathlib import Path
from typing import Any

from reader.core.framing import frame_problem, read_framed, write_framed
from reader.core.store.files import TEMP_SUFFIX

# Every derived cache a library folder holds, by file name, with its magic: `reader doctor`
# checks them, and the search index and the ledger read their names from here.
SEARCH_INDEX = ("search-index.cache", b"READERIX")
ENTITIES = ("entities.cache", b"RDENT")
NOTE_TALLIES = ("note-tallies.cache", b"RDTALLY")
ARTICLE_LIST = ("article-list.cache", b"RDLIST")
CACHES = dict([SEARCH_INDEX, ENTITIES, NOTE_TALLIES, ARTICLE_LIST])

read_cache_bytes = read_framed  # the payload as written, or None
cache_problem = frame_problem  # what `reader doctor` says of a damaged one


def write_cache(path: Path, magic: bytes, version: int, data: Any) -> None:
    """Write atomically (temp file + rename); an OSError is swallowed: it is only a cache."""
    write_cache_bytes(path, magic, version, marshal.dumps(data))


def write_cache_bytes(path: Path, magic: bytes, version: int, payload: bytes) -> None:
    """`write_cache` of a payload already made (several marshal dumps one after another)."""
    write_framed(path, magic, version, payload, TEMP_SUFFIX)  # a stray temp is swept like the store's


def read_cache(path: Path, magic: bytes, version: int) -> Any | None:
    """The data written by `write_cache` with this magic and version, or None."""
    payload = read_cache_bytes(path, magic, version)
    if payload is None:
        return None
    try:
        return marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None

