"""Notes as W3C Web Annotations (https://www.w3.org/TR/annotation-model/), in JSON-LD.

An AnnotationCollection whose first page holds one Annotation per note:

- `id` is `urn:reader:note:<id>`; `created` and `modified` are the note's times;
- the target's `source` is the article's URL, or `urn:reader:article:<id>` when it has
  none, with a TextQuoteSelector (exact, prefix, suffix) and a TextPositionSelector
  (start, end: characters of the article's plain text);
- a TextualBody (text/markdown, purpose "commenting") holds the note when there is one,
  and one TextualBody with purpose "tagging" holds each tag.

What the model has no term for (colour, anchor state, the article's id and title) is
kept under the key `reader:note`, an absolute IRI a JSON-LD processor keeps as it is,
so that importing the file back loses nothing.
"""

from __future__ import annotations

from typing import Any

from reader.core.export.common import dump, gather
from reader.core.model import Annotation, Article
from reader.core.store import Library

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
NOTE_URN = "urn:reader:note:"
ARTICLE_URN = "urn:reader:article:"
EXTRAS = "reader:note"
VERSION_KEY = "reader:version"
W3C_VERSION = 1


def article_source(article: Article) -> str:
    return article.url or f"{ARTICLE_URN}{article.id}"


def motivation(annotation: Annotation) -> str:
    if annotation.note:
        return "commenting"
    return "tagging" if annotation.tags else "highlighting"


def annotation_data(annotation: Annotation, article: Article) -> dict[str, Any]:
    s = annotation.selector
    bodies: list[dict[str, Any]] = []
    if annotation.note:
        bodies.append({"type": "TextualBody", "value": annotation.note, "format": "text/markdown", "purpose": "commenting"})
    bodies += [{"type": "TextualBody", "value": tag, "purpose": "tagging"} for tag in annotation.tags]
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "id": f"{NOTE_URN}{annotation.id}",
        "type": "Annotation",
        "motivation": motivation(annotation),
        "created": annotation.created.isoformat(),
        "modified": annotation.updated.isoformat(),
    }
    if bodies:
        data["body"] = bodies
    data["target"] = {
        "source": article_source(article),
        "selector": [
            {"type": "TextQuoteSelector", "exact": s.exact, "prefix": s.prefix, "suffix": s.suffix},
            {"type": "TextPositionSelector", "start": s.start, "end": s.end},
        ],
    }
    data[EXTRAS] = {
        "article": annotation.article_id,
        "title": article.title,
        "color": annotation.color,
        "anchor": {"state": annotation.anchor.state, "score": annotation.anchor.score},
    }
    return data


def export_data(library: Library, article_id: str | None = None) -> dict[str, Any]:
    items = [annotation_data(note, article) for article, notes in gather(library, article_id) for note in notes]
    return {
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "label": "reader notes",
        VERSION_KEY: W3C_VERSION,
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def export_w3c(library: Library, article_id: str | None = None) -> str:
    return dump(export_data(library, article_id))
