"""Bytes behind a magic, a version and a CRC-32, written atomically: the frame of every
cache reader keeps (store/cachefile for a library's derived data, patterns for compiled
expressions). Outside the store package so that patterns, which every module's import
reaches, can read its cache without importing the store.

A write that fails is only a cache lost; reading never raises: a file missing, truncated,
flipped or of another version reads as None.
"""

from __future__ import annotations

import contextlib
import os
import uuid
import zlib
from pathlib import Path


def write_framed(path: Path, magic: bytes, version: int, payload: bytes, temp_suffix: str = ".tmp") -> None:
    """Write atomically (temp file + rename); an OSError is swallowed."""
    header = magic + version.to_bytes(4, "little") + zlib.crc32(payload).to_bytes(4, "little")
    temp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}{temp_suffix}")
    try:
        with open(temp, "xb") as handle:
            handle.write(header + payload)
        os.replace(temp, path)
    except OSError:
        with contextlib.suppress(OSError):  # a read-only disk cannot take the temp file away either
            temp.unlink(missing_ok=True)


def read_framed(path: Path, magic: bytes, version: int, limit: int = -1) -> memoryview | None:
    """The payload `write_framed` wrote with this magic and version, or None. With a
    `limit`, only that many bytes of it, read without the checksum (a quick look at a head
    the caller checks by other means)."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(-1 if limit < 0 else len(magic) + 8 + limit)
    except OSError:
        return None
    head = len(magic) + 8
    if len(data) < head or not data.startswith(magic):
        return None
    if int.from_bytes(data[len(magic) : len(magic) + 4], "little") != version:
        return None
    payload = memoryview(data)[head:]
    if limit < 0 and zlib.crc32(payload).to_bytes(4, "little") != data[len(magic) + 4 : head]:
        return None
    return payload


def frame_problem(path: Path, magic: bytes) -> str | None:
    """What is wrong with a framed file (None: its header and checksum are sound)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return f"cannot be read ({error.strerror})"
    head = len(magic) + 8
    if len(data) < head or not data.startswith(magic):
        return "is not a reader cache (damaged)"
    if zlib.crc32(memoryview(data)[head:]).to_bytes(4, "little") != data[len(magic) + 4 : head]:
        return "fails its checksum (damaged)"
    return None
