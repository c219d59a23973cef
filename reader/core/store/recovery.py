"""Putting back one damaged record from a backup, the rest of its file as it is.

A record that does not read (a note without its selector, an article whose title is a
list) is kept as reader found it and written back by every save, so the file's mirror
soon holds it too and restoring the file would not mend it. Its older versions
(`name.1` to `name.3`) may still hold that record whole: `reader doctor --restore`
puts the newest good one back in place of the damaged one, and changes nothing else.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from reader.core.store import naming, records
from reader.core.store.errors import CorruptFileError
from reader.core.store.files import read_json
from reader.core.store.layout import Layout
from reader.core.store.storage import SafeStorage, Tables, check_tables


@dataclass(frozen=True)
class Damaged:
    """One record of a library file that does not read, and the good copy a backup holds."""

    table: str
    key: str
    name: str  # as the user knows it: 'note 130ede5a'
    problem: str  # 'its record has no 'selector''
    good: Any = None  # the record as the backup holds it; None: no backup holds it whole
    source: Path | None = None  # that backup

    def report(self) -> str:
        if self.source is None:
            return (f"{self.name} is damaged ({self.problem}); no backup holds a good copy of it, so it stays as it is: "
                    "hidden from readers, and kept in the file by every save")
        return f"{self.name} is damaged ({self.problem})"

    def repair(self) -> str | None:
        return None if self.source is None else f"bring back its copy from {self.source}"


def damaged_records(layout: Layout, path: Path, data: Tables) -> list[Damaged]:
    """Each record of the file that does not read, with the newest good copy of it (if any)
    in the file's mirror and older versions, newest first."""
    found = list(_damaged(data))
    if not found:
        return []
    copies = [(copy, _tables(copy)) for copy in layout.backups_of(path)]
    return [_with_copy(damaged, copies) for damaged in found]


def put_back(layout: Layout, path: Path, fixes: list[Damaged]) -> Iterator[str]:
    """Write the good copies in place of the damaged records, in one save of the file through
    the store's own write (so its mirror and backups follow); the caller holds the lock.

    The file is read again here: a record mended or removed since the check is left alone."""
    data = read_json(path)
    check_tables(path, data)
    done = []
    for fix in fixes:
        docs = data.get(fix.table)
        if not isinstance(docs, dict) or fix.key not in docs or _problem(fix.table, fix.key, docs[fix.key]) is None:
            yield f"{path}: {fix.name} changed since the check; left as it is now"
            continue
        docs[fix.key] = fix.good
        done.append(fix)
    if done:
        SafeStorage(path, layout.backup_dir(path)).write(data)
    for fix in done:
        yield f"brought back {fix.name} in {path} from {fix.source}; the file's other records are as they were"


def _damaged(data: Tables) -> Iterator[Damaged]:
    for table, docs in data.items():
        for key, doc in docs.items():
            problem = _problem(table, key, doc)
            if problem:
                yield Damaged(table, key, _name(table, key, doc), problem)


def _problem(table: str, key: str, doc: object) -> str | None:
    """What is wrong with one stored record, said after its name; None if it reads."""
    what = naming.kind(table)
    if not records.is_key(key):
        return f"it is stored under the key {naming.shorten(key)!r}, which is no {what} id"
    if not isinstance(doc, dict):
        return f"its record is {records.json_kind(doc)}, not a record"
    if table not in records.READERS:
        return None
    try:
        records.read_record(table, key, doc)
    except records.MalformedRecord as error:
        return f"its record {error}"
    return None


def _name(table: str, key: str, doc: object) -> str:
    if table in records.READERS:
        return naming.name(table, key, doc)
    return f"a record of the {table!r} table"


def _with_copy(damaged: Damaged, copies: list[tuple[Path, Tables]]) -> Damaged:
    if not records.is_key(damaged.key):
        return damaged  # no copy can be under a key that is no id
    for path, data in copies:
        doc = data.get(damaged.table, {}).get(damaged.key)
        if doc is not None and _problem(damaged.table, damaged.key, doc) is None:
            return replace(damaged, good=doc, source=path)
    return damaged


def _tables(path: Path) -> Tables:
    """A backup's tables; one that is missing or does not read offers no copies."""
    try:
        data = read_json(path)
        check_tables(path, data)
    except (CorruptFileError, OSError):
        return {}
    return data
