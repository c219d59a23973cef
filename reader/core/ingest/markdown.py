"""Markdown -> Article, with optional front matter.

Markdown is parsed with markdown-it-py (CommonMark, raw HTML off so it stays literal text)
and flattened to plain blocks: the reader draws its own styles and never passes markup to
the terminal. Text is sanitised after markdown-it decodes entities, since `&#x202e;` only
becomes a bidi override at that point.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from markdown_it import MarkdownIt
from markdown_it.token import Token

from reader.core.ingest.text import derive_title, parse_date
from reader.core.model import Article, Block, BlockKind, normalize_tags
from reader.core.sanitize import sanitize

_MD = MarkdownIt("commonmark", {"html": False})
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
    blocks, heading_title = _blocks(_MD.parse(body), meta.title)
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


def _blocks(tokens: Sequence[Token], known_title: str | None) -> tuple[list[Block], str | None]:
    """Walk block tokens; return the blocks and the `# heading` that opens the document.

    That heading is the title unless front matter named one; it is only kept as a block
    when it differs from the front matter's title, so the title never shows twice.
    """
    blocks: list[Block] = []
    title: str | None = None
    quote_depth = 0
    lists: list[list[int]] = []  # per open list: [next number, or -1 for bullets]
    item_fresh = False  # the next paragraph is the first of a list item
    for i, tok in enumerate(tokens):
        if tok.type == "blockquote_open":
            quote_depth += 1
        elif tok.type == "blockquote_close":
            quote_depth -= 1
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
            start = int(tok.attrGet("start") or 1) if tok.type == "ordered_list_open" else -1
            lists.append([start])
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif tok.type == "list_item_open":
            item_fresh = True
        elif tok.type == "inline":
            parent = tokens[i - 1].type
            text = sanitize(_plain(tok.children or [])).strip()
            if parent == "heading_open":
                level = tokens[i - 1].tag
                opening = level == "h1" and all(b.kind == "caption" for b in blocks)
                if opening and title is None and (known_title is None or _same(text, known_title)):
                    title = text or None
                    continue
                kind: BlockKind = "blockquote" if quote_depth else "heading"
            elif _only_image(tok.children or []):
                kind = "caption"
            else:
                kind = "blockquote" if quote_depth else "paragraph"
            if not text:
                continue
            if lists and item_fresh and kind != "caption":
                text = _bullet(lists[-1]) + text
                item_fresh = False
            blocks.append(Block(kind, text))
        elif tok.type in ("fence", "code_block"):
            code = sanitize(tok.content).rstrip("\n")
            if code.strip():
                blocks.append(Block("blockquote" if quote_depth else "paragraph", code))
    return blocks, title


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _bullet(state: list[int]) -> str:
    if state[0] < 0:
        return "• "
    state[0] += 1
    return f"{state[0] - 1}. "


def _only_image(children: Sequence[Token]) -> bool:
    kinds = [c.type for c in children if not (c.type == "text" and not c.content.strip())]
    kinds = [k for k in kinds if k not in ("softbreak", "hardbreak")]
    return kinds == ["image"]


def _plain(children: Sequence[Token]) -> str:
    """Inline tokens as plain text: markers dropped, link and alt text kept."""
    out: list[str] = []
    for tok in children:
        if tok.type in ("text", "code_inline"):
            out.append(tok.content)
        elif tok.type == "softbreak":
            out.append(" ")
        elif tok.type == "hardbreak":
            out.append("\n")
        elif tok.type == "image":
            out.append(_plain(tok.children or []))
    return "".join(out)
