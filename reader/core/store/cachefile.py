"""A derived-data cache on disk: marshal data behind a magic, a version and a CRC-32.

For data that can always be rebuilt (the search index, the entity ledger, the note tallies): a write that
fails costs the next start a rebuild, and anything unexpected on reading (missing,
truncated, flipped bytes, another version) reads as None, never as an error. marshal
runs no code on load, unlike pickle.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import uuid
import zlib
from pathlib import Path
from typing import Any

from reader.core.store.files import TEMP_SUFFIX

# Every derived cache a library folder holds, by file name, with its magic: `reader doctor`
# checks them, and the search index and the ledger read their names from here.
SEARCH_INDEX = ("search-index.cache", b"READERIX")
ENTITIES = ("entities.cache", b"RDENT")
NOTE_TALLIES = ("note-tallies.cache", b"RDTALLY")
ARTICLE_LIST = ("article-list.cache", b"RDLIST")
CACHES = dict([SEARCH_INDEX, ENTITIES, NOTE_TALLIES, ARTICLE_LIST])


def write_cache(path: Path, magic: bytes, version: int, data: Any) -> None:
    """Write atomically (temp file + rename); an OSError is swallowed: it is only a cache."""
    write_cache_bytes(path, magic, version, marshal.dumps(data))


def write_cache_bytes(path: Path, magic: bytes, version: int, payload: bytes) -> None:
    """`write_cache` of a payload already made (several marshal dumps one after another)."""
    header = magic + version.to_bytes(4, "little") + zlib.crc32(payload).to_bytes(4, "little")
    temp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}{TEMP_SUFFIX}")
    try:
        with open(temp, "xb") as handle:
            handle.write(header + payload)
        os.replace(temp, path)
    except OSError:
        with contextlib.suppress(OSError):  # a read-only disk cannot take the temp file away either
            temp.unlink(missing_ok=True)


def read_cache(path: Path, magic: bytes, version: int) -> Any | None:
    """The data written by `write_cache` with this magic and version, or None."""
    payload = read_cache_bytes(path, magic, version)
    if payload is None:
        return None
    try:
        return marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None


def read_cache_bytes(path: Path, magic: bytes, version: int, limit: int = -1) -> memoryview | None:
    """The payload `write_cache_bytes` wrote with this magic and version, or None. With a
    `limit`, only that many bytes of it, read without the checksum (a quick look at a head
    the caller checks by other means)."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(-1 if limit < 0 else len(magic) + 8 + limit)
    except OSError:
        return None
    head = len(magic) + 8
    if len(data) < head or not data.startswith(magic):
        return None
    if int.from_bytes(data[len(magic) : len(magic) + 4], "little") != version:
        return None
    payload = memoryview(data)[head:]
    if limit < 0 and zlib.crc32(payload).to_bytes(4, "little") != data[len(magic) + 4 : head]:
        return None
    return payload


def cache_problem(path: Path, magic: bytes) -> str | None:
    """What is wrong with a cache file (None: its header and checksum are sound)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return f"cannot be read ({error.strerror})"
    head = len(magic) + 8
    if len(data) < head or not data.startswith(magic):
        return "is not a reader cache (damaged)"
    if zlib.crc32(memoryview(data)[head:]).to_bytes(4, "little") != data[len(magic) + 4 : head]:
        return "fails its checksum (damaged)"
    return None
