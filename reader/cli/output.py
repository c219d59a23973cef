"""How the CLI shows articles and notes: JSON for scripts, short plain text for people."""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.cells import cell_len, set_cell_size

from reader.core.model import WORDS_PER_MINUTE, Analysis, Annotation, Article, Entity, Quote
from reader.core.quotemarks import quoted
from reader.core.reanchor import anchor_label
from reader.core.sanitize import sanitize

OK, FAILED, INTERRUPTED = 0, 1, 130  # a command's exit status: done, refused or failed, stopped by Ctrl+C


def article_json(article: Article, notes: int) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": article.id,
        "title": article.title,
        "author": article.author,
        "source": article.source,
        "url": article.url,
        "published": article.published.isoformat() if article.published else None,
        "added": article.added.isoformat(),
        "word_count": article.word_count,
        "reading_time": article.reading_time,
        "tags": article.tags,
        "starred": article.starred,
        "read": article.read,
        "notes": notes,
    }
    if article.blocks is not None:
        from reader.core.export.json_format import block_data

        data["blocks"] = [block_data(b) for b in article.blocks]
        data["text"] = article.text
    return data


def annotation_json(annotation: Annotation) -> dict[str, Any]:
    selector = annotation.selector
    return {
        "id": annotation.id,
        "article_id": annotation.article_id,
        "quote": selector.exact,
        "prefix": selector.prefix,
        "suffix": selector.suffix,
        "start": selector.start,
        "end": selector.end,
        "note": annotation.note,
        "tags": annotation.tags,
        "color": annotation.color,
        "created": annotation.created.isoformat(),
        "updated": annotation.updated.isoformat(),
        "anchor": {"state": annotation.anchor.state, "score": annotation.anchor.score},
    }


def entity_json(entity: Entity) -> dict[str, Any]:
    return {"start": entity.start, "end": entity.end, "type": entity.type, "text": entity.text, "name": entity.name}


def quote_json(quote: Quote, article_id: str) -> dict[str, Any]:
    return {
        "text": quote.text,
        "speaker": quote.speaker,
        "partial": quote.partial,
        "kind": quote.kind,
        "article_id": article_id,
        "start": quote.start,
        "end": quote.end,
    }


def analysis_json(analysis: Analysis, article_id: str) -> dict[str, Any]:
    return {
        "entities": [entity_json(e) for e in analysis.entities],
        "quotes": [quote_json(q, article_id) for q in analysis.quotes],
    }


def print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def say(text: str = "") -> None:
    """Print for a person: text from the library is sanitised again before a terminal sees it."""
    print(sanitize(text))


def warn(text: str) -> None:
    print(f"reader: {sanitize(text)}", file=sys.stderr)


def byline(article: Article) -> str:
    parts = [
        article.author or "",
        article.source or "",
        article.published.isoformat() if article.published else "",
        f"{article.reading_time} min",
    ]
    return " · ".join(p for p in parts if p)


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def cells(text: str) -> int:
    """Terminal cells `text` takes: one per character of printable ASCII (asked first:
    `reader ls` measures every title), else as Rich measures it."""
    return len(text) if text.isascii() and text.isprintable() else cell_len(text)


def clip(text: str, width: int) -> str:
    """`text` in at most `width` terminal cells, "…" where it is cut. Cells, not characters:
    a Chinese or Japanese character and most emoji take two."""
    return text if cells(text) <= width else set_cell_size(text, width - 1).rstrip() + "…"


def column(text: str, width: int) -> str:
    """`text` clipped and padded to exactly `width` cells, so the next column lines up
    whatever script the text is in (str.ljust and f"{x:40}" count characters)."""
    text = clip(sanitize(text), width)  # measured as `say` will print it
    return text + " " * (width - cells(text))


_MARKS = {(False, False): "  ●", (False, True): "   ", (True, False): " *●", (True, True): " * "}


def article_lines(articles: list[Article], counts: dict[str, int]) -> str:
    """Each article's line: id, marks, title, its own date (blank, never the day it was
    added), reading time, author and source in a column of their own so the note counts
    line up, then tags. Ready for a terminal without sanitising 10,000 lines whole (every
    unread mark is non-ASCII, so the fast path of `sanitize` never applied): each piece from
    the library is sanitised on its own, and the pieces meet at spaces, where sanitising
    can neither join nor drop (tests/cli/test_ls_lines.py checks it byte for byte)."""
    lines = []
    add = lines.append
    for article in articles:
        title = article.title
        if len(title) <= 60 and title.isascii() and title.isprintable():
            title += " " * (60 - len(title))
        else:
            title = column(title, 60)
            if title != (clean := sanitize(title)):  # a cut the whole output would have changed
                title = clean
        parts = [f"{max(1, -(-article.word_count // WORDS_PER_MINUTE))} min"]
        parts += [p for p in (article.author, article.source) if p]
        line = (article.published.isoformat() if article.published else "          ") + "  " + " · ".join(parts)
        if len(line) <= 48 and line.isascii() and line.isprintable():
            line += " " * (48 - len(line))
        else:
            line = column(line, 48)
            if line != (clean := sanitize(line)):
                line = clean
        notes = counts.get(article.id, 0)
        tail = ("  " + " ".join(f"#{t}" for t in article.tags)).rstrip() if article.tags else ""
        if not (tail.isascii() and tail.isprintable()):
            tail = sanitize(tail)
        add(f"{article.id[:8]}{_MARKS[article.starred, article.read]} {title}  {line}  "
            f"{notes} note{'' if notes == 1 else 's'}{tail}")
    return "\n".join(lines)


def annotation_block(annotation: Annotation, title: str) -> str:
    head = f"{annotation.id[:8]}  {clip(title, 60)}"
    if label := anchor_label(annotation.anchor):
        head += f"  [{label}]"
    lines = [head, f"  {quoted(annotation.quote, 200, clip)}"]
    if annotation.note:
        lines += [f"  {line}" for line in annotation.note.splitlines()]
    if annotation.tags:
        lines.append("  " + " ".join(f"#{t}" for t in annotation.tags))
    return "\n".join(lines)
