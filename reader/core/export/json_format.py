"""reader's own export: every article (metadata, text, the user's state) and every note.

    {"format": "reader-export", "version": 1, "articles": [...], "notes": [...]}

Articles are sorted by id, notes by article and text position; keys come in a fixed
order. A block is {"kind", "text"} plus, when it has them, "level" and "marks" (a
reader that predates them reads the text as before). Nothing depends on the time of the export, so the same library exports the same
bytes, and `importing.import_notes` reads it back into an equal library.
"""

from __future__ import annotations

from typing import Any

from reader.core.export.common import dump, gather
from reader.core.model import Annotation, Article, Block
from reader.core.store import Library, records

FORMAT_NAME = "reader-export"
FORMAT_VERSION = 1


def article_data(article: Article) -> dict[str, Any]:
    assert article.blocks is not None
    return {
        **records.article_to_record(article),
        "blocks": [block_data(b) for b in article.blocks],
    }


def block_data(block: Block) -> dict[str, Any]:
    """A block as {"kind", "text"}, with "level" (heading level, list depth) and "marks"
    ([{"start", "end", "kind"(, "href")}] over its text) only when it has them."""
    data: dict[str, Any] = {"kind": block.kind, "text": block.text}
    if block.level:
        data["level"] = block.level
    if block.marks:
        data["marks"] = [
            {"start": m.start, "end": m.end, "kind": m.kind, **({"href": m.href} if m.href is not None else {})}
            for m in block.marks
        ]
    return data


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
