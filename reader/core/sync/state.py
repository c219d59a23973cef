"""What sync remembers between runs (`sync/state.json`), read and written under the lock."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from reader.core.store.errors import CorruptFileError
from reader.core.store.files import dump_json, read_json, write_atomic
from reader.core.sync.paths import SyncPaths


@dataclass
class SyncState:
    target: str | None = None
    offset: int = 0  # journal bytes folded into the merged state and sent as segments
    seq: int = 1  # this device's next segment number
    applied: dict[str, list[int]] = field(default_factory=dict)  # device -> segments taken in
    waiting: list[str] = field(default_factory=list)  # entities whose article body has not arrived
    last_sync: str | None = None
    last_result: str | None = None
    warnings: list[str] = field(default_factory=list)  # files in the target skipped last time
    auto: bool = False  # the app syncs in the background (at start, then when there are changes)


def load_state(paths: SyncPaths) -> SyncState:
    """The state, or a fresh one; a damaged file is CorruptFileError (doctor names it)."""
    if not paths.state.exists():
        return SyncState()
    data: Any = read_json(paths.state)
    try:
        state = SyncState(**data)
        if not isinstance(state.offset, int) or not isinstance(state.seq, int) or not isinstance(state.applied, dict):
            raise TypeError("fields of the wrong kind")
        state.applied = {str(k): [int(s) for s in v] for k, v in state.applied.items()}
    except (TypeError, ValueError) as error:
        raise CorruptFileError(paths.state, f"not reader's sync state ({error})") from None
    return state


def save_state(paths: SyncPaths, state: SyncState) -> None:
    paths.root.mkdir(parents=True, exist_ok=True)
    write_atomic(paths.state, dump_json(asdict(state)))


def load_device(paths: SyncPaths) -> dict[str, Any]:
    data = read_json(paths.device)
    if not isinstance(data, dict) or not isinstance(data.get("id"), str):
        raise CorruptFileError(paths.device, "not reader's sync device file")
    return data


def dumps_device(device: str, host: str, home: str) -> str:
    return json.dumps({"id": device, "host": host, "home": home})
