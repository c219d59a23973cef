"""What the user is told when an article is already in the library: which one it is.

An article's id derives from its URL, or from its title and text when it has none
(`Article.create`), so a duplicate is the same address or the same text. Every place
that adds articles (files, URLs, feed entries) says it with `same_as`, in the same words.
Which article an address names (`address_ids`, `addresses`, `article_at`) is decided here
for every reader of addresses: a feed's entries, a W3C annotation's target.
"""

from __future__ import annotations

from collections.abc import Iterable

from reader.core.model import Article, Feed, stable_id
from reader.core.urls import untracked


def same_as(existing: Article, incoming: Article) -> str:
    """'same text as 3f2a9c1b: Title', or 'same address as …' for an article with a URL."""
    basis = "address" if incoming.url else "text"
    return f"same {basis} as {existing.id[:8]}: {existing.title}"


def address_ids(url: str) -> list[str]:
    """The ids an address gives an article (`Article.create`): as written, then without its
    tracking parameters (`?utm_source=…`), when that differs."""
    ids = [stable_id(url)]
    plain = stable_id(untracked(url))
    return ids if plain == ids[0] else [*ids, plain]


def addresses(articles: Iterable[Article], feeds: Iterable[Feed]) -> dict[str, str]:
    """Every address id the library knows an article by -> that article's id: its own id,
    its address's ids, and each feed entry's link whose page gave it another (`Feed.links`:
    a page fetched at one address that names its canonical one elsewhere)."""
    known: dict[str, str] = {}
    for article in articles:
        known[article.id] = article.id
        for i in address_ids(article.url) if article.url else ():
            known.setdefault(i, article.id)
    for feed in feeds:
        for link, article_id in feed.links.items():
            if article_id in known:
                known.setdefault(link, known[article_id])
    return known


def article_at(known: dict[str, str], url: str) -> str | None:
    """The article (from `addresses`) that `url` names, or None: the match `reader add URL`
    makes when it says "exists", without fetching the page."""
    return next((known[i] for i in address_ids(url) if i in known), None)
