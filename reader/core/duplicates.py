"""What the user is told when an article is already in the library: which one it is.

An article's id derives from its URL, or from its title and text when it has none
(`Article.create`), so a duplicate is the same address or the same text. Every place
that adds articles (files, URLs, feed entries) says it with `same_as`, in the same words.
"""

from __future__ import annotations

from reader.core.model import Article


def same_as(existing: Article, incoming: Article) -> str:
    """'same text as 3f2a9c1b: Title', or 'same address as …' for an article with a URL."""
    basis = "address" if incoming.url else "text"
    return f"same {basis} as {existing.id[:8]}: {existing.title}"
