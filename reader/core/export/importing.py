"""Reading notes back: reader's JSON export, and W3C Web Annotations (ours or anyone's).

`import_notes` validates the whole file before it writes anything: a file that is not
JSON, has the wrong shape or comes from a newer reader raises `ImportFileError` naming
the file, and the library is left as it was.

- JSON (`json_format`): articles missing from the library are added; their notes are
  stored with the same ids (a note already here is replaced only if it differs).
- W3C (`w3c`): each annotation goes onto the article already in the library whose URL,
  or `urn:reader:article:<id>`, is its target's source. A note whose article is not here
  is reported, never stored and never silently dropped.

In both, a note whose offsets no longer fit its article's text is placed again by its
quote (`anchor.find_quote`, the occurrence nearest the old place when there are several)
and marked "moved"; one whose quote is gone is kept as an orphan.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from reader.core.anchor import QuoteError, find_quote
from reader.core.export import ExportError
from reader.core.export import json_format, w3c
from reader.core.model import BLOCK_KINDS, COLORS, Anchor, Annotation, Article, Block, Selector, normalize_tags, now
from reader.core.sanitize import sanitize
from reader.core.store import Library, records
from reader.core.store.errors import NotFoundError

ANCHOR_STATES = ("exact", "moved", "fuzzy", "orphan")


class ImportFileError(ExportError):
    """The file cannot be imported; nothing was."""


class _Invalid(Exception):
    """A fault inside the file, reported with the file's name by `import_notes`."""


@dataclass(frozen=True)
class MissingNote:
    """A note whose article is not in the library: reported, not stored."""

    id: str
    source: str
    quote: str


@dataclass
class ImportReport:
    source: str
    format: str  # "json" or "w3c"
    articles_added: list[str] = field(default_factory=list)  # ids
    articles_existing: list[str] = field(default_factory=list)
    notes_added: list[str] = field(default_factory=list)
    notes_updated: list[str] = field(default_factory=list)
    notes_unchanged: list[str] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)  # placed again by their quote
    orphaned: list[str] = field(default_factory=list)  # quote not found: kept as orphans
    missing: list[MissingNote] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source, "format": self.format,
            "articles_added": self.articles_added, "articles_existing": self.articles_existing,
            "notes_added": self.notes_added, "notes_updated": self.notes_updated,
            "notes_unchanged": self.notes_unchanged, "moved": self.moved, "orphaned": self.orphaned,
            "missing": [{"id": m.id, "source": m.source, "quote": m.quote} for m in self.missing],
        }


@dataclass
class _Parsed:
    format: str
    articles: list[Article]
    notes: list[tuple[Annotation, str | None, str]]  # note, article id if known, target source


# -- entry point ------------------------------------------------------------------------------


def import_notes(library: Library, path_or_data: Path | str | Any, *, name: str | None = None) -> ImportReport:
    """Import a reader JSON export or a W3C annotation file (a path, or its parsed JSON)."""
    if isinstance(path_or_data, (str, Path)):
        path = Path(path_or_data)
        label = name or str(path)
        data = _read(path, label)
    else:
        label, data = name or "<data>", path_or_data
    try:
        parsed = _parse(data)
    except _Invalid as error:
        raise ImportFileError(f"{label}: {error}; nothing was imported") from None
    with library.locked():
        return _apply(library, parsed, label)


def _read(path: Path, label: str) -> Any:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ImportFileError(f"{label}: cannot be read ({error.strerror or error})") from None
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise ImportFileError(f"{label}: not UTF-8 text (byte {error.start}); nothing was imported") from None
    except json.JSONDecodeError as error:
        raise ImportFileError(
            f"{label}: not JSON ({error.msg} at line {error.lineno}, column {error.colno}); nothing was imported"
        ) from None
    except RecursionError:
        raise ImportFileError(f"{label}: nested too deeply to be an export; nothing was imported") from None


def _parse(data: Any) -> _Parsed:
    if isinstance(data, dict) and "format" in data:
        if data["format"] != json_format.FORMAT_NAME:
            raise _Invalid(f"format {data['format']!r} is not a reader export ({json_format.FORMAT_NAME!r})")
        return _parse_json(data)
    if _looks_w3c(data):
        return _parse_w3c(data)
    raise _Invalid(
        "neither a reader JSON export (\"format\": \"reader-export\") nor W3C Web Annotations "
        "(an Annotation, an AnnotationCollection or AnnotationPage, or a list of Annotations)"
    )


# -- writing ----------------------------------------------------------------------------------


def _apply(library: Library, parsed: _Parsed, label: str) -> ImportReport:
    report = ImportReport(source=label, format=parsed.format)
    present = {a.id: a for a in library.articles()}
    by_url = {a.url: a.id for a in present.values() if a.url}
    new_articles: dict[str, Article] = {}
    for article in parsed.articles:
        if article.id in present:
            if article.id not in report.articles_existing:
                report.articles_existing.append(article.id)
        elif article.id not in new_articles:
            new_articles[article.id] = article
    texts: dict[str, str] = {}
    stored: dict[str, dict[str, Any]] = {}

    def text_of(article_id: str) -> str:
        if article_id not in texts:
            article = new_articles.get(article_id) or library.article(article_id)
            texts[article_id] = article.text
            if article_id in present:
                for old in library.annotations(article_id):
                    stored[old.id] = records.annotation_to_record(old)
        return texts[article_id]

    to_store: list[Annotation] = []
    seen: set[str] = set()
    for note, article_id, source in parsed.notes:
        if article_id is None:  # W3C: by the target's URL, else the article named in our extras
            known = note.article_id in present or note.article_id in new_articles
            article_id = by_url.get(source) or (note.article_id if known else None)
        if article_id is None or (article_id not in present and article_id not in new_articles):
            report.missing.append(MissingNote(note.id, source, note.quote))
            continue
        if note.id in seen:
            continue
        seen.add(note.id)
        note = replace(note, article_id=article_id)
        note, placed = _place(note, text_of(article_id))
        if placed == "moved":
            report.moved.append(note.id)
        elif placed == "orphan":
            report.orphaned.append(note.id)
        record = records.annotation_to_record(note)
        old = stored.get(note.id)
        if old == record:
            report.notes_unchanged.append(note.id)
            continue
        (report.notes_updated if old is not None else report.notes_added).append(note.id)
        to_store.append(note)
    for article in new_articles.values():
        library.add(article)
        report.articles_added.append(article.id)
    if to_store:
        library.add_annotations(to_store)
    return report


def _place(note: Annotation, text: str) -> tuple[Annotation, str]:
    """The note where its quote is: "kept" at its offsets, "moved" to the quote, or an "orphan"."""
    s = note.selector
    if 0 <= s.start < s.end <= len(text) and text[s.start : s.end] == s.exact:
        return note, "kept"
    try:
        start, end = find_quote(text, s.exact)
    except QuoteError:
        found = _occurrences(text, s.exact)
        if not found:
            if note.anchor.state == "orphan":
                return note, "kept"
            return replace(note, anchor=Anchor("orphan", 0.0)), "orphan"
        start = min(found, key=lambda i: (abs(i - s.start), i))
        end = start + len(s.exact)
    return replace(note, selector=Selector.at(text, start, end), anchor=Anchor("moved", 1.0)), "moved"


def _occurrences(text: str, quote: str) -> list[int]:
    found, start = [], text.find(quote) if quote else -1
    while start != -1:
        found.append(start)
        start = text.find(quote, start + 1)
    return found


# -- reader's JSON ------------------------------------------------------------------------------


def _parse_json(data: dict[str, Any]) -> _Parsed:
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _Invalid(f"format version {version!r} is not a positive whole number")
    if version > json_format.FORMAT_VERSION:
        raise _Invalid(
            f"written by a newer reader (format version {version}; this one reads up to "
            f"{json_format.FORMAT_VERSION}): update reader to import it"
        )
    articles = [_at(f"article {i + 1}", _article, item) for i, item in enumerate(_list(data, "articles"))]
    notes = []
    for i, item in enumerate(_list(data, "notes")):
        note = _at(f"note {i + 1}", _note, item)
        notes.append((note, note.article_id, f"{w3c.ARTICLE_URN}{note.article_id}"))
    return _Parsed("json", articles, notes)


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
        raise _Invalid(f"block kind {kind!r} is not one of {', '.join(BLOCK_KINDS)}")
    return Block(kind, sanitize(_str(block.get("text"), "block text")))


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
        raise _Invalid("the collection's first page is not embedded (only a file with its annotations can be read)")
    if first.get("next") is not None:
        raise _Invalid("the collection has more than one page; only its first page is in this file")
    return _list(first, "items")


def _parse_w3c(data: Any) -> _Parsed:
    if isinstance(data, dict):
        version = data.get(w3c.VERSION_KEY, 1)
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise _Invalid(f"{w3c.VERSION_KEY} {version!r} is not a positive whole number")
        if version > w3c.W3C_VERSION:
            raise _Invalid(
                f"written by a newer reader ({w3c.VERSION_KEY} {version}; this one reads up to "
                f"{w3c.W3C_VERSION}): update reader to import it"
            )
    notes = [_at(f"annotation {i + 1}", _w3c_note, item) for i, item in enumerate(_w3c_items(data))]
    return _Parsed("w3c", [], notes)


def _w3c_note(item: Any) -> tuple[Annotation, str | None, str]:
    record = _dict(item, "an annotation")
    if "Annotation" not in _types(record):
        raise _Invalid(f"type {record.get('type')!r} is not Annotation")
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
        article_id=article_id or fallback,  # without a urn, `_apply` finds the article
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
    """Our id back from `urn:reader:note:`, a UUID's hex, or one derived from any other id."""
    ident = record.get("id")
    if ident is None:
        return uuid.uuid5(uuid.NAMESPACE_URL, json.dumps(record, sort_keys=True)).hex
    ident = _str(ident, "id")
    if ident.startswith(w3c.NOTE_URN):
        return _id(ident[len(w3c.NOTE_URN):], "id")
    if ident.lower().startswith("urn:uuid:"):
        try:
            return uuid.UUID(ident[9:]).hex
        except ValueError:
            raise _Invalid(f"id {ident!r} is not a UUID") from None
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
            raise _Invalid("the target is empty")
        target = target[0]
    if isinstance(target, str):
        raise _Invalid("the target has no selector (the passage cannot be found)")
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
        raise _Invalid("the target has no TextQuoteSelector (the passage cannot be found)")
    return source, quote, position or (0, 0)


# -- checks -------------------------------------------------------------------------------------


def _at(where: str, parse: Any, item: Any) -> Any:
    try:
        return parse(item)
    except _Invalid as error:
        raise _Invalid(f"{where}: {error}") from None


def _dict(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Invalid(f"{what} is not a JSON object")
    return value


def _list(record: dict[str, Any], key: str) -> list[Any]:
    value = record.get(key)
    if not isinstance(value, list):
        raise _Invalid(f"{key!r} is missing or not a list")
    return value


def _str(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise _Invalid(f"{what} is not a string")
    return value


def _opt_text(value: Any, what: str) -> str | None:
    return None if value is None else sanitize(_str(value, what))


def _str_list(value: Any, what: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _Invalid(f"{what} is not a list of strings")
    return value


def _int(value: Any, what: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise _Invalid(f"{what} is not a whole number")
    return value


def _bool(value: Any, what: str) -> bool:
    if not isinstance(value, bool):
        raise _Invalid(f"{what} is not true or false")
    return value


def _id(value: Any, what: str) -> str:
    text = _str(value, what)
    try:
        records.doc_id(text)
    except NotFoundError:
        raise _Invalid(f"{what} {text!r} is not a reader id") from None
    return text


def _valid_id(text: str) -> bool:
    try:
        records.doc_id(text)
    except NotFoundError:
        return False
    return True


def _color(value: Any) -> int:
    if value not in COLORS or isinstance(value, bool):
        raise _Invalid(f"colour {value!r} is not 1-5")
    return int(value)


def _anchor(value: Any) -> Anchor:
    anchor = _dict(value, "anchor")
    state = anchor.get("state", "exact")
    score = anchor.get("score", 1.0)
    if state not in ANCHOR_STATES:
        raise _Invalid(f"anchor state {state!r} is not one of {', '.join(ANCHOR_STATES)}")
    if not isinstance(score, (int, float)) or isinstance(score, bool) or not 0 <= score <= 1:
        raise _Invalid(f"anchor score {score!r} is not between 0 and 1")
    return Anchor(state, score)


def _selector(exact: Any, prefix: Any, suffix: Any, start: Any, end: Any) -> Selector:
    exact = sanitize(_str(exact, "quote (exact)"))
    if not exact.strip():
        raise _Invalid("the quote (exact) is empty")
    return Selector(
        exact=exact,
        prefix=sanitize(_str(prefix, "prefix")),
        suffix=sanitize(_str(suffix, "suffix")),
        start=_int(start, "start"),
        end=_int(end, "end"),
    )


def _datetime(value: Any, what: str) -> datetime:
    try:
        moment = datetime.fromisoformat(_str(value, what))
    except ValueError:
        raise _Invalid(f"{what} {value!r} is not an ISO date and time") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _opt_date(value: Any, what: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(_str(value, what))
    except ValueError:
        raise _Invalid(f"{what} {value!r} is not an ISO date") from None
