"""Every field of the query language, defined once: the parser, the index, the help text
and the "did you mean" for a misspelt field all read this table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from reader.core.model import EntityType

FieldKind = Literal["text", "tag", "entity", "speaker", "color", "has", "is", "date"]


@dataclass(frozen=True)
class Field:
    name: str
    kind: FieldKind
    help: str
    values: tuple[str, ...] = ()  # the only values a `has:` / `is:` field takes
    entity_types: tuple[EntityType, ...] = ()  # for `entity` fields


FIELDS: dict[str, Field] = {
    field.name: field
    for field in (
        Field("note", "text", "words in your note"),
        Field("quote", "text", "words in the highlighted passage"),
        Field("title", "text", "words in the article's title"),
        Field("source", "text", "words in the article's source (site or publication)"),
        Field("author", "text", "words in the article's author"),
        Field("text", "text", "words anywhere in the article's text"),
        Field("tag", "tag", "a tag on the note or its article (tag:ukr matches ukraine)"),
        Field("person", "entity", "a person named in the passage or its article", entity_types=("PER",)),
        Field("place", "entity", "a place named in the passage or its article", entity_types=("LOC",)),
        Field("org", "entity", "an organisation named in the passage or its article", entity_types=("ORG",)),
        Field(
            "entity", "entity", "any name in the passage or its article",
            entity_types=("PER", "LOC", "ORG", "MISC", "DATE"),
        ),
        Field("said-by", "speaker", "a passage that overlaps a direct quote by this person or body"),
        Field("color", "color", "the highlight's colour, 1-5", values=("1", "2", "3", "4", "5")),
        Field("has", "has", "has:note — highlights that carry a note", values=("note",)),
        Field("is", "is", "is:unread, is:read, is:starred, is:annotated (the article)",
              values=("unread", "read", "starred", "annotated")),
        Field("since", "date", "on or after a date: 2025-03-01, or 7d / 2w / 3m / 1y ago"),
        Field("until", "date", "on or before a date: 2025-03-31, or 7d / 2w / 3m / 1y ago"),
    )
}

# What a bare word searches: a note's words, its passage, its tags and its article's title;
# an article's title, text, source, author and tags.
NOTE_DEFAULT_FIELDS: tuple[str, ...] = ("note", "quote", "tag", "title")
ARTICLE_DEFAULT_FIELDS: tuple[str, ...] = ("title", "text", "source", "author", "tag")
