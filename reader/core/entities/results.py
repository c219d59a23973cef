"""What the entity ledger hands out: the summary of each entity, its page, and the
article and quote references on it.

Plain frozen records, apart from the ledger that computes them, so that the CLI and the
app can name them without reading how they are built.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reader.core.model import Annotation, EntityType


@dataclass(frozen=True)
class EntitySummary:
    name: str
    type: EntityType
    articles: int
    mentions: int
    quotes: int
    notes: int


@dataclass(frozen=True)
class ArticleRef:
    """An article as the ledger lists it; `mentions`: of the entity (page) or shared entities (related)."""

    id: str
    title: str
    source: str | None
    date: date | None
    mentions: int


@dataclass(frozen=True)
class QuoteRef:
    text: str
    speaker: str
    article_id: str
    title: str
    source: str | None
    date: date | None
    start: int
    end: int
    partial: bool


@dataclass(frozen=True)
class EntityPage:
    name: str
    type: EntityType
    aliases: tuple[str, ...]
    articles: list[ArticleRef]
    quotes: list[QuoteRef]
    notes: list[Annotation]


def summary(name: str, kind: EntityType, articles: int, mentions: int, quotes: int, notes: int) -> EntitySummary:
    """An EntitySummary without the frozen dataclass __init__ (15,000 of them per build)."""
    summary = object.__new__(EntitySummary)
    summary.__dict__.update(name=name, type=kind, articles=articles, mentions=mentions, quotes=quotes, notes=notes)
    return summary
