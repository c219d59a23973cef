"""The library's schema version, and the steps that bring older libraries forward.

The version lives in library.json's `meta` table. Each migration runs under the
library lock; the file it replaces stays in backups/, so a migration can be undone
with `reader doctor --restore`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.table import Document

from reader.core.store.files import LibraryError, dump_json, write_atomic
from reader.core.store.layout import ARTICLES_TABLE, NOTES_TABLE, Layout
from reader.core.store.records import doc_id
from reader.core.store.storage import open_db, table

SCHEMA_VERSION = 1
META_TABLE = "meta"
META_DOC_ID = 1


class NewerSchemaError(LibraryError):
    def __init__(self, layout: Layout, found: int) -> None:
        self.found = found
        super().__init__(
            f"{layout.index}: written by a newer reader (schema {found}; this reader "
            f"reads up to {SCHEMA_VERSION}). Upgrade reader; nothing was changed."
        )


def version_of(tables: dict[str, Any]) -> int:
    """The schema version recorded in a library file's tables; 0 before versions were kept."""
    return int(tables.get(META_TABLE, {}).get(str(META_DOC_ID), {}).get("schema", 0))


def stored_version(db: TinyDB) -> int | None:
    """The file's schema version; None for a library not yet written."""
    tables = db.storage.read()
    return version_of(tables) if tables else None


def set_version(db: TinyDB, version: int) -> None:
    table(db, META_TABLE).upsert(Document({"schema": version}, doc_id=META_DOC_ID))


def _split_single_file(layout: Layout, db: TinyDB) -> None:
    """Schema 0 kept everything in one TinyDB file: bodies inline, annotations in a table.

    Schema 1 moves each body to bodies/ and the annotations to per-prefix shards, so
    that saving a note no longer rewrites every article.
    """
    articles = table(db, ARTICLES_TABLE)
    for doc in articles.all():
        if "blocks" in doc:
            body = {"blocks": doc.pop("blocks")}
            write_atomic(layout.body(doc["id"]), dump_json(body))
            articles.upsert(Document(doc, doc_id=doc.doc_id))
    by_shard: dict[Path, list[Document]] = {}
    for doc in table(db, NOTES_TABLE).all():
        by_shard.setdefault(layout.shard(doc["article_id"]), []).append(doc)
    for path, docs in by_shard.items():
        notes = table(open_db(path, layout.backup_dir(path)), NOTES_TABLE)
        notes.insert_multiple(Document(dict(doc), doc_id=doc_id(doc["id"])) for doc in docs)
    db.drop_table(NOTES_TABLE)


MIGRATIONS: dict[int, Callable[[Layout, TinyDB], None]] = {0: _split_single_file}


def upgrade(layout: Layout, db: TinyDB) -> None:
    """Create the schema record of a new library, refuse a newer one, migrate an older one."""
    version = stored_version(db)
    if version is None:
        set_version(db, SCHEMA_VERSION)
        return
    if version > SCHEMA_VERSION:
        raise NewerSchemaError(layout, version)
    while version < SCHEMA_VERSION:
        MIGRATIONS[version](layout, db)
        version += 1
        set_version(db, version)
