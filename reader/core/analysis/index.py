"""Entities across the library: which articles mention each, and how often."""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.core.analysis import analysis_for
from reader.core.model import EntityType
from reader.core.store import Library


@dataclass
class LibraryEntity:
    name: str
    type: EntityType
    articles: set[str] = field(default_factory=set)
    mentions: int = 0


def entity_index(library: Library) -> list[LibraryEntity]:
    """Every entity in the library, most widely mentioned first."""
    found: dict[tuple[str, str], LibraryEntity] = {}
    for article in library.articles():
        for entity in analysis_for(library, article).entities:
            entry = found.setdefault((entity.type, entity.name), LibraryEntity(entity.name, entity.type))
            entry.articles.add(article.id)
            entry.mentions += 1
    return sorted(found.values(), key=lambda e: (-len(e.articles), -e.mentions, e.name))
