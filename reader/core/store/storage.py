"""The TinyDB storage that loses nothing.

TinyDB's JSONStorage rewrites its file in place (a crash tears it) and trusts its
in-memory view (another process's writes go unseen). This one writes atomically with
a mirror and rolling backups, re-reads the file whenever its identity on disk changed,
and keeps records TinyDB could not read out of its sight (and on disk) rather than crash.
Cross-process locking is the caller's job (`Library` holds one lock per operation),
because a read-modify-write spans TinyDB's read() and write() calls.
"""

from __future__ import annotations

import filecmp
import os
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from reader.core.store.errors import CorruptFileError
from reader.core.store.files import dump_json_bytes, mirror_path, read_json, write_atomic
from reader.core.store.layout import META_DOC_ID, META_TABLE
from reader.core.store.records import is_key

WRITES = "writes"

Signature = tuple[int, int, int]
Tables = dict[str, dict[str, Any]]


def check_tables(path: Path, data: Any) -> None:
    """A library file is tables of records keyed by id; anything else is corrupt, not a crash."""
    if not isinstance(data, dict):
        raise CorruptFileError(path, "not a reader library file (no tables)")
    for name, records in data.items():
        if not isinstance(records, dict):
            raise CorruptFileError(path, f"table {name!r} is not a set of records")


def unreadable_keys(data: Tables) -> Tables:
    """Records TinyDB cannot even hold (a key that is no number of ours, a value that is no
    record): kept out of its sight, and on disk."""
    return {
        name: bad
        for name, records in data.items()
        if (bad := {k: v for k, v in records.items() if not (is_key(k) and isinstance(v, dict))})
    }


def count_write(data: Tables) -> None:
    """One more write of this file: what tells `reader doctor` which of a file and its
    mirror is newer (the file, after a save interrupted between the two) or was replaced."""
    meta = data.setdefault(META_TABLE, {}).setdefault(str(META_DOC_ID), {})
    meta[WRITES] = writes_of(data) + 1


def writes_of(data: Any) -> int:
    try:
        count = data[META_TABLE][str(META_DOC_ID)][WRITES]
    except (KeyError, TypeError, IndexError):
        return 0
    return count if isinstance(count, int) and not isinstance(count, bool) else 0


def file_signature(path: Path) -> Signature | None:
    """What changes whenever any process replaces the file (a new inode each time)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


class RolledBackError(CorruptFileError):
    """A save refused: the file is an older version than the copy reader last wrote."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, "is an older version than its backup copy (put back from outside reader?), so nothing "
                         "was saved: `reader doctor --restore` brings back the newest")


class SafeStorage(Storage):
    def __init__(self, path: Path, backup_dir: Path | None = None) -> None:
        self.path = Path(path)
        self.backup_dir = backup_dir
        self._data: Tables | None = None
        self.hidden: Tables = {}
        self._signature: Signature | None = None
        self._finite = True  # the file as read holds no NaN or infinity (see dump_json_bytes)

    def read(self) -> Tables | None:
        signature = file_signature(self.path)
        if signature is None:
            self._refuse_if_lost()
            self._data, self._signature, self.hidden, self._finite = None, None, {}, True
            return None
        if signature != self._signature:
            nonfinite: list[str] = []
            data = read_json(self.path, parse_constant=lambda name: nonfinite.append(name) or float(name))
            self._finite = not nonfinite
            check_tables(self.path, data)
            self.hidden = unreadable_keys(data)
            for name, bad in self.hidden.items():
                data[name] = {k: v for k, v in data[name].items() if k not in bad}
            self._data, self._signature = data, signature
        return self._data

    @property
    def signature(self) -> Signature | None:
        """The file's signature when the data `read` last returned was read (None: not read)."""
        return self._signature

    @property
    def has_read(self) -> bool:
        """Whether this storage has read its file since it was opened (or last written)."""
        return self._signature is not None

    def _refuse_if_lost(self) -> None:
        """A file that is gone while its mirror is not was lost, not never written: writing
        a new one would drop what the mirror holds."""
        if self.backup_dir is None or not (mirror := mirror_path(self.path, self.backup_dir)).exists():
            return
        try:
            read_json(mirror)
        except CorruptFileError:
            raise CorruptFileError(self.path, "is missing, and its backup copy is damaged: `reader doctor` says which "
                                   "older copy it can bring back") from None
        raise CorruptFileError(self.path, "is missing, though its backup copy exists: `reader doctor --restore` "
                               "brings it back")

    def write(self, data: Tables) -> None:
        # TinyDB hands back the dict read() returned, already changed: if the save
        # fails, forget it so the next read sees what is really on disk.
        self._signature = None
        self._refuse_if_rolled_back(writes_of(data))
        count_write(data)
        stored = {**data, **{n: {**data.get(n, {}), **bad} for n, bad in self.hidden.items()}}
        write_atomic(self.path, dump_json_bytes(stored, finite=self._finite), self.backup_dir)
        self._data, self._signature = data, file_signature(self.path)

    def _refuse_if_rolled_back(self, writes: int) -> None:
        """A file with fewer writes than its mirror was put back from an older copy: a save
        on top of it would bury the newer changes only the mirror still holds (and `reader
        doctor`, seeing file and mirror agree again, would no longer offer them)."""
        if self.backup_dir is None:
            return
        mirror = mirror_path(self.path, self.backup_dir)
        try:
            if filecmp.cmp(mirror, self.path, shallow=False):  # the usual case: the mirror is the file
                return
            theirs = writes_of(read_json(mirror))
        except (OSError, CorruptFileError):  # no mirror, or a damaged one: nothing newer to bury
            return
        if theirs > writes:
            raise RolledBackError(self.path)

    def close(self) -> None:
        self._data = self._signature = None


def open_db(path: Path, backup_dir: Path | None = None) -> TinyDB:
    return TinyDB(path, storage=SafeStorage, backup_dir=backup_dir)


def table(db: TinyDB, name: str) -> Table:
    """A table without TinyDB's query cache, which would go stale across processes."""
    return db.table(name, cache_size=0)
