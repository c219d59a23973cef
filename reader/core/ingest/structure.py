"""trafilatura's XML (or an HTML fragment) -> reader blocks, keeping the page's structure.

Headings keep their level, lists become one `item` block per entry (its marker, "• " or
"3. ", part of the text; its depth in `level`), `<pre>` a `code` block with its lines as
they were, tables a `table` block whose rows are lines with the cells padded to align,
images their alt text as a `caption`; emphasis, inline code and links become marks over
the text. Nothing is drawn here: marks add no characters, so offsets hold.

Text is sanitised here, once, as it leaves the page: whatever the page held, no control
or bidi character reaches a block. Links keep only http(s) and mailto addresses.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.core.ingest.inline import Inline
from reader.core.ingest.tables import table_block
from reader.core.links import safe_href
from reader.core.model import Block, BlockKind, MarkKind
from reader.core.patterns import regex
from reader.core.sanitize import count_unsafe, sanitize

if TYPE_CHECKING:
    from lxml.etree import _Element

CONTAINERS = frozenset({"main", "div", "section", "article", "body", "figure", "doc"})
SKIPPED = frozenset({"comments"})
_HI_MARKS: dict[str, MarkKind] = {"#b": "strong", "#i": "em", "#u": "em", "#t": "code"}
_HEADING = regex(r"h([1-6])")
_TAG = regex(r"<[A-Za-z/!]")
# Block elements that may turn up inside a paragraph or list item: drawn after it.
_INNER_BLOCKS = frozenset({"list", "table", "quote", "graphic", "figure", "figcaption"})


@dataclass(frozen=True)
class _Where:
    """Where a block sits: inside a block quote, and how deep in lists."""

    quoted: bool = False
    depth: int = 0


def blocks_from_xml(root: _Element, base_url: str | None = None) -> tuple[list[Block], int]:
    """trafilatura's XML elements as reader blocks, and how many unsafe characters went.

    `base_url` resolves relative links (trafilatura has already resolved them when it
    knew the page's URL)."""
    walker = _Walker(base_url)
    walker.container(root, _Where())
    return walker.blocks, walker.unsafe


def blocks_from_html(fragment: str, base_url: str | None = None) -> list[Block]:
    """An HTML fragment (a feed entry's content) as the same structured blocks as a page.

    Text without tags is read as plain text, a blank line between paragraphs."""
    if not fragment or not fragment.strip():
        return []
    if not _TAG.search(fragment):
        parts = (" ".join(sanitize(html.unescape(p)).split()) for p in re.split(r"\n\s*\n", fragment))
        return [Block("paragraph", p) for p in parts if p]
    from reader.core.ingest.fragment import fragment_tree

    root = fragment_tree(fragment)
    return blocks_from_xml(root, base_url)[0] if root is not None else []


class _Walker:
    def __init__(self, base_url: str | None) -> None:
        self.base_url = base_url
        self.blocks: list[Block] = []
        self.unsafe = 0

    # -- block level --------------------------------------------------------------------

    def container(self, el: _Element, where: _Where) -> None:
        """Children one by one; loose text and inline elements between them (an HTML
        fragment's) make paragraphs, cut at blank lines (two line breaks)."""
        loose = Inline()
        later: list[_Element] = []
        loose.add(el.text)
        for child in el:
            tag = _tag(child)
            if tag in SKIPPED:
                pass
            elif _is_block(tag):
                self._paragraphs(loose, later, where)
                loose, later = Inline(), []
                self.block(child, where)
            else:
                self.inline(child, loose, later)
            loose.add(child.tail)
        self._paragraphs(loose, later, where)

    def _paragraphs(self, loose: Inline, later: list[_Element], where: _Where) -> None:
        self.unsafe += loose.unsafe
        for text, marks in loose.finish(paragraphs=True):
            self.blocks.append(Block("blockquote" if where.quoted else "paragraph", text, 0, marks))
        for el in later:
            self.block(el, where)

    def block(self, el: _Element, where: _Where) -> None:
        tag = _tag(el)
        if tag in CONTAINERS:
            self.container(el, where)
        elif tag == "head" and where.quoted:
            self.text_block(el, "blockquote", where)
        elif tag == "head":
            level = _HEADING.fullmatch((el.get("rend") or "").lower())
            self.text_block(el, "heading", where, int(level.group(1)) if level else 2)
        elif tag == "list":
            self.list(el, where)
        elif tag == "item":
            self.item(el, "• ", where)
        elif tag == "quote":
            if any(_is_block(_tag(c)) for c in el):
                self.container(el, _Where(True, where.depth))
            else:
                self.text_block(el, "blockquote", where)
        elif tag == "code":
            self.code(el)
        elif tag == "table":
            self.table(el, where)
        elif tag == "graphic":
            self.graphic(el)
        elif tag == "figcaption":
            self.text_block(el, "caption", where)
        elif tag:  # p, and any element trafilatura let through: a paragraph of its text
            self.text_block(el, "blockquote" if where.quoted else "paragraph", where)

    def text_block(self, el: _Element, kind: BlockKind, where: _Where, level: int = 0, *, strong: bool = False) -> None:
        """One block of `el`'s inline content; the block elements inside it follow it.
        A heading is one line: its line breaks are spaces."""
        builder, later = Inline(), []
        self.inline_children(el, builder, later, flat=kind == "heading")
        if strong:
            builder.mark(0, "strong")
        self._emit(builder, kind, level)
        for inner in later:
            self.block(inner, where)

    def list(self, el: _Element, where: _Where) -> None:
        numbered = (el.get("rend") or "").lower() == "ol"
        start = (el.get("start") or "").strip()
        number = int(start) if start.isdigit() and len(start) < 7 else 1
        for child in el:
            tag = _tag(child)
            if tag == "item":
                rend = (child.get("rend") or "").lower()
                if rend.startswith("dt"):  # a term: its definitions follow as the list's items
                    self.text_block(child, "blockquote" if where.quoted else "paragraph", where, strong=True)
                elif rend.startswith("dd"):
                    self.item(child, "• ", where)
                elif self.item(child, f"{number}. " if numbered else "• ", where):
                    number += 1
            elif tag:
                self.block(child, _Where(where.quoted, where.depth + 1))

    def item(self, el: _Element, marker: str, where: _Where) -> bool:
        """One list item as an `item` block (nested lists after it, one level deeper); False if empty."""
        builder, later = Inline(), []
        builder.add(marker)
        self.inline_children(el, builder, later)
        emitted = not builder.is_empty(after=len(marker)) and self._emit(builder, "item", where.depth)
        if not emitted:
            self.unsafe += builder.unsafe
        deeper = _Where(where.quoted, where.depth + 1)
        for inner in later:
            self.block(inner, deeper if _tag(inner) in ("list", "item") else where)
        return emitted

    def code(self, el: _Element) -> None:
        """Preformatted text as it was: its lines, its indentation (tabs as 4 spaces)."""
        raw = _verbatim(el)
        self.unsafe += count_unsafe(raw)
        lines = [line.rstrip() for line in sanitize(raw).expandtabs(4).split("\n")]
        while lines and not lines[0]:
            lines.pop(0)
        while lines and not lines[-1]:
            lines.pop()
        if lines:
            self.blocks.append(Block("code", "\n".join(lines)))

    def table(self, el: _Element, where: _Where) -> None:
        """A table of data as one aligned block; a table that lays the page out (one column,
        prose in its cells, lists or tables inside them) as its cells' own blocks."""
        own_rows = list(_own_rows(el))
        rows: list[list[tuple[str, tuple, bool]]] = []
        unsafe, nested = 0, False
        for row in own_rows:
            cells = []
            for cell in (c for c in row if _tag(c) == "cell"):
                builder, inner = Inline(), []
                self.inline_children(cell, builder, inner, flat=True)
                nested = nested or any(_tag(i) != "graphic" for i in inner)
                unsafe += builder.unsafe
                text, marks = (builder.finish() or [("", ())])[0]
                cells.append((text, marks, cell.get("role") == "head"))
            if any(text for text, _, _ in cells):
                rows.append(cells)
        block = None if nested else table_block(rows)
        if block is not None:
            self.unsafe += unsafe
            self.blocks.append(block)
            return
        for row in own_rows:
            for cell in row:
                if _tag(cell) == "cell":
                    self.container(cell, where)

    def graphic(self, el: _Element) -> None:
        raw = el.get("alt") or el.get("title") or ""
        builder = Inline()
        builder.add(raw)
        self._emit(builder, "caption")

    def _emit(self, builder: Inline, kind: BlockKind, level: int = 0) -> bool:
        self.unsafe += builder.unsafe
        builder.unsafe = 0
        found = builder.finish()
        if not found:
            return False
        text, marks = found[0]
        if kind == "heading":  # a heading is already drawn bold
            marks = tuple(m for m in marks if not (m.kind == "strong" and m.start == 0 and m.end == len(text)))
        self.blocks.append(Block(kind, text, level, marks))
        return True

    # -- inline level -------------------------------------------------------------------

    def inline_children(self, el: _Element, builder: Inline, later: list[_Element], *, flat: bool = False) -> None:
        builder.add(el.text)
        for child in el:
            self.inline(child, builder, later, flat=flat)
            builder.add(child.tail)

    def inline(self, el: _Element, builder: Inline, later: list[_Element], *, flat: bool = False) -> None:
        """Add `el` to the text being built; block elements found inside go to `later`.

        `flat` (a heading, a table cell) keeps everything on one line."""
        tag = _tag(el)
        if not tag:
            return
        if tag == "lb":
            builder.space() if flat else builder.line_break()
            return
        if tag in _INNER_BLOCKS or (tag == "code" and _is_code_block(el)):
            later.append(el)
            return
        start = builder.length
        if tag in ("p", "head", "item", "cell"):
            builder.space()
        self.inline_children(el, builder, later, flat=flat)
        if tag == "hi" and (kind := _HI_MARKS.get(el.get("rend") or "")):
            builder.mark(start, kind)
        elif tag == "code":
            builder.mark(start, "code")
        elif tag == "ref" and (href := safe_href(el.get("target"), self.base_url)):
            builder.mark(start, "link", href)


def _tag(el: _Element) -> str:
    """An element's tag, "" for comments and processing instructions."""
    return el.tag.lower() if isinstance(el.tag, str) else ""


def _own_rows(table: _Element) -> Iterator[_Element]:
    """The table's rows, not those of a table inside one of its cells."""
    for child in table:
        tag = _tag(child)
        if tag == "row":
            yield child
        elif tag and tag != "table":
            yield from _own_rows(child)


def _is_block(tag: str) -> bool:
    return tag in CONTAINERS or tag in ("head", "p", "list", "quote", "code", "table", "graphic", "figcaption", "item")


def _is_code_block(el: _Element) -> bool:
    """A `code` element inside a paragraph is inline code unless it holds several lines."""
    return "\n" in _verbatim(el).strip("\n") or el.find("lb") is not None


def _verbatim(el: _Element) -> str:
    """An element's text exactly as written, <lb/> as a line break."""
    parts: list[str] = [el.text or ""]
    for child in el:
        if _tag(child) == "lb":
            parts.append("\n")
        elif _tag(child):
            parts.append(_verbatim(child))
        parts.append(child.tail or "")
    return "".join(parts)


def clean(text: str) -> str:
    """Sanitised text with runs of white space as one space and no empty lines."""
    text = sanitize(text)
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


__all__ = ["blocks_from_html", "blocks_from_xml", "clean"]
