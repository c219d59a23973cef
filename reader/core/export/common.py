"""What the exporters share: the notes chosen, in a deterministic order, and the JSON text."""

from __future__ import annotations

import json
from typing import Any

from reader.core.model import Annotation, Article
from reader.core.store import Library


def note_order(annotation: Annotation) -> tuple[object, ...]:
    """Text order within an article; ties broken by creation time and id."""
    s = annotation.selector
    return (annotation.article_id, s.start, s.end, annotation.created, annotation.id)


def gather(library: Library, article_id: str | None = None) -> list[tuple[Article, list[Annotation]]]:
    """Each article (with its body) and its notes in text order; articles by id.

    The order depends only on the library's content, never on when things were added or
    imported, so that an export of the same content is the same bytes.
    """
    ids = [article_id] if article_id is not None else sorted(a.id for a in library.articles())
    return [(library.article(i), sorted(library.annotations(i), key=note_order)) for i in ids]


def dump(data: Any) -> str:
    """The exported text: indented, UTF-8 as is, keys in the order the exporter built them."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
