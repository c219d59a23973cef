"""Saying when the merge dropped a note edit: its text or colour was edited on this device
and on another that had not seen that edit (concurrent, not merely older).

The merge itself is untouched (the later stamp wins, crdt.py); this only watches a round
fold other devices' changes. Each note change sent carries, per watched field it sets, the
stamp its device held for that field (`b`): a device that had seen this device's edit held
that stamp or a later one. An incoming change whose device held an older one (or none) was
made without seeing it; when its value differs, one of the two was dropped, and a line per
note says which was kept and shows the other. Each dropped text is also appended whole to
`sync/conflicts.txt`, so nothing typed is lost from view once a toast is gone.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from reader.core.quotemarks import quoted
from reader.core.sanitize import sanitize
from reader.core.sync.crdt import WATCHED, Store
from reader.core.sync.hlc import stamp_device
from reader.core.sync.ops import Op

LABELS = {"note": "text", "color": "colour"}
INLINE = 100  # characters of a dropped text shown in the line; longer ones are named in the file
THIS_DEVICE = "this device"


@dataclass
class Edit:
    stamp: str
    value: Any
    source: str  # "this device", or the other device's host name


@dataclass
class Clash:
    own: Edit
    incoming: dict[str, Edit] = field(default_factory=dict)  # device -> its latest such edit


class Watch:
    """Fed every incoming change before it is folded; `lines` once the round has folded."""

    def __init__(self, store: Store, device: str) -> None:
        self.store, self.device = store, device
        self._own: dict[str, dict[str, list[Any]]] = {}  # entity -> field -> [stamp, value] before the round
        self._names: dict[str, str] = {}
        self.clashes: dict[str, dict[str, Clash]] = {}

    def name(self, device: str, host: str | None) -> None:
        self._names[device] = host or f"device {device[:8]}"

    def see(self, op: Op) -> None:
        key = op["e"]
        if not key.startswith("n:") or "b" not in op:  # "b" missing: written without bases
            return
        if not op["b"] and "base" in op.get("r", {}):  # a whole note from a device that had none of it:
            return  # made there, or a copy (an import, a copied library): no edit of ours it overrode
        fields = [f for f in WATCHED if f in op.get("r", {})]
        if not fields:
            return
        if key not in self._own:  # before any of this round's changes to it is folded
            state = self.store.get(key) or {}
            self._own[key] = {f: held for f, held in state.get("r", {}).items()
                              if f in WATCHED and stamp_device(held[0]) == self.device}
        for name in fields:
            own = self._own[key].get(name)
            base = op["b"].get(name)
            if own is None or (base is not None and base >= own[0]) or op["r"][name] == own[1]:
                continue  # nothing of this device's, seen by the other, or the same value
            clash = self.clashes.setdefault(key, {}).setdefault(name, Clash(Edit(own[0], own[1], THIS_DEVICE)))
            other = stamp_device(op["h"])
            if other not in clash.incoming or clash.incoming[other].stamp < op["h"]:
                clash.incoming[other] = Edit(op["h"], op["r"][name], self.source(other))

    def lines(self, log: Path) -> list[str]:
        """One line per note that lost an edit; every dropped text also appended to `log`."""
        found = []
        for key in sorted(self.clashes):
            state = self.store.get(key) or {}
            kept_parts, lost_parts, labels, logged = [], [], [], []
            for name, clash in self.clashes[key].items():
                stamp, value = state["r"][name]
                edits = [clash.own, *clash.incoming.values()]
                kept = next((e for e in edits if e.stamp == stamp), None)
                kept = kept or Edit(stamp, value, self.source(stamp_device(stamp)))  # a third device's
                lost = [e for e in edits if e.value != value]
                if not lost:
                    continue
                labels.append(LABELS[name])
                when = f"{kept.source}, {_when(kept.stamp)}"
                kept_parts.append(f"from {when}" if name == "note" else f"colour {value} from {when}")
                for edit in lost:
                    if name == "note":
                        lost_parts.append(_text(edit.value, log))
                        logged.append(edit)
                    else:
                        lost_parts.append(f"colour {edit.value}")
            if not labels:
                continue
            line = _line(key, state, labels, kept_parts, lost_parts)
            found.append(line)
            if logged:
                _append(log, line, logged)
        return found

    def source(self, device: str) -> str:
        """How a device is named in a line: this device, or its host name."""
        return THIS_DEVICE if device == self.device else self._names.get(device, f"device {device[:8]}")


def _line(key: str, state: dict[str, Any], labels: list[str], kept: list[str], lost: list[str]) -> str:
    note_id = key.rsplit(":", 1)[1][:8]
    place = (state.get("r", {}).get("place") or [None, None])[1]
    exact = place.get("selector", {}).get("exact", "") if isinstance(place, dict) else ""
    passage = f" {quoted(sanitize(exact), 40)}" if exact.strip() else ""
    if len(labels) == 1:
        what = f"its {labels[0]} was edited on both devices; kept the later edit ({kept[0]})"
    else:
        what = (f"its {' and '.join(labels)} were edited on both devices; kept the later edits "
                f"({'; '.join(f'{label} {part}' if label == 'text' else part for label, part in zip(labels, kept))})")
    other = f"the other was {lost[0]}" if len(lost) == 1 else f"the others were {', '.join(lost[:-1])} and {lost[-1]}"
    return f"note {note_id}{passage}: {what}, {other}"


def _text(value: Any, log: Path) -> str:
    text = sanitize(str(value))
    if not text.strip():
        return "no text"
    if len(text) <= INLINE and "\n" not in text:
        return f'"{text}"'
    start = " ".join(text.split())[:60].rstrip()
    return f'"{start}…" (whole in {log})'


def _when(stamp: str) -> str:
    moment = datetime.fromtimestamp(int(stamp[:13]) / 1000)
    if moment.date() == datetime.now().date():
        return moment.strftime("%H:%M")
    return f"{moment.day} {moment:%b %H:%M}"


def _append(log: Path, line: str, dropped: list[Edit]) -> None:
    """The line and each dropped text whole, appended and made durable (a record to go back to)."""
    entry = [f"{datetime.now().astimezone().isoformat(timespec='seconds')}  {line}"]
    for edit in dropped:
        entry.append(f"  not kept, from {edit.source}, {_when(edit.stamp)}:")
        entry.extend(f"    {row}" for row in sanitize(str(edit.value)).split("\n"))
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "a", encoding="utf-8") as file:
        file.write("\n".join(entry) + "\n\n")
        file.flush()
        os.fsync(file.fileno())


def removed_with_notes(log: Path, title: str, notes: list[dict[str, Any]], source: Callable[[str], str]) -> str:
    """The line for an article another device removed with notes it had not seen (made
    before the removal, so they do not bring it back): their words are appended to `log`."""
    edits = []
    for note in notes:
        stamp, text = note["r"].get("note") or [note["r"]["alive"][0], ""]
        edits.append(Edit(stamp, text, source(stamp_device(stamp))))
    count = f"{len(notes)} note{'' if len(notes) == 1 else 's'}"
    line = (f"{quoted(sanitize(title), 60)} was removed on another device, with {count} on it that it had not "
            f"seen; {'its' if len(notes) == 1 else 'their'} words are kept in {log}")
    _append(log, line, edits)
    return line
