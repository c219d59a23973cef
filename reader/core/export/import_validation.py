"""Checking an import file before anything is written: reader's JSON export, or W3C Web
Annotations (ours or anyone's), turned into articles and notes or refused with `Invalid`.

Pure: it reads only the parsed JSON it is given, never the library, so a file with any
fault is refused whole (`importing.import_notes` names the file) and nothing is stored.
Placing the notes on the library's articles is `import_apply`'s job.

Files come from anywhere, so nothing in one may end in a traceback: a number JSON gives
but Python cannot hold as written (NaN, Infinity, 1e999, 5000 digits) arrives as an
`Unreadable` and is refused where it stands, naming the record; nesting deeper than
`MAX_DEPTH` is refused before any check walks it; offsets and counts stop at `MAX_WHOLE`;
and a value quoted in a message is shown short (`_shown`), never as a repr of all of it.
"""

from __future__ import annotations

import json
import math
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

from reader.core.export import json_format, w3c
from reader.core.blocktext import merge_marks
from reader.core.links import safe_href
from reader.core.model import (
    BLOCK_KINDS, COLORS, MARK_KINDS, Anchor, Annotation, Article, Block, Mark, Selector, normalize_tags, now,
)
from reader.core.sanitize import sanitize
from reader.core.store import records
from reader.core.store.errors import NotFoundError

ANCHOR_STATES = ("exact", "moved", "fuzzy", "orphan")
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


@dataclass
class Parsed:
    format: str
    articles: list[Article]
    notes: list[tuple[Annotation, str | None, str]]  # note, article id if known, target source


def parse_file(data: Any) -> Parsed:
    """The articles and notes in a reader JSON export or a W3C file, or `Invalid`."""
    _check_depth(data)
    if isinstance(data, dict) and "format" in data:
        if data["format"] != json_format.FORMAT_NAME:
            raise Invalid(f"format {_shown(data['format'])} is not a reader export ({json_format.FORMAT_NAME!r})")
        return _parse_json(data)
    if _looks_w3c(data):
        return _parse_w3c(data)
    raise Invalid(
        "neither a reader JSON export (\"format\": \"reader-export\") nor W3C Web Annotations "
        "(an Annotation, an AnnotationCollection or AnnotationPage, or a list of Annotations)"
    )


# -- reader's JSON ------------------------------------------------------------------------------


def _parse_json(data: dict[str, Any]) -> Parsed:
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise Invalid(f"format version {_shown(version)} is not a positive whole number")
    if version > json_format.FORMAT_VERSION:
        raise Invalid(
            f"written by a newer reader (format version {version}; this one reads up to "
            f"{json_format.FORMAT_VERSION}): update reader to import it"
        )
    articles = [_at(f"article {i + 1}", _article, item) for i, item in enumerate(_list(data, "articles"))]
    notes = []
    for i, item in enumerate(_list(data, "notes")):
        note = _at(f"note {i + 1}", _note, item)
        notes.append((note, note.article_id, f"{w3c.ARTICLE_URN}{note.article_id}"))
    return Parsed("json", articles, notes)


def _article(item: Any) -> Article:
    record = _dict(item, "an article")
    blocks = [_block(b) for b in _list(record, "blocks")]
    article = Article(
        id=_id(record.get("id"), "id"),
        title=sanitize(_str(record.get("title"), "title")),
        blocks=blocks,
        author=_opt_text(record.get("author"), "author"),
        source=_opt_text(record.get("source"), "source"),
        url=_opt_text(record.get("url"), "url"),
        published=_opt_date(record.get("published"), "published"),
        added=_datetime(record.get("added"), "added"),
        word_count=_int(record.get("word_count", 0), "word_count"),
        tags=normalize_tags(_str_list(record.get("tags", []), "tags")),
        starred=_bool(record.get("starred", False), "starred"),
        read=_bool(record.get("read", False), "read"),
        position=_int(record.get("position", 0), "position"),
        feed=_opt_text(record.get("feed"), "feed"),
    )
    return article


def _block(item: Any) -> Block:
    block = _dict(item, "a block")
    kind = block.get("kind")
    if kind not in BLOCK_KINDS:
        raise Invalid(f"block kind {_shown(kind)} is not one of {', '.join(BLOCK_KINDS)}")
    text = sanitize(_str(block.get("text"), "block text"))
    level = block.get("level", 0)
    if not isinstance(level, int) or isinstance(level, bool) or not 0 <= level <= MAX_LEVEL:
        raise Invalid(f"block level {_shown(level)} is not a whole number from 0 to {MAX_LEVEL}")
    marks = block.get("marks", [])
    if not isinstance(marks, list):
        raise Invalid(f"block marks {_shown(marks)} are not a list")
    return Block(kind, text, level, merge_marks([_mark(m, len(text)) for m in marks]))


def _mark(item: Any, length: int) -> Mark:
    """A mark over [start, end) of its block's text; a link's address must be http(s) or mailto."""
    mark = _dict(item, "a mark")
    kind = mark.get("kind")
    if kind not in MARK_KINDS:
        raise Invalid(f"mark kind {_shown(kind)} is not one of {', '.join(MARK_KINDS)}")
    start, end = _int(mark.get("start"), "mark start"), _int(mark.get("end"), "mark end")
    if not 0 <= start < end <= length:
        raise Invalid(f"mark {start}-{end} is outside its block's text (0-{length})")
    if kind != "link":
        return Mark(start, end, kind)
    href = mark.get("href")
    safe = safe_href(href)
    if safe is None:
        raise Invalid(f"link address {_shown(href)} is not an http(s) or mailto URL")
    return Mark(start, end, kind, safe)


def _note(item: Any) -> Annotation:
    record = _dict(item, "a note")
    selector = _dict(record.get("selector"), "selector")
    return Annotation(
        id=_id(record.get("id"), "id"),
        article_id=_id(record.get("article_id"), "article_id"),
        selector=_selector(selector.get("exact"), selector.get("prefix", ""), selector.get("suffix", ""),
                           selector.get("start"), selector.get("end")),
        note=sanitize(_str(record.get("note", ""), "note")),
        tags=normalize_tags(_str_list(record.get("tags", []), "tags")),
        color=_color(record.get("color", 1)),
        created=_datetime(record.get("created"), "created"),
        updated=_datetime(record.get("updated"), "updated"),
        anchor=_anchor(record.get("anchor", {})),
    )


# -- W3C ----------------------------------------------------------------------------------------


def _types(item: Any) -> list[str]:
    kind = item.get("type") if isinstance(item, dict) else None
    return [kind] if isinstance(kind, str) else [k for k in kind if isinstance(k, str)] if isinstance(kind, list) else []


def _looks_w3c(data: Any) -> bool:
    if isinstance(data, list):
        return all("Annotation" in _types(item) for item in data)
    return bool({"Annotation", "AnnotationCollection", "AnnotationPage"} & set(_types(data)))


def _w3c_items(data: Any) -> list[Any]:
    if isinstance(data, list):
        return data
    types = _types(data)
    if "Annotation" in types:
        return [data]
    if "AnnotationPage" in types:
        return _list(data, "items")
    first = data.get("first")  # AnnotationCollection: the first page, embedded
    if first is None:
        return []
    if not isinstance(first, dict):
        raise Invalid("the collection's first page is not embedded (only a file with its annotations can be read)")
    if first.get("next") is not None:
        raise Invalid("the collection has more than one page; only its first page is in this file")
    return _list(first, "items")


def _parse_w3c(data: Any) -> Parsed:
    if isinstance(data, dict):
        version = data.get(w3c.VERSION_KEY, 1)
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise Invalid(f"{w3c.VERSION_KEY} {_shown(version)} is not a positive whole number")
        if version > w3c.W3C_VERSION:
            raise Invalid(
                f"written by a newer reader ({w3c.VERSION_KEY} {version}; this one reads up to "
                f"{w3c.W3C_VERSION}): update reader to import it"
            )
    notes = [_at(f"annotation {i + 1}", _w3c_note, item) for i, item in enumerate(_w3c_items(data))]
    return Parsed("w3c", [], notes)


def _w3c_note(item: Any) -> tuple[Annotation, str | None, str]:
    record = _dict(item, "an annotation")
    if "Annotation" not in _types(record):
        raise Invalid(f"type {_shown(record.get('type'))} is not Annotation")
    note_id = _w3c_id(record)
    source, quote, position = _target(record.get("target"))
    extras = record.get(w3c.EXTRAS, {})
    extras = _dict(extras, w3c.EXTRAS)
    article_id: str | None = None
    named = extras.get("article")
    fallback = named if isinstance(named, str) and _valid_id(named) else "0" * 16
    if source.startswith(w3c.ARTICLE_URN):
        article_id = _id(source[len(w3c.ARTICLE_URN):], "target source")
    texts, tags = [], []
    for body in _bodies(record):
        purpose = body.get("purpose", "commenting")
        value = _str(body.get("value", ""), "body value")
        if purpose == "tagging":
            tags.append(value)
        elif "TextualBody" in _types(body) or "value" in body:
            texts.append(value)
    if isinstance(record.get("bodyValue"), str):
        texts.append(record["bodyValue"])
    exact, prefix, suffix = quote
    start, end = position
    created = _datetime(record["created"], "created") if "created" in record else now()
    updated = _datetime(record["modified"], "modified") if "modified" in record else created
    annotation = Annotation(
        id=note_id,
        article_id=article_id or fallback,  # without a urn, `import_apply.apply` finds the article
        selector=_selector(exact, prefix, suffix, start, end),
        note=sanitize("\n\n".join(t for t in texts if t)),
        tags=normalize_tags(tags),
        color=_color(extras.get("color", 1)),
        created=created,
        updated=updated,
        anchor=_anchor(extras.get("anchor", {})),
    )
    return annotation, article_id, source


def _w3c_id(record: dict[str, Any]) -> str:
    """Our id back from `urn:reader:note:` (the id, else the canonical IRI of a copy a
    server stored under its own id), a UUID's hex, or one derived from any other id."""
    ident = record.get("id")
    if ident is not None and _str(ident, "id").startswith(w3c.NOTE_URN):
        return _id(ident[len(w3c.NOTE_URN):], "id")
    canonical = record.get("canonical")
    if isinstance(canonical, str) and canonical.startswith(w3c.NOTE_URN):
        return _id(canonical[len(w3c.NOTE_URN):], "canonical")
    if ident is None:
        return uuid.uuid5(uuid.NAMESPACE_URL, json.dumps(record, sort_keys=True, default=_as_text)).hex
    if ident.lower().startswith("urn:uuid:"):
        try:
            return uuid.UUID(ident[9:]).hex
        except ValueError:
            raise Invalid(f"id {_shown(ident)} is not a UUID") from None
    return uuid.uuid5(uuid.NAMESPACE_URL, ident).hex


def _bodies(record: dict[str, Any]) -> list[dict[str, Any]]:
    body = record.get("body", [])
    items = body if isinstance(body, list) else [body]
    found = []
    for item in items:
        if isinstance(item, str):  # a body given by IRI: nothing to read
            continue
        found.append(_dict(item, "a body"))
    return found


def _target(target: Any) -> tuple[str, tuple[Any, Any, Any], tuple[Any, Any]]:
    if isinstance(target, list):
        if not target:
            raise Invalid("the target is empty")
        target = target[0]
    if isinstance(target, str):
        raise Invalid("the target has no selector (the passage cannot be found)")
    target = _dict(target, "the target")
    source = _str(target.get("source"), "target source")
    selectors = target.get("selector", [])
    selectors = selectors if isinstance(selectors, list) else [selectors]
    quote = position = None
    for selector in selectors:
        selector = _dict(selector, "a selector")
        kinds = _types(selector)
        if "TextQuoteSelector" in kinds and quote is None:
            quote = (selector.get("exact"), selector.get("prefix", ""), selector.get("suffix", ""))
        elif "TextPositionSelector" in kinds and position is None:
            position = (selector.get("start"), selector.get("end"))
    if quote is None:
        raise Invalid("the target has no TextQuoteSelector (the passage cannot be found)")
    return source, quote, position or (0, 0)


# -- checks -------------------------------------------------------------------------------------


def _at(where: str, parse: Any, item: Any) -> Any:
    try:
        return parse(item)
    except Invalid as error:
        raise Invalid(f"{where}: {error}") from None


def _dict(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise Invalid(f"{what} is not a JSON object")
    return value


def _list(record: dict[str, Any], key: str) -> list[Any]:
    value = record.get(key)
    if not isinstance(value, list):
        raise Invalid(f"{key!r} is missing or not a list")
    return value


def _str(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise Invalid(f"{what} is not a string")
    return value


def _opt_text(value: Any, what: str) -> str | None:
    return None if value is None else sanitize(_str(value, what))


def _str_list(value: Any, what: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise Invalid(f"{what} is not a list of strings")
    return value


def _int(value: Any, what: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_WHOLE:
        raise Invalid(f"{what} {_shown(value)} is not a whole number from 0 to {MAX_WHOLE}")
    return value


def _bool(value: Any, what: str) -> bool:
    if not isinstance(value, bool):
        raise Invalid(f"{what} is not true or false")
    return value


def _id(value: Any, what: str) -> str:
    text = _str(value, what)
    try:
        records.doc_id(text)
    except NotFoundError:
        raise Invalid(f"{what} {_shown(text)} is not a reader id") from None
    return text


def _valid_id(text: str) -> bool:
    try:
        records.doc_id(text)
    except NotFoundError:
        return False
    return True


def _color(value: Any) -> int:
    if value not in COLORS or isinstance(value, bool):
        raise Invalid(f"colour {_shown(value)} is not 1-5")
    return int(value)


def _anchor(value: Any) -> Anchor:
    anchor = _dict(value, "anchor")
    state = anchor.get("state", "exact")
    score = anchor.get("score", 1.0)
    if state not in ANCHOR_STATES:
        raise Invalid(f"anchor state {_shown(state)} is not one of {', '.join(ANCHOR_STATES)}")
    if not isinstance(score, (int, float)) or isinstance(score, bool) or not 0 <= score <= 1:
        raise Invalid(f"anchor score {_shown(score)} is not between 0 and 1")
    return Anchor(state, score)


def _selector(exact: Any, prefix: Any, suffix: Any, start: Any, end: Any) -> Selector:
    exact = sanitize(_str(exact, "quote (exact)"))
    if not exact.strip():
        raise Invalid("the quote (exact) is empty")
    start, end = _int(start, "start"), _int(end, "end")
    if end < start:
        raise Invalid(f"the passage ends (end {end}) before it starts (start {start})")
    return Selector(
        exact=exact,
        prefix=sanitize(_str(prefix, "prefix")),
        suffix=sanitize(_str(suffix, "suffix")),
        start=start,
        end=end,
    )


def _datetime(value: Any, what: str) -> datetime:
    try:
        moment = datetime.fromisoformat(_str(value, what))
    except ValueError:
        raise Invalid(f"{what} {_shown(value)} is not an ISO date and time") from None
    moment = moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    try:
        moment.astimezone(timezone.utc)  # what comparing and sorting it will do
    except (OverflowError, ValueError):
        raise Invalid(f"{what} {_shown(value)} is out of range") from None
    return moment


def _opt_date(value: Any, what: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(_str(value, what))
    except ValueError:
        raise Invalid(f"{what} {_shown(value)} is not an ISO date") from None


def _check_depth(data: Any) -> None:
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
    return f"item {key + 1}" if isinstance(key, int) else _shown(key)


def _shown(value: Any) -> str:
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


def _as_text(value: Any) -> str:
    """json.dumps' fallback for an Unreadable number: its text."""
    return value.text if isinstance(value, Unreadable) else str(value)
