"""One sync round: take this device's new changes out, every other device's in.

    1. (git) pull the work folder; read every segment not yet taken in (outside the lock)
    2. under the library lock: fold this device's journal into the merged state and write
       it as a new segment; fold the others' segments (noting a note edit that meets one
       made here concurrently, conflicts.py); make the library match; save
    3. publish this device's segments and their bodies; (git) commit and push

A segment that does not read whole is skipped with a warning and read next time; one that
reads but holds a fault is refused whole. The library lock is held only for step 2.
"""

from __future__ import annotations

import json
import os
import socket
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from reader.core.store.errors import LibraryError
from reader.core.store.files import sync_disk, write_atomic
from reader.core.sync import ops as sync_ops
from reader.core.sync.apply import Applied, reconcile
from reader.core.sync.conflicts import Watch, removed_with_notes
from reader.core.sync.crdt import Store
from reader.core.sync.gitsync import Git, is_git_target
from reader.core.sync.paths import SyncPaths
from reader.core.sync.state import SyncState, dumps_device, load_device, load_state, save_state
from reader.core.sync.target import Folder, Segment, Skipped, TargetError, encode_segment, read_segment, segment_name


@dataclass
class Report:
    target: str
    applied: Applied = field(default_factory=Applied)
    devices: set[str] = field(default_factory=set)
    out: int = 0
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        a = self.applied
        removed = f"{_count(a.removed, 'article')} removed" if a.removed else ""
        parts = [p for p in (_count(a.notes, "note"), _count(a.articles, "article"), removed,
                             _count(a.tags, "tag change"), _count(a.other, "other change")) if p]
        # (from no device this time: an article's text that arrived after its record)
        source = f" from {_count(len(self.devices), 'device')}" if self.devices else ""
        came = f"{', '.join(parts)}{source}" if parts else "nothing"
        waiting = f" ({_count(len(a.waiting), 'article')} waiting for its text)" if a.waiting else ""
        return f"in: {came}{waiting}; out: {_count(self.out, 'change') or 'nothing'}"


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}" if n else ""


@dataclass
class Status:
    target: str | None
    device: str | None
    last_sync: str | None
    last_result: str | None
    pending: int
    warnings: list[str]
    auto: bool = False


def device_id(library: Any) -> str:
    """This library's device id, made (with a snapshot of what it holds as this device's
    changes, so a library older than sync syncs whole) the first time sync is used."""
    paths = SyncPaths(library.home)
    host, home = socket.gethostname(), str(Path(library.home).resolve())
    with library.locked():
        if paths.device.exists():
            data = load_device(paths)
            if data.get("host") == host and data.get("home") == home:
                return str(data["id"])
            # A copy of the library (another machine, another folder): a device of its own,
            # so two libraries never write the same files in a target.
        device = uuid.uuid4().hex[:16]
        # What the library holds is this device's first changes. A journal left (a first use
        # cut short, a lost device file, a copy's lines stamped by the original) is replaced.
        paths.journal.unlink(missing_ok=True)
        _snapshot(library, paths, device)
        if paths.state.exists():
            state = load_state(paths)
            state.offset = 0
            save_state(paths, state)
        write_atomic(paths.device, dumps_device(device, host, home))
        library.journal.forget_device()
        return device


def _snapshot(library: Any, paths: SyncPaths, device: str) -> None:
    from reader.core.sync.hlc import next_stamp

    # Each change is dated now, but a note when it was last edited: two libraries that
    # start syncing with copies of one note keep the later edit, not the later first sync.
    now = int(time.time() * 1000)
    found: list[tuple[int, dict[str, Any]]] = []
    for article in library.articles():
        found.append((now, sync_ops.article_added(library.article(article.id))))
    found += [(min(now, int(a.updated.timestamp() * 1000)), sync_ops.note_put(a)) for a in library.annotations()]
    found += [(now, sync_ops.feed_subscribed(f)) for f in library.feeds()]
    found += [(now, sync_ops.search_set(n, q)) for n, q in library.searches().items()]
    found += [(now, sync_ops.alias_set(n, i)) for n, i in library.aliases().items()]

    paths.root.mkdir(parents=True, exist_ok=True)
    stamp: str | None = None
    lines = []
    for when, op in sorted(found, key=lambda pair: pair[0]):
        stamp = next_stamp(stamp, device, wall_ms=when)
        lines.append(json.dumps({"h": stamp, **op}, ensure_ascii=False, separators=(",", ":")))
    write_atomic(paths.journal, "".join(line + "\n" for line in lines))


def open_target(text: str, paths: SyncPaths) -> tuple[Folder, Git | None]:
    if not text.strip():
        raise TargetError("give a folder or a git repository to sync through")
    if is_git_target(text):
        git = Git(text, paths.git)
        return Folder(git.pull()), git
    return Folder(Path(text).expanduser().resolve()), None


def remember(library: Any, target: str) -> str:
    """Set the target `reader sync` uses when given none (checked first)."""
    paths = SyncPaths(library.home)
    text = target if is_git_target(target) else str(Path(target).expanduser().resolve())
    if not is_git_target(target):
        Folder(Path(text)).check()
    with library.locked():
        state = load_state(paths)
        state.target = text
        save_state(paths, state)
    return text


def status(library: Any) -> Status:
    paths = SyncPaths(library.home)
    state = load_state(paths)
    device = str(load_device(paths)["id"]) if paths.device.exists() else None
    pending = len(library.journal.read_from(state.offset)[0]) if device else 0
    return Status(state.target, device, state.last_sync, state.last_result, pending, state.warnings, state.auto)


def set_auto(library: Any, auto: bool) -> None:
    """Whether the app syncs in the background with the remembered target."""
    paths = SyncPaths(library.home)
    with library.locked():
        state = load_state(paths)
        state.auto = auto
        save_state(paths, state)


def sync(library: Any, target: str | None = None) -> Report:
    """One round with `target` (or the remembered one); TargetError if it cannot be used."""
    paths = SyncPaths(library.home)
    text = target or load_state(paths).target
    if not text:
        raise TargetError("no sync target yet: `reader sync TARGET` (a folder or a git repository)")
    if not is_git_target(text):
        text = str(Path(text).expanduser().resolve())
    device = device_id(library)
    folder, git = open_target(text, paths)
    folder.check()
    report = Report(text)
    incoming, retry_later = _read_incoming(folder, device, load_state(paths), report)
    with library.locked(), library.journal.paused():
        state = load_state(paths)
        state.target = text
        store = Store(paths.crdt)
        report.out = _take_out(library, paths, store, state, device)
        touched = set(state.waiting)
        newest: str | None = None
        watch = Watch(store, device)
        for other, seq, segment in incoming:
            if seq in state.applied.get(other, []):
                continue
            watch.name(other, segment.host)
            for op in segment.ops:
                watch.see(op)
                if store.fold(op):
                    touched.add(op["e"])
                    report.devices.add(other)
                newest = op["h"] if newest is None or op["h"] > newest else newest
        report.applied = reconcile(library, store, touched, folder.body)
        if newest is not None:
            library.journal.observe(newest)
        store.save()
        for other, seq, _ in incoming:
            state.applied.setdefault(other, [])
            if seq not in state.applied[other]:
                state.applied[other].append(seq)
        state.waiting = sorted(report.applied.waiting)
        state.warnings = list(report.warnings)  # the target's files skipped (doctor names them)
        report.warnings.extend(watch.lines(paths.conflicts))
        report.warnings.extend(report.applied.warnings)
        report.warnings.extend(removed_with_notes(paths.conflicts, title, notes, watch.source)
                               for title, notes in report.applied.dropped)
        state.last_sync = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
        state.last_result = report.summary() + (" (incomplete)" if retry_later else "")
        save_state(paths, state)
    _publish(library, paths, folder, device)
    if git is not None:
        git.push(device)
    return report


def _read_incoming(folder: Folder, device: str, state: SyncState,
                   report: Report) -> tuple[list[tuple[str, int, Segment]], bool]:
    scan = folder.scan(device)
    report.warnings.extend(scan.warnings)
    found, retry = [], False
    for other, seq, path in scan.segments:
        if seq in state.applied.get(other, []):
            continue
        try:
            found.append((other, seq, read_segment(path, other, seq)))
        except Skipped as skipped:
            report.warnings.append(f"{path}: skipped: {skipped}")
            retry = True
    return found, retry


def _take_out(library: Any, paths: SyncPaths, store: Store, state: SyncState, device: str) -> int:
    """Fold this device's new journal lines into the state and keep them as its next segment."""
    found, offset = library.journal.read_from(state.offset)
    sent = []
    for op in found:
        canonical = store.canonical(op)
        store.fold(canonical)
        sent.append(canonical)
    if sent:
        outbox = paths.outbox(device)
        numbers = [int(p.name[4:12]) for p in outbox.glob("ops-*.jsonl")] if outbox.is_dir() else []
        state.seq = max([state.seq, *(n + 1 for n in numbers)])  # never a number already sent
        outbox.mkdir(parents=True, exist_ok=True)
        segment = encode_segment(device, state.seq, sent, socket.gethostname())
        write_atomic(outbox / segment_name(state.seq), segment)
        state.seq += 1
    state.offset = offset
    return len(sent)


def _publish(library: Any, paths: SyncPaths, folder: Folder, device: str) -> None:
    """This device's segments that the target lacks, each after the article bodies it names
    (written, then made durable with one sync of the disk rather than an fsync each)."""
    outbox = paths.outbox(device)
    for local in sorted(outbox.glob("ops-*.jsonl")) if outbox.is_dir() else []:
        there = folder.device_dir(device) / local.name
        if there.exists() and there.stat().st_size == local.stat().st_size:
            continue
        wrote = False
        for article_id, sha in _bodies_named(local):
            if folder.has_body(sha):
                continue
            try:
                data = library.body_bytes(article_id)
            except LibraryError:
                continue  # removed since; a later change says so
            if sync_ops.content_address(data) == sha:
                folder.put_body(sha, data, durable=False)
                wrote = True
        if wrote and not sync_disk(folder.v1 / "bodies"):  # one flush of that disk, not of every disk
            os.sync()
        folder.publish(device, local)


def _bodies_named(segment: Path) -> list[tuple[str, str]]:
    """(article id, body address) of each article change in one of this device's own segments."""
    found = []
    with open(segment, "rb") as file:
        next(file, None)  # the header
        for line in file:
            if b'"e":"a:' in line and b'"meta"' in line:
                op = json.loads(line)
                meta = op.get("r", {}).get("meta")
                if isinstance(meta, dict):
                    found.append((op["e"][2:], meta["body"]))
    return found
