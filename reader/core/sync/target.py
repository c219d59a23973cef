"""A sync target folder: each device writes only its own files, so a folder-sync tool never
sees two writers of one file, and a git merge never conflicts.

    <target>/reader-sync/v1/devices/<device>/ops-<seq>.jsonl   a device's changes, append-only
    <target>/reader-sync/v1/bodies/<sha256>.json                article bodies by content

A segment's first line names the format, its device and number, how many lines follow and
their sha256: one torn or half-copied (a sync tool mid-copy) is skipped with a warning and
read at the next sync. Every file is written under a temp name and renamed. The header also
carries the device's host name and, per note change, the stamps its device held for the
fields it sets (`bases`, see conflicts.py): in the header, so a reader that does not know
them reads the changes as before.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.export.import_values import Invalid, loads
from reader.core.sanitize import sanitize
from reader.core.store.files import fsync_dir
from reader.core.sync.hlc import DEVICE, is_stamp
from reader.core.sync.ops import Op
from reader.core.sync.validate import check_op

FORMAT = "reader-sync"
VERSION = 1
SEGMENT = re.compile(r"\Aops-(\d{8})\.jsonl\Z")
MAX_SEGMENT = 1 << 30  # bytes; past this a file is refused rather than read into memory
MAX_BODY = 1 << 26


class TargetError(Exception):
    """The target cannot be used at all (missing, not a folder, not writable)."""


class Skipped(Exception):
    """A file not read this time; `retry`: it may read next time (torn, still arriving)."""

    def __init__(self, reason: str, retry: bool) -> None:
        super().__init__(reason)
        self.retry = retry


def segment_name(seq: int) -> str:
    return f"ops-{seq:08d}.jsonl"


@dataclass
class Segment:
    """A segment's checked changes; a change with "b" holds the stamps its device held for
    the fields it sets (none there: it held none), one without was written without them."""

    ops: list[Op]
    host: str | None = None


def encode_segment(device: str, seq: int, ops: list[Op], host: str | None = None) -> bytes:
    """The segment's bytes; each op's "b" (the stamps its device held) goes in the header."""
    bases = {str(i): op["b"] for i, op in enumerate(ops) if op.get("b")}
    sent = [{k: v for k, v in op.items() if k != "b"} for op in ops]
    lines = b"".join(json.dumps(op, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n" for op in sent)
    header = {"format": FORMAT, "version": VERSION, "device": device, "seq": seq,
              "lines": len(ops), "sha256": hashlib.sha256(lines).hexdigest(), "host": host, "bases": bases}
    return json.dumps(header, ensure_ascii=False).encode("utf-8") + b"\n" + lines


def decode_segment(data: bytes, device: str, seq: int) -> Segment:
    """The checked ops of a segment, or `Skipped` saying why not."""
    head, newline, rest = data.partition(b"\n")
    try:
        header = json.loads(head) if newline else None
    except ValueError:
        header = None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise Skipped("incomplete or not a reader sync file (a copy still arriving?); read again next sync", True)
    version = header.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise Skipped(f"written by a newer reader (format {version}); upgrade reader to read it", True)
    if header.get("device") != device or header.get("seq") != seq:
        raise Skipped("its header names another device or number than its name", False)
    if hashlib.sha256(rest).hexdigest() != header.get("sha256") or rest.count(b"\n") != header.get("lines"):
        raise Skipped("torn or half-copied (its checksum does not match); read again next sync", True)
    ops = []
    for number, line in enumerate(rest.split(b"\n")[:-1], start=2):
        try:
            ops.append(check_op(loads(line.decode("utf-8")), device))
        except (Invalid, ValueError, RecursionError) as error:
            raise Skipped(f"line {number}: {error}; nothing applied from it", False) from None
    bases = header.get("bases")
    if isinstance(bases, dict):  # advisory: a base that is not one is as if not written
        for index, op in enumerate(ops):
            held = bases.get(str(index), {})
            if isinstance(held, dict) and all(isinstance(k, str) and is_stamp(v) for k, v in held.items()):
                op["b"] = held
    return Segment(ops, _host(header.get("host")))


def _host(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(sanitize(value).split())[:40]
    return text or None


@dataclass
class Scan:
    segments: list[tuple[str, int, Path]] = field(default_factory=list)  # device, seq, path
    warnings: list[str] = field(default_factory=list)


class Folder:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.base = root / "reader-sync"
        self.v1 = self.base / f"v{VERSION}"

    def check(self) -> None:
        if not self.root.exists():
            raise TargetError(f"{self.root}: no such folder (make it, or give a folder or git repository that exists)")
        if not self.root.is_dir():
            raise TargetError(f"{self.root}: is a file, not a folder to sync through")
        try:
            (self.v1 / "devices").mkdir(parents=True, exist_ok=True)
            (self.v1 / "bodies").mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise TargetError(f"{self.root}: cannot write there ({error.strerror or error})") from None

    def device_dir(self, device: str) -> Path:
        return self.v1 / "devices" / device

    def publish(self, device: str, local: Path) -> bool:
        """Copy one of this device's segments there unless it is there whole; whether copied."""
        target = self.device_dir(device) / local.name
        data = local.read_bytes()
        try:
            if target.read_bytes() == data:
                return False
        except OSError:
            pass
        _write_new(target, data)
        return True

    def has_body(self, sha: str) -> bool:
        return (self.v1 / "bodies" / f"{sha}.json").exists()

    def put_body(self, sha: str, data: bytes, *, durable: bool = True) -> None:
        """Written once: a body is named by its content, so one there is never rewritten.
        Not `durable`: the caller syncs the disk once for many."""
        path = self.v1 / "bodies" / f"{sha}.json"
        if not path.exists() or hashlib.sha256(path.read_bytes()).hexdigest() != sha:
            _write_new(path, data, durable=durable)

    def body(self, sha: str) -> bytes | None:
        """The body of that address if it is there whole (else None: not yet arrived)."""
        path = self.v1 / "bodies" / f"{sha}.json"
        try:
            if path.stat().st_size > MAX_BODY:
                return None
            data = path.read_bytes()
        except OSError:
            return None
        return data if hashlib.sha256(data).hexdigest() == sha else None

    def scan(self, own: str) -> Scan:
        """Every other device's segments, and a line for each file that is not one."""
        found = Scan()
        if self.base.is_dir():
            for entry in sorted(self.base.iterdir()):
                version = re.fullmatch(r"v(\d+)", entry.name)
                if version and int(version.group(1)) > VERSION:
                    found.warnings.append(f"{entry}: skipped: written by a newer reader; upgrade reader to read it")
        devices = self.v1 / "devices"
        for folder in sorted(devices.iterdir()) if devices.is_dir() else []:
            if not DEVICE.match(folder.name) or not folder.is_dir():
                found.warnings.append(f"{folder}: skipped: not a reader device folder")
                continue
            if folder.name == own:
                continue
            for path in sorted(folder.iterdir()):
                match = SEGMENT.match(path.name)
                if match:
                    found.segments.append((folder.name, int(match.group(1)), path))
                else:
                    found.warnings.append(f"{path}: skipped: {_why_not(path.name)}")
        return found


def read_segment(path: Path, device: str, seq: int) -> Segment:
    try:
        if path.stat().st_size > MAX_SEGMENT:
            raise Skipped("larger than any segment reader writes", False)
        data = path.read_bytes()
    except OSError as error:
        raise Skipped(f"cannot be read ({error.strerror or error}); read again next sync", True) from None
    return decode_segment(data, device, seq)


def _why_not(name: str) -> str:
    if ".sync-conflict-" in name or "conflicted copy" in name.lower():
        return "a sync tool's conflict copy (each device writes only its own files; it holds nothing new)"
    if name.startswith(".") or name.endswith((".tmp", ".part")) or "~" in name:
        return "a file being written (read when it is whole)"
    return "not a reader sync file"


def _write_new(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Written under a temp name, synced, renamed: a reader of the folder sees all or nothing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.parent / f".{path.name}.{uuid.uuid4().hex[:8]}.tmp"
    try:
        with open(temp, "wb") as file:
            file.write(data)
            if durable:
                file.flush()
                os.fsync(file.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    if durable:
        fsync_dir(path.parent)
