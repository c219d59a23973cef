"""Many new article texts in one file (a pack), and their backup copies in another.

A refresh adds hundreds of articles at once. A text file and a copy file each was two
files made per article, and on this shared ext4 disk making a file costs 0.1-1 ms, more
than everything else about storing the article (5 BBC feeds: 4,450 files, 0.4-4 s).
So `Library.add_many` writes a run of new texts as one pack, and their copies as a
second pack of the same name in the backup folder (two independent files, as before):

    bodies/<time in ns, hex>-<random>.pack          (and backups/bodies/<same name>)
        reader pack 1\\n
        {"<id>.json": [offset, length, crc32], ...}\\n
        the texts' bytes, each exactly as its own file would hold it

A file of its own outranks any pack: `bodies/<id>.json` (a text replaced since, or one
of a few added together) and `backups/bodies/<id>.json.0` (its copy). Among packs the
newest holds an article (one removed and added again is in two). A pack is written once
(in place, before the index names its articles, as a new text file was) and never
changed: bytes that do not match their CRC are damaged, a pack whose header does not read
has lost them all; `reader doctor` then writes each article's own file from the other
copy. Libraries from before packs hold only files of their own, read as always.
"""

from __future__ import annotations

import json
import os
import time
import uuid
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.store.errors import CorruptFileError, SaveError

SUFFIX = ".pack"
PACK_FROM = 8  # new texts saved together from which their copies go in one pack
MAGIC = b"reader pack 1\n"


def pack_name() -> str:
    """A new pack's name: later packs sort after earlier ones (then a random part)."""
    return f"{time.time_ns():016x}-{uuid.uuid4().hex[:8]}{SUFFIX}"


def pack_bytes(members: dict[str, bytes]) -> bytes:
    """The pack holding these files' bytes under their names."""
    header: dict[str, list[int]] = {}
    offset = 0
    for name, data in members.items():
        header[name] = [offset, len(data), zlib.crc32(data)]
        offset += len(data)
    head = json.dumps(header, separators=(",", ":")).encode("ascii")
    return b"".join([MAGIC, head, b"\n", *members.values()])


@dataclass(frozen=True)
class Member:
    """Where one copy lies in a pack."""

    pack: Path
    name: str
    start: int  # from the start of the file
    length: int
    crc: int

    def read(self) -> bytes:
        """The copy's bytes; CorruptFileError naming the pack when they are not what was written."""
        try:
            with open(self.pack, "rb") as handle:
                handle.seek(self.start)
                data = handle.read(self.length)
        except OSError as error:
            raise CorruptFileError(self.pack, f"cannot be read ({error.strerror})") from error
        if len(data) != self.length:
            raise CorruptFileError(self.pack, f"is cut short ({self.name} in it is incomplete)")
        if zlib.crc32(data) != self.crc:
            raise CorruptFileError(self.pack, f"is damaged ({self.name} in it does not match its checksum)")
        return data


@dataclass
class Packs:
    """The packs of one folder as read once: which one holds the copy of each file name."""

    members: dict[str, Member] = field(default_factory=dict)
    damaged: dict[Path, str] = field(default_factory=dict)  # packs whose header does not read -> why

    @classmethod
    def read(cls, folder: Path) -> Packs:
        found = cls()
        try:
            names = sorted((n for n in os.listdir(folder) if n.endswith(SUFFIX)), reverse=True)  # newest first
        except OSError:
            return found
        for name in names:
            path = folder / name
            try:
                header, start = read_header(path)
            except CorruptFileError as error:
                found.damaged[path] = error.reason
                continue
            for member, (offset, length, crc) in header.items():
                found.members.setdefault(member, Member(path, member, start + offset, length, crc))
        return found

    def find(self, name: str) -> Member | None:
        return self.members.get(name)


def read_header(path: Path) -> tuple[dict[str, tuple[int, int, int]], int]:
    """A pack's members (name -> offset, length, crc) and where their bytes start."""
    try:
        with open(path, "rb") as handle:
            magic = handle.readline()
            line = handle.readline()
    except OSError as error:
        raise CorruptFileError(path, f"cannot be read ({error.strerror})") from error
    if magic != MAGIC:
        raise CorruptFileError(path, "is not a pack reader wrote (its first line is wrong)")
    try:
        header = json.loads(line)
        members = {name: (int(o), int(n), int(c)) for name, (o, n, c) in header.items()
                   if all(isinstance(v, int) and v >= 0 for v in (o, n, c))}
    except (ValueError, TypeError, AttributeError, UnicodeDecodeError, RecursionError):
        raise CorruptFileError(path, "is damaged (its list of contents does not read)") from None
    if not line.endswith(b"\n") or len(members) != len(header):
        raise CorruptFileError(path, "is damaged (its list of contents does not read)")
    return members, len(magic) + len(line)


def folder_signature(folder: Path) -> tuple[int, int] | None:
    """What changes when a file is made, renamed or removed in the folder."""
    try:
        st = os.stat(folder)
    except OSError:
        return None
    return st.st_ino, st.st_mtime_ns


Write = tuple[Path, str | bytes, Path | None]  # (file, its bytes, its backup folder), as batchwrite takes them


def body_writes(texts: dict[str, bytes], folder: Path, mirrors: Path) -> tuple[list[Write], list[Path]]:
    """The files that store new articles' texts (file name -> bytes) in `folder`, their
    backup copies in `mirrors`, and the packs among them: from PACK_FROM texts on, the
    texts go in one pack and their copies in another of the same name, not a file each.
    A text or copy file of one of those names left there (by an add a crash cut short:
    nothing names it) is removed, as it would outrank the pack (each folder listed once,
    not a removal tried per name: the folders of a library that packs hold few files)."""
    if len(texts) < PACK_FROM:
        return [(folder / name, data, mirrors) for name, data in texts.items()], []
    for where, suffix in ((folder, ""), (mirrors, ".0")):
        try:
            present = set(os.listdir(where))
        except FileNotFoundError:
            continue
        except OSError as error:
            raise SaveError(where, error) from error
        for stale in present.intersection(name + suffix for name in texts):
            try:
                os.unlink(where / stale)
            except FileNotFoundError:
                pass
            except OSError as error:
                raise SaveError(where / stale, error) from error
    name = pack_name()
    data = pack_bytes(texts)
    made = [folder / name, mirrors / name]
    return [(path, data, None) for path in made], made


class Packed:
    """The packs of one folder as one process reads them: their headers read once per
    change of the folder (a Library reads many articles)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._read: tuple[object, Packs] | None = None

    def packs(self, *, fresh: bool = False) -> Packs:
        signature = folder_signature(self.folder)
        if fresh or self._read is None or self._read[0] != signature:
            self._read = (signature, Packs.read(self.folder))
        return self._read[1]

    def read(self, own: Path, name: str, *, fresh: bool = False) -> bytes | None:
        """The file `own`'s bytes, else those of the newest packed `name` (None: neither is
        there); CorruptFileError naming the file or the pack that cannot be read.
        `fresh`: the packs' headers read again (another process may have packed it since)."""
        try:
            return own.read_bytes()
        except FileNotFoundError:
            pass
        except OSError as error:
            raise CorruptFileError(own, f"cannot be read ({error.strerror})") from error
        member = self.packs(fresh=fresh).find(name)
        return None if member is None else member.read()
