"""The index cache's container: named binary sections in one memory-mapped file.

Loading the index must not cost reading it: at 200,000 notes the cache holds about a
hundred megabytes (posting lists, note and article texts), of which one search reads a
few posting lists and the fifty hits' texts. So the file is mapped, each section is
read in place when first asked for, and damage is found where it is read: besides the
CRC-32 of the whole payload in the header (what `reader doctor` checks), the file keeps
one CRC per BLOCK bytes of its sections, each checked the first time a read touches its
block. A small cache (a test's, a new user's) is checked whole on opening.

    header   magic, version, CRC-32 of the payload         (`store.cachefile`'s header)
    payload  u32 meta length, u32 meta CRC, meta (marshal: plain data, where each
             section lies, the block CRCs), then the sections, each 8-byte aligned
"""

from __future__ import annotations

import marshal
import mmap
import os
import uuid
import zlib
from array import array
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from reader.core.store.files import TEMP_SUFFIX

BLOCK = 16_384
CHECK_WHOLE = 4 << 20  # bytes: a file this small is checked whole when opened


class CacheDamaged(ValueError):
    """A block of the cache fails its checksum: the index is rebuilt from the library."""


def write_packed(path: Path, magic: bytes, version: int, plain: Any, sections: dict[str, Iterable[bytes]]) -> None:
    """Write atomically (temp file + rename); an OSError is swallowed: it is only a cache.

    A section is given as pieces (bytes or memoryviews, e.g. of the mapped file being
    replaced: an unchanged section is copied, never decoded and encoded again)."""
    places: dict[str, tuple[int, int]] = {}
    body = bytearray()
    for name, pieces in sections.items():
        start = len(body)
        for piece in pieces:
            body += piece
        places[name] = (start, len(body) - start)
        body += bytes(-len(body) % 8)
    view = memoryview(body)
    crcs = array("I", (zlib.crc32(view[i : i + BLOCK]) for i in range(0, len(body), BLOCK)))
    view.release()
    meta = marshal.dumps({"plain": plain, "sections": places, "block": BLOCK, "crcs": crcs.tobytes()})
    head = len(meta).to_bytes(4, "little") + zlib.crc32(meta).to_bytes(4, "little") + meta
    head += bytes(-(len(magic) + 8 + len(head)) % 8)  # sections start 8-byte aligned in the file
    crc = zlib.crc32(body, zlib.crc32(head))
    header = magic + version.to_bytes(4, "little") + crc.to_bytes(4, "little")
    temp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}{TEMP_SUFFIX}")
    try:
        with open(temp, "xb") as handle:
            handle.write(header)
            handle.write(head)
            handle.write(body)
        os.replace(temp, path)
    except OSError:
        try:
            temp.unlink(missing_ok=True)
        except OSError:
            pass  # a read-only disk cannot take the temp file away either


class Packed:
    """An opened cache: its plain data at once, its sections read (and checked) on demand."""

    def __init__(self, data: mmap.mmap | bytes, base: int, plain: Any, places: dict[str, tuple[int, int]],
                 block: int, crcs: array) -> None:
        self._data = memoryview(data)
        self._base = base  # where the sections begin
        self.plain = plain
        self._places = places
        self._block = block
        self._crcs = crcs
        self._checked = bytearray(len(crcs))

    @classmethod
    def open(cls, path: Path, magic: bytes, version: int) -> Packed | None:
        """The cache at `path` if its header and meta are sound, else None (never raises)."""
        try:
            with open(path, "rb") as handle:
                size = os.fstat(handle.fileno()).st_size
                if size <= len(magic) + 16:
                    return None
                data: mmap.mmap | bytes = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):
            return None
        head = len(magic) + 8
        if data[: len(magic)] != magic or int.from_bytes(data[len(magic) : len(magic) + 4], "little") != version:
            return None
        if size <= CHECK_WHOLE and zlib.crc32(memoryview(data)[head:]) != int.from_bytes(data[head - 4 : head], "little"):
            return None
        length = int.from_bytes(data[head : head + 4], "little")
        meta = data[head + 8 : head + 8 + length]
        if len(meta) != length or zlib.crc32(meta) != int.from_bytes(data[head + 4 : head + 8], "little"):
            return None
        try:
            found = marshal.loads(meta)
            places, block, raw = found["sections"], int(found["block"]), found["crcs"]
            crcs = array("I")
            crcs.frombytes(raw)
            base = head + 8 + length
            base += -base % 8
            if block <= 0 or any(base + start + n > size for start, n in places.values()):
                return None
            if len(crcs) != -(-(size - base) // block) and not (size == base and not crcs):
                return None
            packed = cls(data, base, found["plain"], places, block, crcs)
        except (EOFError, ValueError, TypeError, KeyError, AttributeError):
            return None
        if size <= CHECK_WHOLE:
            packed._checked = bytearray(b"\x01" * len(crcs))  # the whole payload's CRC held
        return packed

    def has(self, name: str) -> bool:
        return name in self._places

    def section(self, name: str) -> memoryview:
        """A whole section, checked."""
        start, length = self._places[name]
        return self.part(name, 0, length)

    def part(self, name: str, lo: int, hi: int) -> memoryview:
        """Bytes [lo, hi) of a section, their blocks checked (once each)."""
        start, length = self._places[name]
        if not 0 <= lo <= hi <= length:
            raise CacheDamaged(f"{name}: {lo}-{hi} outside {length}")
        if hi > lo:
            self._check(start + lo, start + hi)
        return self._data[self._base + start + lo : self._base + start + hi]

    def array(self, name: str, code: str) -> array:
        """A section as a (copied, appendable) array."""
        found = array(code)
        found.frombytes(self.section(name))
        return found

    def _check(self, lo: int, hi: int) -> None:
        block, checked = self._block, self._checked
        for i in range(lo // block, (hi - 1) // block + 1):
            if not checked[i]:
                a = self._base + i * block
                if zlib.crc32(self._data[a : a + block]) != self._crcs[i]:
                    raise CacheDamaged(f"search index cache: block {i} fails its checksum")
                checked[i] = 1
