"""The merge: every entity's state is a function of the SET of changes seen, so libraries
that have seen the same changes agree, whatever order they came in.

Per entity, `r` holds each field as [stamp, value]: the value of the latest stamp wins
(last writer wins; a stamp names its device, so there are no ties). `s` holds each set's
elements with the stamps that added them and the add stamps a removal saw: an element is
present while one of its adds was not seen removed, so an add concurrent with a removal
is kept (add-wins observed-remove set).

Kept in the home as shards of JSON (`sync/crdt/<xx>.json`, by article id for articles and
notes), rewritten only when a change touches them.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from reader.core.store.files import dump_json_bytes, read_json, write_atomic
from reader.core.sync.ops import Op

State = dict[str, Any]
WATCHED = ("note", "color")  # a note's fields whose concurrent edits sync names (conflicts.py)


def shard_name(key: str) -> str:
    """Articles and their notes share a shard (an article coming back finds its notes)."""
    kind, _, rest = key.partition(":")
    if kind in ("a", "n"):
        return rest[:2]
    return "x" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:1]


class Store:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._shards: dict[str, dict[str, State]] = {}
        self._dirty: set[str] = set()

    def _shard(self, name: str) -> dict[str, State]:
        if name not in self._shards:
            path = self.folder / f"{name}.json"
            data = read_json(path) if path.exists() else {}
            if not isinstance(data, dict):
                data = {}
            self._shards[name] = data
        return self._shards[name]

    def get(self, key: str) -> State | None:
        return self._shard(shard_name(key)).get(key)

    def _entity(self, key: str) -> State:
        name = shard_name(key)
        self._dirty.add(name)
        return self._shard(name).setdefault(key, {"r": {}, "s": {}})

    def keys_in_shard_of(self, key: str) -> list[str]:
        return list(self._shard(shard_name(key)))

    def canonical(self, op: Op) -> Op:
        """A journal op as sent: removals carry the add stamps this device had seen (its
        state before the op), a whole tag list (`t`) becomes adds and removals, and a note's
        text and colour carry the stamps held before (`b`: what this device had seen of them)."""
        state = self.get(op["e"]) or {"r": {}, "s": {}}
        out: Op = {k: op[k] for k in ("h", "e", "r") if k in op}
        if op["e"].startswith("n:") and (watched := [f for f in WATCHED if f in op.get("r", {})]):
            out["b"] = {f: state["r"][f][0] for f in watched if f in state["r"]}
        adds = {s: list(elems) for s, elems in op.get("a", {}).items()}
        removes: dict[str, dict[str, list[str]]] = {}
        for name, elems in op.get("x", {}).items():
            for elem in elems:
                if live := live_adds(state, name, elem):
                    removes.setdefault(name, {})[elem] = live
        for name, elems in op.get("t", {}).items():
            present = members(state, name)
            for elem in present:
                if elem not in elems:
                    removes.setdefault(name, {})[elem] = live_adds(state, name, elem)
            missing = [e for e in elems if e not in present]
            if missing:
                adds.setdefault(name, []).extend(missing)
        if adds := {k: v for k, v in adds.items() if v}:
            out["a"] = adds
        if removes:
            out["x"] = removes
        return out

    def fold(self, op: Op) -> bool:
        """Take in one canonical op; whether it changed anything (the same op twice does not)."""
        stamp, state, changed = op["h"], self._entity(op["e"]), False
        for name, value in op.get("r", {}).items():
            held = state["r"].get(name)
            if held is None or held[0] < stamp:
                state["r"][name] = [stamp, value]
                changed = True
        for name, elems in op.get("a", {}).items():
            for elem in elems:
                entry = state["s"].setdefault(name, {}).setdefault(elem, {"a": [], "x": []})
                if stamp not in entry["a"]:
                    entry["a"].append(stamp)
                    changed = True
        for name, seen in op.get("x", {}).items():
            for elem, stamps in seen.items():
                entry = state["s"].setdefault(name, {}).setdefault(elem, {"a": [], "x": []})
                for removed in stamps:
                    if removed not in entry["x"]:
                        entry["x"].append(removed)
                        changed = True
        return changed

    def save(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        for name in sorted(self._dirty):
            write_atomic(self.folder / f"{name}.json", dump_json_bytes(self._shards[name]))
        self._dirty.clear()


def live_adds(state: State, name: str, elem: str) -> list[str]:
    entry = state.get("s", {}).get(name, {}).get(elem)
    if entry is None:
        return []
    removed = set(entry["x"])
    return [stamp for stamp in entry["a"] if stamp not in removed]


def members(state: State, name: str) -> list[str]:
    """The set's present elements, in the order they were first added."""
    found = [(min(live), elem) for elem in state.get("s", {}).get(name, {}) if (live := live_adds(state, name, elem))]
    return [elem for _, elem in sorted(found)]


def field(state: State, name: str, default: Any = None) -> Any:
    held = state.get("r", {}).get(name)
    return default if held is None else held[1]


def dumps(state: State) -> str:
    return json.dumps(state, sort_keys=True)
