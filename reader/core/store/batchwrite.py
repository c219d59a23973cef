"""Many files saved at once (`write_all`), at a cost that does not grow with their number in syncs.

Saving a run of articles one `write_atomic` at a time costs an fsync of each file, its
mirror and their folders: thousands for a feed's bodies. Here every temp file is written
first, the disk is synced once, then all are swapped in, with the same promise as
write_atomic (a crash leaves the old version or the new, a mirror never ahead of its
file). Kept apart from files.py, whose single-file write and JSON reading every save and
load use: only the bulk saves of Library need this.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Sequence
from pathlib import Path

from reader.core.store.errors import SaveError
from reader.core.store.files import (
    fsync_dir, mirror_path, replace_durably, rotate_backups, stage_temp, sync_disk, sync_folders,
)

BATCH_SYNC_FROM = 8  # files in one write_all from which one sync of the disk beats an fsync each


def write_all(writes: Sequence[tuple[Path, str | bytes, Path | None]], *, unnamed: Collection[Path] = ()) -> None:
    """`write_atomic` for many files (path, text, backup folder) at once, at a cost that does
    not grow with their number in syncs: every temp file (the files' and their mirrors') is
    written, then made durable together (one syncfs(2) where the system has it), then the
    files are swapped in and their folders synced, then the mirrors (so that a mirror is
    never ahead of its file, as with write_atomic). None of them counts as saved before
    this returns.

    `unnamed`: files nothing reads until the caller's next save names them (a new
    article's body, in the index written after): one not there yet is written under its
    own name, its mirror too, with no temp to rename and no folder to sync after the one
    sync (3 calls to the system a file, not 8: a feed's 450 bodies were ~4,000). A crash
    before the sync leaves at worst such a file torn, which nothing names; one that is
    there already is replaced through a temp as any other."""
    encoded = [(path, text if isinstance(text, bytes) else text.encode("utf-8"), backup_dir)
               for path, text, backup_dir in writes]
    if len(encoded) < BATCH_SYNC_FROM:
        _write_each(encoded)
        return
    created: list[Path] = []  # written in place: nothing was there
    files: list[tuple[Path, Path]] = []  # (temp, target)
    mirrors: list[tuple[Path, Path]] = []
    owner: dict[Path, Path] = {}  # mirror -> its file, to name in an error
    made: set[Path] = set()  # folders known to exist
    try:
        for path, data, _backup in encoded:
            if path in unnamed and _create(path, data, made):
                created.append(path)
            else:
                files.append((stage_temp(path, data), path))
        fresh = set(created)
        for path, data, backup_dir in encoded:
            if backup_dir is not None:
                mirror = mirror_path(path, backup_dir)
                owner[mirror] = path
                if path in fresh and _create(mirror, data, made):
                    created.append(mirror)
                else:
                    mirrors.append((stage_temp(mirror, data), mirror))
        _sync_data([temp for temp, _ in files + mirrors] + created, encoded[0][0], created)
        _swap_in(files, mirrors, {path: backup_dir for path, _, backup_dir in encoded}, owner)
    except BaseException:
        for temp, _ in files + mirrors:
            temp.unlink(missing_ok=True)
        for path in created:  # named by nothing: as if never written
            path.unlink(missing_ok=True)
        raise


def _create(path: Path, data: bytes, made: set[Path]) -> bool:
    """`data` in a new file at `path` (not synced); False when a file is there already."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    try:
        try:
            fd = os.open(path, flags, 0o666)
        except FileNotFoundError:
            if path.parent in made:
                raise
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
            fd = os.open(path, flags, 0o666)
    except FileExistsError:
        return False
    except OSError as error:
        raise SaveError(path, error) from error
    try:
        with open(fd, "wb", closefd=True) as handle:
            handle.write(data)
    except BaseException as error:
        path.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise SaveError(path, error) from error
        raise
    return True


def _write_each(encoded: list[tuple[Path, bytes, Path | None]]) -> None:
    """A few files: each temp fsynced on its own (cheaper than syncing the whole disk)."""
    folders: dict[Path, Path] = {}  # folder -> a file in it, to name in an error
    for path, data, backup_dir in encoded:
        replace_durably(path, data, rotate=backup_dir, sync_folder=False)
        folders.setdefault(path.parent, path)
    sync_folders(folders)
    mirrors: dict[Path, Path] = {}
    for path, data, backup_dir in encoded:
        if backup_dir is not None:
            try:
                replace_durably(mirror := mirror_path(path, backup_dir), data, sync_folder=False)
            except SaveError as error:
                raise SaveError(path, error.os_error, replaced=True, what="its backup copy") from error
            mirrors.setdefault(mirror.parent, path)
    sync_folders(mirrors)


def _sync_data(temps: list[Path], named: Path, created: Sequence[Path] = ()) -> None:
    """Every written file durable: one syncfs(2) for the disk they are on, or (where the
    system has none) an fsync of each, and of the folders of those `created` in place
    (their names are not renamed in later, so their folders are synced now)."""
    try:
        if sync_disk(temps[0].parent):
            return
        for temp in temps:
            with open(temp, "rb+") as handle:
                os.fsync(handle.fileno())
        for folder in dict.fromkeys(path.parent for path in created):
            fsync_dir(folder)
    except OSError as error:
        raise SaveError(named, error) from error


def _swap_in(files: list[tuple[Path, Path]], mirrors: list[tuple[Path, Path]],
             backups: dict[Path, Path | None], owner: dict[Path, Path]) -> None:
    """The synced temps renamed over their targets: the files (old versions kept as
    backups) and their folders synced, then the mirrors and theirs."""
    folders: dict[Path, Path] = {}
    for count, (temp, target) in enumerate(files):
        try:
            if (rotate := backups[target]) is not None:
                rotate_backups(target, rotate)
            os.replace(temp, target)
        except OSError as error:
            raise SaveError(target, error, replaced=count > 0) from error
        folders.setdefault(target.parent, target)
    sync_folders(folders)
    synced: dict[Path, Path] = {}
    for temp, target in mirrors:
        try:
            os.replace(temp, target)
        except OSError as error:
            raise SaveError(owner[target], error, replaced=True, what="its backup copy") from error
        synced.setdefault(target.parent, owner[target])
    sync_folders(synced)
