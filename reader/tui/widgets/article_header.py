"""The lines above an article's text: title, byline, then date, length and the user's marks.

The meta line is redrawn whenever the user tags, stars or marks the article, so the
header always shows what is saved.
"""

from __future__ import annotations

from collections.abc import Iterator

from textual.content import Content
from textual.widgets import Static

from reader.core.model import Article
from reader.tui.widgets.safe import plain
from reader.tui.widgets.article_list import SEPARATOR, STAR_MARK, UNREAD_MARK, format_date


def article_header(article: Article) -> Iterator[Static]:
    yield Static(plain(article.title.strip() or "(untitled)"), id="title", markup=False)
    if line := byline(article):
        yield Static(plain(line), id="byline", markup=False)
    yield Static(meta_line(article), id="meta", markup=False)


def byline(article: Article) -> str:
    parts = []
    if article.author and article.author.strip():
        parts.append(f"By {article.author.strip()}")
    if article.source and article.source.strip():
        parts.append(article.source.strip())
    return SEPARATOR.join(parts)


def meta_line(article: Article) -> Content:
    """Date, length, then the user's marks: #tags, a star, unread."""
    if article.published:
        parts = [format_date(article.published)]
    else:
        parts = [f"Added {format_date(article.added.date())}"]
    parts.append(f"{article.reading_time} min read")
    parts.append(f"{article.word_count:,} words")
    pieces: list[str | Content | tuple[str, str]] = [SEPARATOR.join(parts)]
    if article.tags:
        pieces.append(SEPARATOR)
        pieces.append(plain(" ".join(f"#{tag}" for tag in article.tags), "$secondary"))
    if article.starred:
        pieces += [SEPARATOR, (STAR_MARK, "$warning")]
    if not article.read:
        pieces += [SEPARATOR, (f"{UNREAD_MARK} unread", "$accent")]
    return Content.assemble(*pieces, strip_control_codes=False)
