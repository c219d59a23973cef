"""The dates of `since:` and `until:`: ISO dates, partial ISO dates and "7d ago" forms.

Kept apart from the parser so the index can resolve a value against the real today
while the parser only checks it: whether a value is valid never depends on `today`
(relative dates reaching before year 1 clamp to `date.min` instead of failing), so a
query that parses today parses tomorrow too.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

# At most six digits: enough for any real use, and int() never sees a huge string.
_RELATIVE = re.compile(r"([0-9]{1,6})([dwmy])")
_ISO = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_FORMS = "2025-03-01, 2025-03, 2025, 7d, 2w, 3m, 1y, today or yesterday"


def parse_when(value: str, today: date, end: bool = False) -> date:
    """The day `value` names, counting relative forms back from `today`.

    A partial date names a span: with `end` False (`since:`) its first day, with `end`
    True (`until:`) its last, so `until:2025-03` takes in all of March. Relative forms
    (`7d`, `2w`, `3m`, `1y`) and `today`/`yesterday` name a single day either way.
    Raises ValueError, with the accepted forms in the message, for anything else.
    """
    text = value.strip().lower()
    if text == "today":
        return today
    if text == "yesterday":
        return _days_before(today, 1)
    if relative := _RELATIVE.fullmatch(text):
        count, unit = int(relative.group(1)), relative.group(2)
        if unit in "dw":
            return _days_before(today, count * (7 if unit == "w" else 1))
        return _months_before(today, count * (12 if unit == "y" else 1))
    if iso := _ISO.fullmatch(text):
        year, month, day = (int(part) if part else None for part in iso.groups())
        try:
            if month is None:
                return date(year, 12, 31) if end else date(year, 1, 1)
            if day is None:
                last = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 1
                return date(year, month, last if end else 1)
            return date(year, month, day)
        except ValueError:
            raise ValueError(f"no such date: '{value}'") from None
    raise ValueError(f"'{value}' is not a date: use {_FORMS}")


def _days_before(today: date, days: int) -> date:
    if days >= (today - date.min).days:
        return date.min
    return today - timedelta(days=days)


def _months_before(today: date, months: int) -> date:
    """The same day of the month `months` earlier, clamped to that month's length."""
    index = today.year * 12 + today.month - 1 - months
    year, month = divmod(index, 12)
    if year < date.min.year:
        return date.min
    month += 1
    return date(year, month, min(today.day, calendar.monthrange(year, month)[1]))
