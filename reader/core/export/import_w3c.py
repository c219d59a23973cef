"""W3C Web Annotations (ours or anyone's) read into notes: an Annotation, an
AnnotationCollection with its first page embedded, an AnnotationPage, or a list of
Annotations. Each note's article is found later (`import_apply`) by its source.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from reader.core.export import w3c
from reader.core.export.import_values import (
    Invalid, Parsed, ParsedNote, as_anchor, as_color, as_datetime, as_dict, as_id, as_list, as_selector, as_str, as_text, at,
    check_version, shown, valid_id,
)
from reader.core.model import Annotation, normalize_tags, now
from reader.core.sanitize import sanitize


def _types(item: Any) -> list[str]:
    kind = item.get("type") if isinstance(item, dict) else None
    return [kind] if isinstance(kind, str) else [k for k in kind if isinstance(k, str)] if isinstance(kind, list) else []


def looks_w3c(data: Any) -> bool:
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
        return as_list(data, "items")
    first = data.get("first")  # AnnotationCollection: the first page, embedded
    if first is None:
        return []
    if not isinstance(first, dict):
        raise Invalid("the collection's first page is not embedded (only a file with its annotations can be read)")
    if first.get("next") is not None:
        raise Invalid("the collection has more than one page; only its first page is in this file")
    return as_list(first, "items")


def parse_w3c(data: Any) -> Parsed:
    if isinstance(data, dict):
        check_version(data.get(w3c.VERSION_KEY, 1), w3c.VERSION_KEY, w3c.W3C_VERSION)
    notes = [at(f"annotation {i + 1}", _w3c_note, item) for i, item in enumerate(_w3c_items(data))]
    return Parsed("w3c", [], notes)


def _w3c_note(item: Any) -> ParsedNote:
    record = as_dict(item, "an annotation")
    if "Annotation" not in _types(record):
        raise Invalid(f"type {shown(record.get('type'))} is not Annotation")
    note_id = _w3c_id(record)
    source, quote, position = _target(record.get("target"))
    extras = record.get(w3c.EXTRAS, {})
    extras = as_dict(extras, w3c.EXTRAS)
    article_id: str | None = None
    named = extras.get("article")
    fallback = named if isinstance(named, str) and valid_id(named) else "0" * 16
    if source.startswith(w3c.ARTICLE_URN):
        article_id = as_id(source[len(w3c.ARTICLE_URN):], "target source")
    texts, tags = [], []
    for body in _bodies(record):
        purpose = body.get("purpose", "commenting")
        value = as_str(body.get("value", ""), "body value")
        if purpose == "tagging":
            tags.append(value)
        elif "TextualBody" in _types(body) or "value" in body:
            texts.append(value)
    if isinstance(record.get("bodyValue"), str):
        texts.append(record["bodyValue"])
    exact, prefix, suffix = quote
    start, end = position or (0, 0)
    created = as_datetime(record["created"], "created") if "created" in record else now()
    updated = as_datetime(record["modified"], "modified") if "modified" in record else created
    annotation = Annotation(
        id=note_id,
        article_id=article_id or fallback,  # without a urn, `import_apply.apply` finds the article
        selector=as_selector(exact, prefix, suffix, start, end),
        note=sanitize("\n\n".join(t for t in texts if t)),
        tags=normalize_tags(tags),
        color=as_color(extras.get("color", 1)),
        created=created,
        updated=updated,
        anchor=as_anchor(extras.get("anchor", {})),
    )
    return ParsedNote(annotation, article_id, source, positioned=position is not None,
                      dated="created" in record or "modified" in record)


def _w3c_id(record: dict[str, Any]) -> str:
    """Our id back from `urn:reader:note:` (the id, else the canonical IRI of a copy a
    server stored under its own id), a UUID's hex, or one derived from any other id."""
    ident = record.get("id")
    if ident is not None and as_str(ident, "id").startswith(w3c.NOTE_URN):
        return as_id(ident[len(w3c.NOTE_URN):], "id")
    canonical = record.get("canonical")
    if isinstance(canonical, str) and canonical.startswith(w3c.NOTE_URN):
        return as_id(canonical[len(w3c.NOTE_URN):], "canonical")
    if ident is None:
        return uuid.uuid5(uuid.NAMESPACE_URL, json.dumps(record, sort_keys=True, default=as_text)).hex
    if ident.lower().startswith("urn:uuid:"):
        try:
            return uuid.UUID(ident[9:]).hex
        except ValueError:
            raise Invalid(f"id {shown(ident)} is not a UUID") from None
    return uuid.uuid5(uuid.NAMESPACE_URL, ident).hex


def _bodies(record: dict[str, Any]) -> list[dict[str, Any]]:
    body = record.get("body", [])
    items = body if isinstance(body, list) else [body]
    found = []
    for item in items:
        if isinstance(item, str):  # a body given by IRI: nothing to read
            continue
        found.append(as_dict(item, "a body"))
    return found


def _target(target: Any) -> tuple[str, tuple[Any, Any, Any], tuple[Any, Any] | None]:
    """The target's source, its quote, and its offsets (None: no TextPositionSelector)."""
    if isinstance(target, list):
        if not target:
            raise Invalid("the target is empty")
        target = target[0]
    if isinstance(target, str):
        raise Invalid("the target has no selector (the passage cannot be found)")
    target = as_dict(target, "the target")
    source = as_str(target.get("source"), "target source")
    selectors = target.get("selector", [])
    selectors = selectors if isinstance(selectors, list) else [selectors]
    quote = position = None
    for selector in selectors:
        selector = as_dict(selector, "a selector")
        kinds = _types(selector)
        if "TextQuoteSelector" in kinds and quote is None:
            quote = (selector.get("exact"), selector.get("prefix", ""), selector.get("suffix", ""))
        elif "TextPositionSelector" in kinds and position is None:
            position = (selector.get("start"), selector.get("end"))
    if quote is None:
        raise Invalid("the target has no TextQuoteSelector (the passage cannot be found)")
    return source, quote, position
