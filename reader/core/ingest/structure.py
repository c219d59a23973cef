"""trafilatura's XML -> reader blocks: the page's headings, paragraphs, lists, quotes and tables.

Text is sanitised here, once, as it leaves the page: whatever the page held, no control
or bidi character reaches a block.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.core.model import Block, BlockKind
from reader.core.sanitize import count_unsafe, sanitize

if TYPE_CHECKING:
    from lxml.etree import _Element


def blocks_from_xml(root: _Element) -> tuple[list[Block], int]:
    """trafilatura's XML elements as reader blocks, and how many unsafe characters went."""
    blocks: list[Block] = []
    unsafe = 0

    def add(kind: BlockKind, raw: str) -> None:
        nonlocal unsafe
        unsafe += count_unsafe(raw)
        text = clean(raw)
        if text:
            blocks.append(Block(kind, text))

    def walk(el: _Element, quoted: bool) -> None:
        for child in el:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag == "head":
                add("blockquote" if quoted else "heading", _text(child))
            elif tag == "list":
                numbered = (child.get("rend") or "").lower() == "ol"
                for n, item in enumerate(child.iterfind("item"), start=1):
                    text = _text(item)
                    if text.strip():
                        add("blockquote" if quoted else "paragraph",
                            (f"{n}. " if numbered else "• ") + text)
            elif tag == "quote":
                if any(isinstance(c.tag, str) and c.tag in ("p", "list", "head") for c in child):
                    walk(child, True)
                else:
                    add("blockquote", _text(child))
            elif tag == "table":
                for row in child.iter("row"):
                    cells = [clean(_text(c)) for c in row if isinstance(c.tag, str)]
                    add("blockquote" if quoted else "paragraph", " | ".join(c for c in cells if c))
            elif tag in ("graphic", "comments"):
                continue
            elif tag in ("div", "main", "section"):
                walk(child, quoted)
            elif tag:
                add("blockquote" if quoted else "paragraph", _text(child))

    walk(root, False)
    return blocks, unsafe


def _text(el: _Element) -> str:
    """An element's text with <lb/> as a line break and everything else inline."""
    parts: list[str] = [el.text or ""]
    for child in el:
        if child.tag == "lb":
            parts.append("\n")
        elif isinstance(child.tag, str):
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def clean(text: str) -> str:
    text = sanitize(text)
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def clean(text: str) -> str:
    """Sanitised text with runs of white space as one space and no empty lines."""
    text = sanitize(text)
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)
