"""The ledger cache: the computed entries saved next to the search index's cache.

An entry refers to articles and notes by their numbers in the search index, so the cache
is valid only for the index state it was computed from: its key is a digest of the index's
file signatures, its article and note ids (numbering) and live notes, and the aliases.
A missing, damaged or stale cache is never an error: the ledger is computed afresh.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import uuid
import zlib
from pathlib import Path
from typing import Any

from reader.core.search.index import SearchIndex

CACHE_NAME = "entities.cache"
MAGIC = b"RDENT"
VERSION = 1


def cache_path(index: SearchIndex) -> Path:
    return index.layout.home / CACHE_NAME


def state_key(index: SearchIndex, aliases: dict[str, str]) -> bytes:
    notes, articles = index.notes, index.articles
    digest = hashlib.sha1()
    signatures = sorted(getattr(index, "_signatures", {}).items())
    digest.update(marshal.dumps((signatures, sorted(aliases.items()))))
    digest.update("\n".join(articles.ids).encode())
    digest.update(repr(sorted(articles.live)).encode())
    digest.update("\n".join(notes.ids).encode())
    digest.update(repr((len(notes.live), sum(notes.live), len(articles.names))).encode())
    return digest.digest()


def save(path: Path, key: bytes, entries: list[tuple[Any, ...]]) -> None:
    payload = marshal.dumps((key, entries))
    temp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        with open(temp, "xb") as handle:
            handle.write(MAGIC + VERSION.to_bytes(4, "little") + zlib.crc32(payload).to_bytes(4, "little") + payload)
        os.replace(temp, path)
    except OSError:
        temp.unlink(missing_ok=True)


def load(path: Path, key: bytes) -> list[tuple[Any, ...]] | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head = len(MAGIC) + 8
    if len(data) < head or not data.startswith(MAGIC):
        return None
    if int.from_bytes(data[len(MAGIC) : len(MAGIC) + 4], "little") != VERSION:
        return None
    payload = memoryview(data)[head:]
    if zlib.crc32(payload).to_bytes(4, "little") != data[len(MAGIC) + 4 : head]:
        return None
    try:
        stored_key, entries = marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return None
    if stored_key != key or not isinstance(entries, list):
        return None
    return entries
