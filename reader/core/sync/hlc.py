"""Hybrid logical clock stamps: wall milliseconds, a counter, the device id.

A stamp is text of fixed widths, so comparing two stamps as strings orders them by time,
then counter, then device: every change gets a total order every library agrees on, and a
change made after seeing another always sorts after it (the clock never goes back below
what it has seen, whatever the wall clocks say).
"""

from __future__ import annotations

import re
import time

STAMP = re.compile(r"\A(\d{13})\.(\d{6})\.([0-9a-f]{16})\Z")
DEVICE = re.compile(r"\A[0-9a-f]{16}\Z")
_COUNTER_MAX = 999_999


def is_stamp(value: object) -> bool:
    return isinstance(value, str) and STAMP.match(value) is not None


def stamp_device(stamp: str) -> str:
    return stamp.rsplit(".", 1)[1]


def next_stamp(last: str | None, device: str, wall_ms: int | None = None) -> str:
    """The stamp after `last` (this device's latest, or the latest it has seen)."""
    wall = int(time.time() * 1000) if wall_ms is None else wall_ms
    counter = 0
    if last is not None and (match := STAMP.match(last)):
        last_wall, last_counter = int(match.group(1)), int(match.group(2))
        if last_wall >= wall:
            wall, counter = last_wall, last_counter + 1
            if counter > _COUNTER_MAX:
                wall, counter = wall + 1, 0
    return f"{wall:013d}.{counter:06d}.{device}"
