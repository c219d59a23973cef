"""Durable file primitives: atomic replace, a second copy, rolling backups, strict JSON reading.

Every write goes to a temp file in the target's directory, is fsynced, swapped in with
`os.replace` and made durable by fsyncing the directory. A crash leaves the old file
or the new one, never a torn one; a full disk fails before anything is replaced.

A file written with a backup folder also leaves there a copy of what it now holds (its
mirror, `name.0`) and the versions it replaced (`name.1` newest to `name.3`): whichever
one file is lost or damaged, the other copy holds every change that was acknowledged.
Many files saved together, with one sync of the disk: batchwrite.py.
"""

from __future__ import annotations

import filecmp
import json
import os
import shutil
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reader.core.store.errors import CorruptFileError, SaveError

TEMP_SUFFIX = ".tmp"
BACKUPS_KEPT = 3


def read_json(path: Path, parse_constant: Callable[[str], Any] | None = None) -> Any:
    """The file's JSON, or CorruptFileError naming the file and the fault."""
    return parse_json(path, read_bytes(path), parse_constant)


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or CorruptFileError naming the file and why it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as error:
        raise CorruptFileError(path, f"cannot be read ({error.strerror})") from error


def parse_json(path: Path, raw: bytes, parse_constant: Callable[[str], Any] | None = None) -> Any:
    """JSON from bytes; every way they can fail to be JSON is a CorruptFileError naming `path`.
    `parse_constant` is called for each NaN, Infinity and -Infinity (see json.loads)."""
    try:
        text = raw.decode("utf-8")
        return json.loads(text) if parse_constant is None else json.loads(text, parse_constant=parse_constant)
    except UnicodeDecodeError as error:
        raise CorruptFileError(path, f"not UTF-8 text (byte {error.start})") from error
    except json.JSONDecodeError as error:
        raise CorruptFileError(
            path, f"not valid JSON ({error.msg.removesuffix(' at')} at line {error.lineno}, column {error.colno})"
        ) from error
    except RecursionError:
        raise CorruptFileError(path, "not a reader file (nested too deep to read)") from None
    except ValueError as error:  # e.g. a number of more digits than Python converts
        raise CorruptFileError(path, f"not a reader file ({error})") from None


def dump_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def dump_json_bytes(data: Any, *, finite: bool = True) -> bytes:
    """`dump_json` as UTF-8, by orjson where it writes the same (a 400 KB notes shard in
    0.3 ms rather than 4): `finite` says `data` holds no NaN or infinity, which orjson
    would write as null; what else it cannot write (a number past 64 bits, a key that is
    no string) is written by json, as before."""
    if finite:
        try:
            import orjson
        except ImportError:  # optional: json writes the same, only slower
            pass
        else:
            try:
                return orjson.dumps(data)
            except TypeError:
                pass
    return dump_json(data).encode("utf-8")


def fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def backup_path(backup_dir: Path, name: str, generation: int) -> Path:
    """Generation 0 is the mirror (what the file holds now), 1 the version before, and so on."""
    return backup_dir / f"{name}.{generation}"


def mirror_path(path: Path, backup_dir: Path) -> Path:
    return backup_path(backup_dir, path.name, 0)


def rotate_backups(path: Path, backup_dir: Path) -> None:
    """Keep the file being replaced as backup 1, shifting older ones. When the file is not
    what reader last wrote (its mirror), it was changed behind reader's back: the mirror,
    the last acknowledged version, is kept too (as backup 2), before the save overwrites it."""
    if not path.exists():
        return
    backup_dir.mkdir(parents=True, exist_ok=True)
    mirror = mirror_path(path, backup_dir)
    kept = [path]
    if mirror.exists() and not filecmp.cmp(mirror, path, shallow=False):
        kept.append(mirror)
    for generation in range(BACKUPS_KEPT - len(kept), 0, -1):
        older = backup_path(backup_dir, path.name, generation)
        if older.exists():
            os.replace(older, backup_path(backup_dir, path.name, generation + len(kept)))
    for generation, version in enumerate(kept, start=1):
        target = backup_path(backup_dir, path.name, generation)
        target.unlink(missing_ok=True)
        try:
            os.link(version, target)  # the old inode lives on under the backup name: no copy
        except OSError:
            shutil.copy2(version, target)


def write_atomic(path: Path, text: str | bytes, backup_dir: Path | None = None) -> None:
    """Replace `path` with `text` durably; with `backup_dir`, keep the version it replaces
    and a mirror of the new one. Both new versions are written and synced at once (the
    disk's flushes overlap), then the file is swapped in, then the mirror, then both
    folders are synced at once: a crash leaves the mirror at most one change behind the
    file, or the file one change behind a mirror that holds a whole later version (which
    `reader doctor` brings back); never an acknowledged change lost."""
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    if backup_dir is None:
        replace_durably(path, data)
        return
    mirror = mirror_path(path, backup_dir)
    temp = stage_temp(path, data)
    try:
        mirror_temp: Path | None = stage_temp(mirror, data)
    except SaveError:  # no backup folder to write in: the file is still saved, and then the error told
        mirror_temp = None
    try:
        _fsync_together([temp] if mirror_temp is None else [temp, mirror_temp])
        rotate_backups(path, backup_dir)
        os.replace(temp, path)
    except BaseException as error:
        for staged in (temp, mirror_temp):
            if staged is not None:
                staged.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise SaveError(path, error) from error
        raise
    if mirror_temp is None:
        sync_folders({path.parent: path})
        try:
            replace_durably(mirror, data)  # fails again, as its temp did: the error is told
        except SaveError as error:
            raise SaveError(path, error.os_error, replaced=True, what="its backup copy") from error
        return
    try:
        os.replace(mirror_temp, mirror)
    except OSError as error:
        mirror_temp.unlink(missing_ok=True)
        sync_folders({path.parent: path})
        raise SaveError(path, error, replaced=True, what="its backup copy") from error
    try:
        _fsync_together([path.parent, mirror.parent])
    except OSError as error:
        raise SaveError(path, error, replaced=True) from error


def _fsync_together(paths: list[Path]) -> None:
    """fsync each file or folder, all at once: this thread syncs the first while a thread
    each syncs the others, so that their waits for the disk overlap; the first error is
    raised. (Low-level threads: a `threading.Thread` waits until it has started, which on
    a busy machine costs a few milliseconds.)"""
    import _thread  # here: only a save needs it

    errors: list[OSError] = []

    def sync(path: Path, done: Any = None) -> None:
        try:
            fd = os.open(path, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as error:
            errors.append(error)
        finally:
            if done is not None:
                done.release()

    waits = []
    for path in paths[1:]:
        done = _thread.allocate_lock()
        done.acquire()
        _thread.start_new_thread(sync, (path, done))
        waits.append(done)
    sync(paths[0])
    for done in waits:
        done.acquire()
    if errors:
        raise errors[0]


def _temp_beside(path: Path) -> Path:
    """A new temp name in `path`'s folder (hidden, `TEMP_SUFFIX`: swept if a crash leaves it)."""
    return path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}{TEMP_SUFFIX}")


def stage_temp(path: Path, data: bytes) -> Path:
    """`data` in a new temp file beside `path`, written but not yet synced."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = _temp_beside(path)
        with open(temp, "xb") as handle:
            try:
                handle.write(data)
            except BaseException:
                temp.unlink(missing_ok=True)
                raise
    except OSError as error:
        raise SaveError(path, error) from error
    return temp


def sync_disk(folder: Path) -> bool:
    """syncfs(2) on the disk holding `folder`: False where the system has none (not Linux)."""
    if not hasattr(os, "sched_getaffinity"):  # Linux only, like syncfs
        return False
    import ctypes  # here: only a bulk save needs it

    try:
        syncfs = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        return False
    fd = os.open(folder, os.O_RDONLY)
    try:
        if syncfs(fd) != 0:
            number = ctypes.get_errno()
            raise OSError(number, os.strerror(number))
    finally:
        os.close(fd)
    return True


def sync_folders(folders: dict[Path, Path]) -> None:
    """fsync each folder; an error names the file given for it (already replaced)."""
    for folder, path in folders.items():
        try:
            fsync_dir(folder)
        except OSError as error:
            raise SaveError(path, error, replaced=True) from error


def replace_durably(path: Path, data: bytes, *, rotate: Path | None = None, sync_folder: bool = True) -> None:
    """`path` replaced by `data` through a synced temp (with `rotate`, its old version kept
    as a backup there); its folder synced unless the caller syncs it with others."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise SaveError(path, error) from error
    temp = _temp_beside(path)
    try:
        with open(temp, "xb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if rotate is not None:
            rotate_backups(path, rotate)
        os.replace(temp, path)
    except BaseException as error:
        temp.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise SaveError(path, error) from error
        raise
    if sync_folder:
        sync_folders({path.parent: path})


def swept_since(marker: Path, directories: list[Path]) -> list[Path]:
    """The folders that may have gained a temp file since the sweep that set `marker`'s
    time (all of them if there was none): those changed since, as their own times say.
    A temp is made under the lock, so after the sweep that set the marker; making it
    sets its folder's time no earlier than the marker's (a tie is swept again)."""
    try:
        since = os.stat(marker).st_mtime_ns
    except OSError:
        since = None
    changed = []
    for directory in directories:
        try:
            if since is None or os.stat(directory).st_mtime_ns >= since:
                changed.append(directory)
        except OSError:
            continue  # a folder not made yet holds no temp
    return changed


def mark_swept(marker: Path) -> None:
    """Say that every folder was swept now (nothing on a read-only library)."""
    try:
        with open(marker, "ab"):
            pass
        os.utime(marker)
    except OSError:
        pass


def remove_stray_temps(directory: Path) -> int:
    """Temp files left by a writer that was killed; call only while holding the lock."""
    removed = 0
    try:
        entries = os.scandir(directory)  # names only: bodies/ holds one file per article
    except OSError:
        return 0
    with entries:
        for entry in entries:
            if entry.name.startswith(".") and entry.name.endswith(TEMP_SUFFIX):
                Path(entry.path).unlink(missing_ok=True)
                removed += 1
    return removed
