"""reader's own export: every article (metadata, text, the user's state) and every note.

    {"format": "reader-export", "version": 1, "articles": [...], "notes": [...]}

Articles are sorted by id, notes by article and text position; keys come in a fixed
order. Nothing depends on the time of the export, so the same library exports the same
bytes, and `importing.import_notes` reads it back into an equal library.
"""

from __future__ import annotations

from typing import Any

from reader.core.export.common import dump, gather
from reader.core.model import Annotation, Article
from reader.core.store import Library, records

FORMAT_NAME = "reader-export"
FORMAT_VERSION = 1


def article_data(article: Article) -> dict[str, Any]:
    assert article.blocks is not None
    return {
        **records.article_to_record(article),
        "blocks": [{"kind": b.kind, "text": b.text} for b in article.blocks],
    }


def note_data(annotation: Annotation) -> dict[str, Any]:
    return records.annotation_to_record(annotation)


def export_data(library: Library, article_id: str | None = None) -> dict[str, Any]:
    chosen = gather(library, article_id)
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "articles": [article_data(article) for article, _ in chosen],
        "notes": [note_data(note) for _, notes in chosen for note in notes],
    }


def export_json(library: Library, article_id: str | None = None) -> str:
    return dump(export_data(library, article_id))
