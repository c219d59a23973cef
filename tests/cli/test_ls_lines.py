"""`reader ls` prints its lines piece by piece sanitised (article_lines); what a terminal
gets must be byte for byte what sanitising the whole listing (`say`) gave, whatever a
stranger's title, byline or tags hold."""

from __future__ import annotations

import random
from datetime import date, datetime

from reader.cli.output import article_lines, column, plural
from reader.core.model import Article
from reader.core.sanitize import sanitize

PIECES = [
    "Plain words", "x" * 70, "北京地铁新线路今天开通" * 4, "🎉 party 🎉", "e\u0301 combining", "\u0301 leading mark",
    "tab\there", "line\nbreak", "cr\r\nlf", "end\r", "\x1b]52;c;aGk=\x07osc", "bidi \u202e evil", "soft\u00adhyphen",
    "zero\u200bwidth", "trailing space ", " \u200b", "\u200b", "", "a" * 47 + "é", "é" * 48, "ﬁ ligature",
    "한국어 제목", "\ud800 lone", "  ", "\x7f del",
]


def article_line(article: Article, notes: int) -> str:
    """One line as written plainly, the whole listing then sanitised at once: the reference."""
    marks = ("*" if article.starred else " ") + (" " if article.read else "●")
    tags = " ".join(f"#{t}" for t in article.tags)
    day = article.published.isoformat() if article.published else ""  # never the day it was added
    line = f"{day:10}  " + " · ".join(p for p in (f"{article.reading_time} min", article.author, article.source) if p)
    return f"{article.id[:8]} {marks} {column(article.title, 60)}  {column(line, 48)}  {plural(notes, 'note')}  {tags}".rstrip()


def hostile(rng: random.Random, n: int) -> list[Article]:
    found = []
    for i in range(n):
        found.append(Article(
            id=f"{i:016x}", title=rng.choice(PIECES) + rng.choice(PIECES),
            author=rng.choice([None, *PIECES]), source=rng.choice([None, *PIECES]),
            published=rng.choice([None, date(2024, 5, 6)]), added=datetime(2024, 1, 1),
            word_count=rng.choice([0, 1, 229, 230, 231, 10_000]), tags=rng.sample(PIECES, rng.choice([0, 0, 1, 2])),
            starred=rng.random() < 0.5, read=rng.random() < 0.5,
        ))
    return found


def test_the_listing_is_what_sanitising_it_whole_gave():
    rng = random.Random(16)
    articles = hostile(rng, 3000)
    counts = {a.id: rng.choice([0, 1, 2, 50]) for a in articles if rng.random() < 0.7}
    whole = sanitize("\n".join(article_line(a, counts.get(a.id, 0)) for a in articles))
    assert article_lines(articles, counts) == whole
    assert "\x1b" not in whole and "\u202e" not in whole  # and both are safe
