"""Notes as W3C Web Annotations (https://www.w3.org/TR/annotation-model/), in JSON-LD.

An AnnotationCollection (model section 5.1) whose one AnnotationPage (5.2) holds one
Annotation per note:

- the collection's `id` is `urn:reader:notes:<digest of its annotations>`: the same
  notes always make the same collection (an export of the same content is the same
  bytes), and different notes a different one. Its page's `id` is the collection's with
  `:page:1`; the page is `partOf` the collection, which names it `first` (embedded) and
  `last`, with the `total` of annotations;
- an annotation's `id` is `urn:reader:note:<id>`, and since a note keeps its id for good
  (edits, imports, other libraries), it is its `canonical` IRI too: a server that stores
  a copy under a new id can still tell it is the same note. `created` and `modified`
  are the note's times;
- the target's `source` is the article's URL, or `urn:reader:article:<id>` when it has
  none, with a TextQuoteSelector (exact, prefix, suffix) and a TextPositionSelector
  (start, end: characters of the article's plain text);
- a TextualBody (text/markdown, purpose "commenting") holds the note when there is one,
  and one TextualBody with purpose "tagging" holds each tag.

What the model has no term for (colour, anchor state, the article's id and title) is
kept under the key `reader:note`, an absolute IRI a JSON-LD processor keeps as it is,
so that importing the file back loses nothing. The collection and each annotation name
their `generator`: this reader, with its version.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from reader import __version__
from reader.core.export.common import dump, gather
from reader.core.model import Annotation, Article
from reader.core.store import Library

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
NOTE_URN = "urn:reader:note:"
ARTICLE_URN = "urn:reader:article:"
NOTES_URN = "urn:reader:notes:"
EXTRAS = "reader:note"
VERSION_KEY = "reader:version"
W3C_VERSION = 1


def generator() -> dict[str, str]:
    """The software that wrote the file (an Agent, model section 3.3.2)."""
    return {"type": "Software", "name": f"reader {__version__}"}


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
        "canonical": f"{NOTE_URN}{annotation.id}",
        "motivation": motivation(annotation),
        "created": annotation.created.isoformat(),
        "modified": annotation.updated.isoformat(),
        "generator": generator(),
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


def collection_id(items: list[dict[str, Any]]) -> str:
    """The collection's IRI, from its annotations alone: same notes, same id, same bytes."""
    digest = hashlib.sha256(json.dumps(items, sort_keys=True).encode("ascii"))
    return f"{NOTES_URN}{digest.hexdigest()[:32]}"


def export_data(library: Library, article_id: str | None = None) -> dict[str, Any]:
    items = [annotation_data(note, article) for article, notes in gather(library, article_id) for note in notes]
    collection = collection_id(items)
    page = f"{collection}:page:1"
    return {
        "@context": CONTEXT,
        "id": collection,
        "type": "AnnotationCollection",
        "label": "reader notes",
        VERSION_KEY: W3C_VERSION,
        "generator": generator(),
        "total": len(items),
        "first": {"id": page, "type": "AnnotationPage", "partOf": collection, "startIndex": 0, "items": items},
        "last": page,
    }


def export_w3c(library: Library, article_id: str | None = None) -> str:
    return dump(export_data(library, article_id))
