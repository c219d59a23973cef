"""The library's schema version, and the steps that bring older libraries forward.

The version lives in library.json's `meta` table. Each migration runs under the
library lock; the file it replaces stays in backups/, so a migration can be undone
with `reader doctor --restore`.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from reader.core.store.errors import CorruptFileError, NewerSchemaError
from reader.core.store.files import dump_json, read_json, write_atomic
from reader.core.store.layout import ARTICLES_TABLE, META_DOC_ID, META_TABLE, NOTES_TABLE, Layout
from reader.core.store.records import READERS, doc_id

SCHEMA_VERSION = 2
Tables = dict[str, Any]


def version_of(path: Path, tables: Tables) -> int:
    """The schema version recorded in a library file's tables; 0 before versions were kept."""
    meta = tables.get(META_TABLE, {})
    record = meta.get(str(META_DOC_ID), {}) if isinstance(meta, dict) else None
    version = record.get("schema", 0) if isinstance(record, dict) else None
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise CorruptFileError(path, f"schema version {version!r} is not a number")
    return version


def _split_single_file(layout: Layout, tables: Tables) -> Tables:
    """Schema 0 kept everything in one TinyDB file: bodies inline, annotations in a table,
    TinyDB's counter as keys.

    Schema 1 moves each body to bodies/ and the annotations to per-prefix shards, so
    that saving a note no longer rewrites every article, and keys records by our ids.
    Safe to run again if interrupted: every step overwrites what it wrote before.
    """
    articles = list(tables.get(ARTICLES_TABLE, {}).values())
    for doc in articles:
        if "blocks" in doc:
            write_atomic(layout.body(doc["id"]), dump_json({"blocks": doc["blocks"]}))
    shards: dict[Path, Tables] = {}
    for doc in tables.get(NOTES_TABLE, {}).values():
        path = layout.shard(doc["article_id"])
        if path not in shards:
            shards[path] = read_json(path) if path.exists() else {}
        shards[path].setdefault(NOTES_TABLE, {})[str(doc_id(doc["id"]))] = doc
    for path, data in shards.items():
        write_atomic(path, dump_json(data), layout.backup_dir(path))
    upgraded = {name: docs for name, docs in tables.items() if name != NOTES_TABLE}
    upgraded[ARTICLES_TABLE] = {
        str(doc_id(doc["id"])): {k: v for k, v in doc.items() if k != "blocks"} for doc in articles
    }
    return upgraded


def _rekey(tables: Tables) -> Tables:
    """Records under keys made from their whole id (schema 1 used its first 15 hex digits,
    which two ids can share). A record whose key cannot be made keeps its old one."""
    rekeyed: Tables = {}
    for name, docs in tables.items():
        if name not in READERS or not isinstance(docs, dict):
            rekeyed[name] = docs
            continue
        key_of = READERS[name][1]
        out: dict[str, Any] = {}
        for old, doc in docs.items():
            try:
                new = str(key_of(doc))
            except Exception:  # noqa: BLE001 - malformed: kept as it was, for doctor to name
                new = old
            out[new if new not in out else old] = doc
        rekeyed[name] = out
    return rekeyed


def _mirror_everything(layout: Layout, tables: Tables) -> Tables:
    """Schema 2 keeps a second copy of every file (backups/.../name.0) and keys records by
    their whole id: each notes shard is rewritten (with its copy), each body copied."""
    for shard in layout.shards():
        write_atomic(shard, dump_json(_rekey(read_json(shard))), layout.backup_dir(shard))
    if layout.bodies.is_dir():
        for body in layout.bodies.glob("*.json"):
            layout.mirror(body).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(body, layout.mirror(body))
    return _rekey(tables)


MIGRATIONS: dict[int, Callable[[Layout, Tables], Tables]] = {0: _split_single_file, 1: _mirror_everything}


def upgrade(layout: Layout, db: TinyDB, locked: Callable[[], AbstractContextManager[None]]) -> None:
    """Create the schema record of a new library, refuse a newer one, migrate an older one.

    A current library is only read (no lock: reading needs none). The index is written
    once, with the new version, so an interrupted migration leaves the old index in
    place and simply runs again.
    """
    if _current(layout, db):
        return
    with locked():
        if _current(layout, db):
            return
        tables = db.storage.read() or {}
        version = version_of(layout.index, tables) if tables else SCHEMA_VERSION
        if not tables or version == 0:
            _refuse_if_damaged(layout, tables)
        for step in range(version, SCHEMA_VERSION):
            tables = MIGRATIONS[step](layout, tables)
        meta = tables.get(META_TABLE, {}).get(str(META_DOC_ID), {})
        tables[META_TABLE] = {str(META_DOC_ID): {**meta, "schema": SCHEMA_VERSION}}
        db.storage.write(tables)


def _refuse_if_damaged(layout: Layout, tables: Tables) -> None:
    """An index with no schema record is a new library, or one from before versions were
    kept. Beside a library's other files it is a damaged index (writing a new one would
    drop every article, and its copy with it), unless it still holds schema 0's content:
    then a migration was cut off after writing those files, and simply runs again."""
    problem = unversioned_problem(layout, tables)
    if problem:
        raise CorruptFileError(layout.index, problem)


def _holds_schema_0(tables: Tables) -> bool:
    """Schema 0's marks: an annotations table in the index, or bodies inline in its articles."""
    articles = tables.get(ARTICLES_TABLE)
    inline = isinstance(articles, dict) and any(isinstance(doc, dict) and "blocks" in doc for doc in articles.values())
    return bool(tables.get(NOTES_TABLE)) or inline


def unversioned_problem(layout: Layout, tables: Tables) -> str:
    """Why an index without a schema record cannot be the library's (empty if it can be)."""
    others = (layout.mirror(layout.index).exists() or layout.shards() or any(layout.bodies.glob("*.json"))
              or any(layout.bodies.glob("*.pack")))
    if not others or _holds_schema_0(tables):
        return ""
    return "has no schema record, though the library's other files do: it was damaged; `reader doctor --restore` brings back its copy"


def _current(layout: Layout, db: TinyDB) -> bool:
    tables = db.storage.read()
    if not tables:
        return False
    version = version_of(layout.index, tables)
    if version > SCHEMA_VERSION:
        raise NewerSchemaError(layout.index, version, SCHEMA_VERSION)
    return version == SCHEMA_VERSION
