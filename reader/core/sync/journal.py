"""This device's journal: every change the Library makes is appended here, stamped, under
the library lock and made durable with it, once sync has been used with the library.

Until then `record` costs one stat. Changes that sync itself applies are not journaled
(`paused`): they came from another device's log, which every device reads.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from reader.core.sync.hlc import is_stamp, next_stamp
from reader.core.sync.ops import Op
from reader.core.sync.paths import SyncPaths

_TAIL = 65536  # bytes read back from the journal's end for the last stamp


class Journal:
    def __init__(self, home: Path) -> None:
        self.paths = SyncPaths(home)
        self._device: str | None = None
        self._local = threading.local()

    def enabled(self) -> bool:
        return self.paths.device.exists()

    def device(self) -> str:
        if self._device is None:
            data = json.loads(self.paths.device.read_text(encoding="utf-8"))
            self._device = str(data["id"])
        return self._device

    def forget_device(self) -> None:
        self._device = None

    @contextmanager
    def paused(self) -> Iterator[None]:
        """Changes made in this thread meanwhile are sync's own: not journaled."""
        self._local.paused = getattr(self._local, "paused", 0) + 1
        try:
            yield
        finally:
            self._local.paused -= 1

    def record(self, make_ops: Callable[[], list[Op | None]]) -> None:
        """Append the ops `make_ops` gives, each with the next stamp (made only when sync is
        in use). The caller holds the library lock and has just made the change."""
        if getattr(self._local, "paused", 0) or not self.enabled():
            return
        found = [op for op in make_ops() if op]
        if not found:
            return
        last, torn = self._tail()
        device = self.device()
        lines = []
        for op in found:
            last = next_stamp(last, device)
            lines.append(json.dumps({"h": last, **op}, ensure_ascii=False, separators=(",", ":")))
        self._append(("\n" if torn else "") + "\n".join(lines) + "\n")

    def observe(self, stamp: str) -> None:
        """Remember a stamp seen from another device: later changes here sort after it."""
        last, torn = self._tail()
        if last is None or stamp > last:
            self._append(("\n" if torn else "") + json.dumps({"h": stamp, "clock": True}) + "\n")

    def last_stamp(self) -> str | None:
        return self._tail()[0]

    def _tail(self) -> tuple[str | None, bool]:
        """The latest stamp in the journal, and whether its last line was torn (a crash
        mid-append): the next append starts on a line of its own."""
        try:
            with open(self.paths.journal, "rb") as file:
                size = file.seek(0, os.SEEK_END)
                file.seek(max(0, size - _TAIL))
                data = file.read()
        except FileNotFoundError:
            return None, False
        torn = bool(data) and not data.endswith(b"\n")
        for line in reversed(data.split(b"\n")):
            stamp = _stamp_of(line)
            if stamp is not None:
                return stamp, torn
        return None, torn

    def _append(self, text: str) -> None:
        self.paths.root.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.paths.journal, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, text.encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)

    def read_from(self, offset: int) -> tuple[list[Op], int]:
        """The ops appended after byte `offset`, and the offset after the last whole line."""
        try:
            with open(self.paths.journal, "rb") as file:
                file.seek(offset)
                data = file.read()
        except FileNotFoundError:
            return [], offset
        end = data.rfind(b"\n") + 1
        ops: list[Op] = []
        for line in data[:end].split(b"\n"):
            try:
                op: Any = json.loads(line) if line.strip() else None
            except ValueError:
                continue  # a line torn by a crash, the change it began not acknowledged
            if isinstance(op, dict) and is_stamp(op.get("h")) and "e" in op:
                ops.append(op)
        return ops, offset + end


def _stamp_of(line: bytes) -> str | None:
    if not line.strip():
        return None
    try:
        data = json.loads(line)
    except ValueError:
        return None
    stamp = data.get("h") if isinstance(data, dict) else None
    return stamp if is_stamp(stamp) else None
