"""Where sync keeps its own files, under the library's home (never in the library's files).

    sync/device.json     this library's device id (made when sync is first used)
    sync/journal.jsonl   every change made here since then, appended under the library lock
    sync/state.json      the target, which segments of other devices were applied, how far
                         the journal was folded, when the last sync was
    sync/settings.json   the user's choices in it (the target, background sync), kept apart:
                         a damaged state.json that doctor removes does not take them along
    sync/crdt/<xx>.json  every entity's fields with their stamps, and its sets' add/remove
                         stamps: what an incoming change is compared with
    sync/out/<device>/   this device's segments as sent, sent again to a new or wiped target
    sync/conflicts.txt   each note text a merge did not keep (edited on two devices at once)
    sync/git/<name>/     the work folder of a git target
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SyncPaths:
    home: Path

    @property
    def root(self) -> Path:
        return self.home / "sync"

    @property
    def device(self) -> Path:
        return self.root / "device.json"

    @property
    def journal(self) -> Path:
        return self.root / "journal.jsonl"

    @property
    def state(self) -> Path:
        return self.root / "state.json"

    @property
    def settings(self) -> Path:
        return self.root / "settings.json"

    @property
    def crdt(self) -> Path:
        return self.root / "crdt"

    @property
    def conflicts(self) -> Path:
        return self.root / "conflicts.txt"

    def outbox(self, device: str) -> Path:
        return self.root / "out" / device

    @property
    def git(self) -> Path:
        return self.root / "git"
