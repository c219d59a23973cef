"""markdown-it tokens -> reader blocks, with the same structure a web page gets.

Kept apart from `markdown` (front matter, the Article) so each reads top to bottom. The
text of a block is what the Markdown says once its markup is gone: `*word*` is "word"
with an em mark over it, `[text](url)` is "text" with a link mark, a hard break is a
line break, a soft break a space. White space inside a line is kept as written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from markdown_it.token import Token

from reader.core.blocktext import merge_marks, shift_marks
from reader.core.ingest.tables import table_block
from reader.core.links import safe_href
from reader.core.model import Block, BlockKind, Mark, MarkKind
from reader.core.sanitize import sanitize

_PAIRED: dict[str, MarkKind] = {"em": "em", "strong": "strong", "link": "link"}


@dataclass
class _State:
    """Where the walk is: inside how many quotes, which lists (next number, or -1 for
    bullets), whether the next text starts a list item, and the table being read."""

    quote_depth: int = 0
    lists: list[list[int]] = field(default_factory=list)
    item_fresh: bool = False
    rows: list[list[tuple[str, tuple[Mark, ...], bool]]] | None = None


def markdown_blocks(tokens: Sequence[Token], known_title: str | None) -> tuple[list[Block], str | None]:
    """Walk block tokens; return the blocks and the `# heading` that opens the document.

    That heading is the title unless front matter named one; it is only kept as a block
    when it differs from the front matter's title, so the title never shows twice.
    """
    blocks: list[Block] = []
    title: str | None = None
    state = _State()
    for i, tok in enumerate(tokens):
        kind = tok.type
        if kind == "blockquote_open":
            state.quote_depth += 1
        elif kind == "blockquote_close":
            state.quote_depth -= 1
        elif kind in ("bullet_list_open", "ordered_list_open"):
            state.lists.append([_start(tok) if kind == "ordered_list_open" else -1])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            state.lists.pop()
        elif kind == "list_item_open":
            state.item_fresh = True
        elif kind == "table_open":
            state.rows = []
        elif kind == "tr_open" and state.rows is not None:
            state.rows.append([])
        elif kind == "table_close" and state.rows is not None:
            blocks += _table(state.rows)
            state.rows = None
        elif kind == "inline" and state.rows is not None:
            text, marks = inline_text(tok.children or [])
            state.rows[-1].append((" ".join(text.split()), marks if "\n" not in text else (), tokens[i - 1].type == "th_open"))
        elif kind == "inline":
            parent = tokens[i - 1]
            if parent.type == "heading_open" and title is None and _is_title(parent, tok, blocks, known_title):
                title = sanitize(_plain(tok.children or [])).strip() or None
                continue
            block = _text_block(parent, tok, state)
            if block is not None:
                blocks.append(block)
        elif kind in ("fence", "code_block"):
            code = sanitize(tok.content).expandtabs(4).rstrip("\n")
            if code.strip():
                blocks.append(Block("code", code))
    return blocks, title


def _start(tok: Token) -> int:
    start = str(tok.attrGet("start") or "1")
    return int(start) if start.isdigit() and len(start) < 10 else 1


def _is_title(heading: Token, tok: Token, blocks: list[Block], known_title: str | None) -> bool:
    """The first `# heading`, before any text, is the title (or repeats the one front matter gave)."""
    if heading.tag != "h1" or not all(b.kind == "caption" for b in blocks):
        return False
    text = sanitize(_plain(tok.children or [])).strip()
    return known_title is None or _same(text, known_title)


def _text_block(parent: Token, tok: Token, state: _State) -> Block | None:
    children = tok.children or []
    if _only_image(children):
        alt = " ".join(sanitize(_plain(children)).split())
        return Block("caption", alt) if alt else None
    text, marks = inline_text(children)
    if not text:
        return None
    if state.lists:
        marker = ""
        if state.item_fresh:
            marker = _bullet(state.lists[-1])
            state.item_fresh = False
        return Block("item", marker + text, len(state.lists) - 1, shift_marks(marks, 0, len(text), len(marker)))
    if parent.type == "heading_open":
        if state.quote_depth:
            return Block("blockquote", text, 0, marks)
        return Block("heading", text, int(parent.tag[1:]) if parent.tag[1:].isdigit() else 2, marks)
    kind: BlockKind = "blockquote" if state.quote_depth else "paragraph"
    return Block(kind, text, 0, marks)


def _table(rows: list[list[tuple[str, tuple[Mark, ...], bool]]]) -> list[Block]:
    rows = [row for row in rows if any(text for text, _, _ in row)]
    block = table_block(rows)
    if block is not None:
        return [block]
    return [Block("paragraph", text, 0, marks) for row in rows for text, marks, _ in row if text]


def _bullet(state: list[int]) -> str:
    if state[0] < 0:
        return "• "
    state[0] += 1
    return f"{state[0] - 1}. "


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _only_image(children: Sequence[Token]) -> bool:
    kinds = [c.type for c in children if not (c.type == "text" and not c.content.strip())]
    kinds = [k for k in kinds if k not in ("softbreak", "hardbreak")]
    return kinds == ["image"]


def inline_text(children: Sequence[Token]) -> tuple[str, tuple[Mark, ...]]:
    """Inline tokens as (text, marks): markers dropped, link and alt text kept, ends stripped."""
    pieces: list[str] = []
    length = 0
    marks: list[Mark] = []
    opened: list[tuple[MarkKind, int, str | None]] = []

    def add(text: str) -> None:
        nonlocal length
        pieces.append(text)
        length += len(text)

    for tok in children:
        name, _, edge = tok.type.rpartition("_")
        if tok.type == "text":
            add(sanitize(tok.content))
        elif tok.type == "code_inline":
            start = length
            add(sanitize(tok.content))
            if length > start:
                marks.append(Mark(start, length, "code"))
        elif tok.type == "softbreak":
            add(" ")
        elif tok.type == "hardbreak":
            add("\n")
        elif tok.type == "image":
            add(sanitize(_plain(tok.children or [])))
        elif name in _PAIRED and edge == "open":
            href = safe_href(tok.attrGet("href")) if name == "link" else None
            opened.append((_PAIRED[name], length, href))
        elif name in _PAIRED and edge == "close" and opened:
            kind, start, href = opened.pop()
            if length > start and (kind != "link" or href is not None):
                marks.append(Mark(start, length, kind, href))
    raw = "".join(pieces)
    text = raw.strip()
    lead = len(raw) - len(raw.lstrip())
    return text, merge_marks(list(shift_marks(marks, lead, lead + len(text))))


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
