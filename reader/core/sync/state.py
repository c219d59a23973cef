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


SETTINGS = ("target", "auto")  # the fields the user chose, kept in settings.json too


def load_state(paths: SyncPaths) -> SyncState:
    """The state, or a fresh one; a damaged file is CorruptFileError (doctor names it).
    The user's settings come from settings.json when it reads (a state.json doctor removed
    does not forget them)."""
    state = _read_state(paths) if paths.state.exists() else SyncState()
    try:
        settings = load_settings(paths)
    except CorruptFileError:  # doctor names it; the state's own copy serves meanwhile
        return state
    for name in SETTINGS:
        if name in settings:
            setattr(state, name, settings[name])
    return state


def _read_state(paths: SyncPaths) -> SyncState:
    data: Any = read_json(paths.state)
    try:
        state = SyncState(**data)
        if not isinstance(state.offset, int) or not isinstance(state.seq, int) or not isinstance(state.applied, dict):
            raise TypeError("fields of the wrong kind")
        state.applied = {str(k): [int(s) for s in v] for k, v in state.applied.items()}
    except (TypeError, ValueError) as error:
        raise CorruptFileError(paths.state, f"not reader's sync state ({error})") from None
    return state


def load_settings(paths: SyncPaths) -> dict[str, Any]:
    """The user's sync settings ({} before any); CorruptFileError when the file is damaged."""
    if not paths.settings.exists():
        return {}
    data = read_json(paths.settings)
    if (not isinstance(data, dict) or not isinstance(data.get("target"), (str, type(None)))
            or not isinstance(data.get("auto", False), bool)):
        raise CorruptFileError(paths.settings, "not reader's sync settings")
    return {name: data[name] for name in SETTINGS if name in data}


def save_state(paths: SyncPaths, state: SyncState) -> None:
    paths.root.mkdir(parents=True, exist_ok=True)
    write_atomic(paths.state, dump_json(asdict(state)))
    settings = {name: getattr(state, name) for name in SETTINGS}
    try:
        unchanged = load_settings(paths) == settings
    except CorruptFileError:
        unchanged = False
    if not unchanged:
        write_atomic(paths.settings, dump_json(settings))


def load_device(paths: SyncPaths) -> dict[str, Any]:
    data = read_json(paths.device)
    if not isinstance(data, dict) or not isinstance(data.get("id"), str):
        raise CorruptFileError(paths.device, "not reader's sync device file")
    return data


def dumps_device(device: str, host: str, home: str) -> str:
    return json.dumps({"id": device, "host": host, "home": home})
