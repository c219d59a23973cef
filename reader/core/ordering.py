"""The orders a list of articles takes: the same in `reader ls --sort` and the app's list.

Newest first is by the article's own date, or the day it was added for one without, then
the moment it was added, then its id: articles added together (one `reader add` of a
folder) always come back in one order. Every other order keeps newest first among ties.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TypeVar

from reader.core.model import Article
from reader.core.search.text import fold

SORTS: tuple[str, ...] = ("date", "title", "source", "notes")
T = TypeVar("T")


def newest_key(article: Article) -> tuple[date, datetime, str]:
    return (article.published or article.added.date(), article.added, article.id)


def title_key(title: str) -> str:
    """A title as the A-Z order reads it: folded, without the quote marks or other
    punctuation before its first letter or digit ('"Parasite" wins' sorts under P)."""
    folded = fold(title)
    start = next((i for i, c in enumerate(folded) if c.isalnum()), len(folded))
    return folded[start:]


def ordered(items: Sequence[T], sort: str, article: Callable[[T], Article], notes: Callable[[T], int]) -> list[T]:
    """`items` (articles, or rows that hold one) in the order `sort` names, one of SORTS."""
    newest_first = sorted(items, key=lambda item: newest_key(article(item)), reverse=True)
    if sort == "title":
        return sorted(newest_first, key=lambda item: title_key(article(item).title))
    if sort == "source":
        return sorted(newest_first, key=lambda item: (not article(item).source, fold(article(item).source or "")))
    if sort == "notes":
        return sorted(newest_first, key=lambda item: -notes(item))
    return newest_first
