"""Markdown -> Article, with optional front matter.

Markdown is parsed with markdown-it-py (CommonMark plus GFM tables, raw HTML off so it
stays literal text) into the same structured blocks as a web page: headings with their
level, list items (marker in the text, depth in `level`), code blocks with their lines,
tables as aligned rows, images as captions; emphasis, inline code and links become marks.
The markup itself never reaches the text: the reader draws its own styles and never
passes markup to the terminal. Text is sanitised after markdown-it decodes entities,
since `&#x202e;` only becomes a bidi override at that point.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from markdown_it import MarkdownIt
from markdown_it.token import Token

from reader.core.ingest.markdown_blocks import markdown_blocks
from reader.core.ingest.text import derive_title, parse_date
from reader.core.model import Article, normalize_tags
from reader.core.sanitize import sanitize

_MD = MarkdownIt("commonmark", {"html": False}).enable("table")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_KEY = re.compile(r"([A-Za-z_][\w-]*)\s*:\s*(.*)")
_LIST_ITEM = re.compile(r"\s*-\s+(.*)")


@dataclass
class FrontMatter:
    """The few front-matter fields reader uses; anything else is ignored."""

    title: str | None = None
    author: str | None = None
    source: str | None = None
    url: str | None = None
    published: date | None = None
    tags: list[str] = field(default_factory=list)


def parse_markdown(text: str) -> Article:
    """Turn a Markdown document into an Article; front-matter tags land in `article.tags`."""
    text = sanitize(text)  # raw ESC and friends; entities are handled per block below
    meta, body = split_front_matter(text)
    blocks, heading_title = markdown_blocks(_MD.parse(body), meta.title)
    title = meta.title or heading_title or derive_title(blocks)
    article = Article.create(
        title,
        blocks,
        author=meta.author,
        source=meta.source,
        url=meta.url,
        published=meta.published,
    )
    article.tags = meta.tags
    return article


def inline_tokens(text: str) -> list[Token]:
    """The inline tokens of one paragraph of Markdown, as `parse_markdown` reads them."""
    tokens = _MD.parseInline(text)
    return (tokens[0].children or []) if tokens else []


def split_front_matter(text: str) -> tuple[FrontMatter, str]:
    """Read `key: value` lines between `---` fences at the very top (no YAML library)."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return FrontMatter(), text
    values: dict[str, str] = {}
    tags: list[str] = []
    key = ""
    for line in m.group(1).split("\n"):
        item = _LIST_ITEM.fullmatch(line)
        if item and key == "tags":
            tags.append(_unquote(item.group(1)))
            continue
        kv = _KEY.fullmatch(line.strip())
        if not kv:
            continue
        key, value = kv.group(1).casefold(), kv.group(2).strip()
        if key == "tags" and value:
            inner = value[1:-1] if value.startswith("[") and value.endswith("]") else value
            tags.extend(_unquote(t) for t in inner.split(","))
        elif value:
            values[key] = _unquote(value)
    meta = FrontMatter(
        title=values.get("title") or None,
        author=values.get("author") or None,
        source=values.get("source") or None,
        url=values.get("url") or None,
        published=parse_date(values.get("date", "")),
        tags=normalize_tags(tags),  # the query language's form: "Peace Talks" -> peace-talks
    )
    return meta, text[m.end() :]


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value = value[1:-1]
    return " ".join(value.split())
