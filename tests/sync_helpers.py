"""Helpers for the sync tests: small articles, and a library's canonical dump (what a
user sees of it, in an order that does not depend on how it came to be)."""

from __future__ import annotations

from typing import Any

from reader.core.model import Article, Block
from reader.core.store import Library

TEXT = "The council met on Tuesday. It voted to rebuild the bridge. Work starts in May."


def make_article(n: int) -> Article:
    return Article.create(f"Story {n}", [Block("paragraph", f"{TEXT} Item {n}.")])


def dump(library: Library) -> dict[str, Any]:
    return {
        "articles": sorted((a.id, a.title, tuple(sorted(a.tags)), a.starred, a.read, a.position)
                           for a in library.articles()),
        "bodies": sorted((a.id, library.article(a.id).text) for a in library.articles()),
        "notes": sorted((n.id, n.article_id, n.selector, n.note, tuple(sorted(n.tags)), n.color,
                         n.created, n.updated, n.anchor) for n in library.annotations()),
        "feeds": sorted((f.id, f.url, f.title, tuple(sorted(f.tags))) for f in library.feeds()),
        "searches": sorted(library.searches().items()),
        "aliases": sorted(library.aliases().items()),
    }
