"""The checks every value of an import file goes through, each refusing with `Invalid`
and a message that names the value short (`shown`): reader's JSON export, W3C Web
Annotations (import_w3c) and a sync folder's operations (sync/validate) read their records
through these, so one file's fault reads the same whichever way it came in.

A number JSON gives but Python cannot hold as written (NaN, Infinity, 1e999, 5000 digits)
arrives from `loads` as an `Unreadable` and is refused where it stands; nesting deeper
than `MAX_DEPTH` is refused before any check walks it; offsets and counts stop at
`MAX_WHOLE`.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any

from reader.core.model import ANCHOR_STATES, COLORS, Anchor, Annotation, Article, Feed, Selector
from reader.core.sanitize import sanitize
from reader.core.store import records
from reader.core.store.errors import NotFoundError

MAX_DEPTH = 64  # an export nests about 6 deep; W3C from other tools a little more
MAX_WHOLE = 2**31 - 1  # offsets, counts, positions: far past any article
MAX_LEVEL = 64  # a block's level: heading 1-6, list depth; as the store allows
_MAX_DIGITS = 100  # a longer integer is kept as text (int() refuses 4300+ digits anyway)


class Invalid(Exception):
    """A fault inside the file, reported with the file's name by `importing.import_notes`."""


class Unreadable:
    """A JSON number kept as its text: NaN, Infinity, out of a float's range, or too many
    digits. No check accepts it, so it is refused where it stands, naming its record."""

    def __init__(self, text: str) -> None:
        self.text = text


def loads(text: str) -> Any:
    """Parse JSON text as `parse_file` wants it: no number raises, none becomes NaN or inf."""
    return json.loads(text, parse_int=_whole_number, parse_float=_real_number, parse_constant=Unreadable)


def _whole_number(text: str) -> int | Unreadable:
    return int(text) if len(text) <= _MAX_DIGITS else Unreadable(text)


def _real_number(text: str) -> float | Unreadable:
    value = float(text)
    return value if math.isfinite(value) else Unreadable(text)


@dataclass(frozen=True)
class ParsedNote:
    """A note as the file gives it, and what the file left out of it."""

    note: Annotation
    article_id: str | None  # the article, when the file names it by id
    source: str  # the target's source: the article's address, or `urn:reader:article:<id>`
    positioned: bool = True  # False: no offsets (a W3C TextQuoteSelector alone): placed by its quote
    dated: bool = True  # False: no created/modified: the library's times, if it has the note


@dataclass
class Parsed:
    format: str
    articles: list[Article]
    notes: list[ParsedNote]
    feeds: list[Feed] = field(default_factory=list)  # reader JSON, version 2 on
    searches: list[tuple[str, str]] = field(default_factory=list)  # (name, query)
    merges: list[tuple[str, str]] = field(default_factory=list)  # (name, into): entity merges


def at(where: str, parse: Any, item: Any) -> Any:
    try:
        return parse(item)
    except Invalid as error:
        raise Invalid(f"{where}: {error}") from None


def check_version(version: Any, label: str, newest: int) -> None:
    """A file's format version: a whole number from 1 to the `newest` this reader reads."""
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise Invalid(f"{label} {shown(version)} is not a positive whole number")
    if version > newest:
        raise Invalid(f"written by a newer reader ({label} {version}; this one reads up to {newest}): update reader to import it")


def as_dict(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise Invalid(f"{what} is not a JSON object")
    return value


def as_list(record: dict[str, Any], key: str) -> list[Any]:
    value = record.get(key)
    if not isinstance(value, list):
        raise Invalid(f"{key!r} is missing or not a list")
    return value


def as_str(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise Invalid(f"{what} is not a string")
    return value


def opt_text(value: Any, what: str) -> str | None:
    return None if value is None else sanitize(as_str(value, what))


def str_list(value: Any, what: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise Invalid(f"{what} is not a list of strings")
    return value


def as_int(value: Any, what: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_WHOLE:
        raise Invalid(f"{what} {shown(value)} is not a whole number from 0 to {MAX_WHOLE}")
    return value


def as_bool(value: Any, what: str) -> bool:
    if not isinstance(value, bool):
        raise Invalid(f"{what} is not true or false")
    return value


def as_id(value: Any, what: str) -> str:
    text = as_str(value, what)
    try:
        records.doc_id(text)
    except NotFoundError:
        raise Invalid(f"{what} {shown(text)} is not a reader id") from None
    return text


def valid_id(text: str) -> bool:
    try:
        records.doc_id(text)
    except NotFoundError:
        return False
    return True


def as_color(value: Any) -> int:
    if value not in COLORS or isinstance(value, bool):
        raise Invalid(f"colour {shown(value)} is not 1-5")
    return int(value)


def as_anchor(value: Any) -> Anchor:
    anchor = as_dict(value, "anchor")
    state = anchor.get("state", "exact")
    score = anchor.get("score", 1.0)
    if state not in ANCHOR_STATES:
        raise Invalid(f"anchor state {shown(state)} is not one of {', '.join(ANCHOR_STATES)}")
    if not isinstance(score, (int, float)) or isinstance(score, bool) or not 0 <= score <= 1:
        raise Invalid(f"anchor score {shown(score)} is not between 0 and 1")
    return Anchor(state, score)


def as_selector(exact: Any, prefix: Any, suffix: Any, start: Any, end: Any) -> Selector:
    exact = sanitize(as_str(exact, "quote (exact)"))
    if not exact.strip():
        raise Invalid("the quote (exact) is empty")
    start, end = as_int(start, "start"), as_int(end, "end")
    if end < start:
        raise Invalid(f"the passage ends (end {end}) before it starts (start {start})")
    return Selector(
        exact=exact,
        prefix=sanitize(as_str(prefix, "prefix")),
        suffix=sanitize(as_str(suffix, "suffix")),
        start=start,
        end=end,
    )


def as_datetime(value: Any, what: str) -> datetime:
    try:
        moment = datetime.fromisoformat(as_str(value, what))
    except ValueError:
        raise Invalid(f"{what} {shown(value)} is not an ISO date and time") from None
    moment = moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    try:
        moment.astimezone(timezone.utc)  # what comparing and sorting it will do
    except (OverflowError, ValueError):
        raise Invalid(f"{what} {shown(value)} is out of range") from None
    return moment


def opt_date(value: Any, what: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(as_str(value, what))
    except ValueError:
        raise Invalid(f"{what} {shown(value)} is not an ISO date") from None


def check_depth(data: Any) -> None:
    """Refuse nesting past MAX_DEPTH (walked without recursion), naming where it starts."""
    stack: list[tuple[Any, int, tuple[str, ...]]] = [(data, 1, ())]
    while stack:
        node, depth, where = stack.pop()
        if depth > MAX_DEPTH:
            raise Invalid(f"nested too deeply to be an export (more than {MAX_DEPTH} levels, in {' '.join(where)})")
        children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, child in children:
            if isinstance(child, (dict, list)):
                stack.append((child, depth + 1, where if len(where) == 2 else (*where, _step(key))))


def _step(key: Any) -> str:
    """One step of the way into the file, for a message: `'notes'`, `item 3`."""
    return f"item {key + 1}" if isinstance(key, int) else shown(key)


def shown(value: Any) -> str:
    """A value from the file as a message quotes it: short, in JSON's words, never all of a
    nested structure or a number of thousands of digits."""
    if isinstance(value, Unreadable):
        digits = value.text.lstrip("-")
        return f"{value.text[:12]}… ({len(digits)} digits)" if digits.isdigit() else _clip(value.text)
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, str):
        return repr(_clip(value))
    if isinstance(value, (int, float)):
        text = repr(value)
        return text if len(text) <= 24 else f"{text[:12]}… ({len(text)} digits)"
    return "a list" if isinstance(value, list) else "an object" if isinstance(value, dict) else type(value).__name__


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def as_text(value: Any) -> str:
    """json.dumps' fallback for an Unreadable number: its text."""
    return value.text if isinstance(value, Unreadable) else str(value)
