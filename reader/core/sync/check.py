"""What `reader doctor` says about sync: its own files under the home that do not read,
and the files in the target the last sync skipped. Its files are derived from the journal
and the target (the merged state is a function of the changes seen), so a damaged one is
removed and everything is read again at the next sync."""

from __future__ import annotations

from pathlib import Path

from reader.core.store.errors import CorruptFileError
from reader.core.store.files import read_json
from reader.core.sync.paths import SyncPaths
from reader.core.sync.state import load_device, load_settings, load_state

# (file, problem, whether --restore removes it)
Problem = tuple[Path, str, bool]


def sync_problems(home: Path) -> list[Problem]:
    paths = SyncPaths(home)
    if not paths.root.is_dir():
        return []
    found: list[Problem] = []
    rebuild = " (sync reads every change again at the next sync)"
    if paths.device.exists():
        try:
            load_device(paths)
        except CorruptFileError as error:
            found.append((paths.device, f"sync device file: {error.reason}; a new device id is made" + rebuild, True))
    try:
        load_settings(paths)
    except CorruptFileError as error:
        found.append((paths.settings, f"sync settings: {error.reason}; `reader sync TARGET` sets the target again", True))
    state = None
    try:
        state = load_state(paths)
    except CorruptFileError as error:
        found.append((paths.state, f"sync state: {error.reason}" + rebuild, True))
    for shard in sorted(paths.crdt.glob("*.json")) if paths.crdt.is_dir() else []:
        try:
            if not isinstance(read_json(shard), dict):
                raise CorruptFileError(shard, "not reader's merged sync state")
        except CorruptFileError as error:
            found.append((shard, f"sync merged state: {error.reason}" + rebuild, True))
            if paths.state.exists() and not any(p == paths.state for p, _, _ in found):
                found.append((paths.state, "sync state must be made again with the merged state" + rebuild, True))
    for line in state.warnings if state is not None else []:
        path, _, problem = line.partition(": ")
        found.append((Path(path), f"in the sync target, {problem}", False))
    return found
