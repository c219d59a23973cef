"""The ledger cache: the computed entries saved next to the search index's cache.

An entry refers to articles and notes by their numbers in the search index, so the cache
is valid only for the index state it was computed from: its key is a digest of the index's
file signatures, its article and note ids (numbering) and live notes, the user's aliases
and the shipped list of organisations' short forms.
A missing, damaged or stale cache is never an error: the ledger is computed afresh.
"""

from __future__ import annotations

import hashlib
import marshal
from pathlib import Path
from typing import Any

from reader.core.entities import aliases as shipped
from reader.core.search.index import SearchIndex
from reader.core.store.cachefile import ENTITIES, read_cache, write_cache

CACHE_NAME, MAGIC = ENTITIES
VERSION = 7  # bump whenever the rules that join or type names change


def cache_path(index: SearchIndex) -> Path:
    return index.layout.home / CACHE_NAME


def state_key(index: SearchIndex, aliases: dict[str, str]) -> bytes:
    notes, articles = index.notes, index.articles
    digest = hashlib.sha1()
    signatures = sorted(getattr(index, "_signatures", {}).items())
    digest.update(marshal.dumps((signatures, sorted(aliases.items()), shipped.digest())))
    digest.update("\n".join(articles.ids).encode())
    digest.update(repr(sorted(articles.live)).encode())
    digest.update("\n".join(notes.ids).encode())
    digest.update(repr((len(notes.live), sum(notes.live), len(articles.names))).encode())
    return digest.digest()


def save(path: Path, key: bytes, entries: list[tuple[Any, ...]], spellings: dict[str, str]) -> None:
    write_cache(path, MAGIC, VERSION, (key, entries, spellings))


def load(path: Path, key: bytes) -> tuple[list[tuple[Any, ...]] | None, dict[str, str]]:
    """The entries saved for exactly this index state and these aliases, or None; and the
    names joined into another entity, each -> that entity."""
    data = read_cache(path, MAGIC, VERSION)
    if not isinstance(data, tuple) or len(data) != 3:
        return None, {}
    stored_key, entries, spellings = data
    if stored_key != key or not isinstance(entries, list) or not isinstance(spellings, dict):
        return None, {}
    return entries, spellings
