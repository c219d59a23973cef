"""An article's body as Markdown, from its blocks: the inverse of `ingest.markdown`.

Headings keep their level, list items their marker and depth, code its lines in a fence,
tables become GFM tables, captions images with the caption as alt text, and marks
become `*em*`, `**strong**`, `` `code` `` and `[text](address)`. Every other character
that Markdown would read as markup is escaped, so importing the result gives the same
blocks again (tests/unit/test_markdown_roundtrip.py).
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Sequence

from reader.core.blocktext import COLUMN_GAP, HEADER_JOINT, shift_marks
from reader.core.links import safe_href
from reader.core.model import Article, Block, Mark

_ALWAYS = re.compile(r"([\\`*_\[\]<>&|~#])")
# What starts a list item, a thematic break or a setext underline at the start of a line.
_LINE_START = re.compile(r"^(\s*)([+-](?=[ \t]|$)|=(?==*[ \t]*$)|-(?=-*[ \t]*$)|\d{1,9}(?=[.)](?:[ \t]|$)))")
_MARKER = re.compile(r"(• |\d+\. )")
_BACKTICKS = re.compile(r"`+")
_SYMBOLS = {"em": "*", "strong": "**"}
_PLAIN_DESTINATION = re.compile(r"[^\s()<>\\]+")  # else the address goes in <...>
_CELL_GAP = re.compile(r" │(?: |$)")


def article_markdown(article: Article) -> str:
    """Front matter (title, author, source, url, date, tags) and the body."""
    lines = ["---", f"title: {_quoted(article.title)}"]
    for key, value in (("author", article.author), ("source", article.source), ("url", article.url)):
        if value:
            lines.append(f"{key}: {_quoted(value)}")
    if article.published:
        lines.append(f"date: {article.published.isoformat()}")
    if article.tags:
        lines.append("tags: [" + ", ".join(_quoted(tag) for tag in article.tags) + "]")
    lines += ["---", ""]
    return "\n".join(lines) + blocks_markdown(article.blocks or [])


def _quoted(value: str) -> str:
    return '"' + " ".join(value.split()) + '"'


def blocks_markdown(blocks: Sequence[Block]) -> str:
    """The blocks as a Markdown document; list items of one list on consecutive lines."""
    out: list[str] = []
    widths: list[str] = []  # the marker (as written) of the latest list item at each depth
    previous: Block | None = None
    for block in blocks:
        if block.kind == "item":
            text = _item(block, widths)
            separator = "\n" if _tight(previous, block) else "\n\n"
        else:
            widths.clear()
            text, separator = _block(block), "\n\n"
        if text:
            out.append((separator if out else "") + text)
            previous = block
    return "".join(out) + ("\n" if out else "")


def _tight(previous: Block | None, item: Block) -> bool:
    """Whether `item` may go on the line after `previous` without a blank line: a bullet
    after an item, or the next number of the same list. (A list starting at another number
    than 1 cannot interrupt a paragraph: it would be read as more of the item above.)"""
    if previous is None or previous.kind != "item" or not (before := _MARKER.match(previous.text)):
        return False
    marker = _MARKER.match(item.text)
    if marker is None:
        return False
    if marker.group() == "• ":
        return True
    number = int(marker.group()[:-2])
    return number == 1 or (before.group() != "• " and previous.level == item.level and int(before.group()[:-2]) + 1 == number)


def _block(block: Block) -> str:
    if block.kind == "heading":
        level = min(max(block.level, 1), 6)
        return "#" * level + " " + inline_markdown(block.text.replace("\n", " "), block.marks)
    if block.kind == "blockquote":
        return "\n".join("> " + line for line in inline_markdown(block.text, block.marks).split("\n"))
    if block.kind == "code":
        fence = "`" * max(3, _longest_run(block.text) + 1)
        return f"{fence}\n{block.text}\n{fence}"
    if block.kind == "table":
        return _table(block)
    if block.kind == "caption":
        return "![" + _escape(" ".join(block.text.split())) + "]()"
    return inline_markdown(block.text, block.marks)


def _item(block: Block, markers: list[str]) -> str:
    """A list item: `- ` for "• ", `3. ` kept, indented under its parent; text without a
    marker is a further paragraph of the item above it. `markers` holds the marker written
    for the latest item at each depth (their widths are the indents)."""
    level = block.level
    marker_match = _MARKER.match(block.text)
    marker = marker_match.group() if marker_match else ""
    content = block.text[len(marker):]
    marks = [Mark(m.start - len(marker), m.end - len(marker), m.kind, m.href) for m in block.marks if m.start >= len(marker)]
    above = markers[level] if level < len(markers) else None
    del markers[level + (0 if marker else 1):]
    indent = sum(len(m) for m in markers[:level]) + 2 * max(0, level - len(markers))
    if not marker:
        if level >= len(markers):  # no item above it to belong to: a paragraph, its words kept
            return inline_markdown(content, marks)
        indent += len(markers[level])
    shown = _written_marker(marker, above)
    if marker:
        markers.append(shown)
    lines = inline_markdown(content, marks).split("\n")
    pad = " " * (indent + len(shown))
    return " " * indent + shown + lines[0] + "".join("\n" + pad + line for line in lines[1:])


def _written_marker(marker: str, above: str | None) -> str:
    """`- ` for a bullet; a number keeps its delimiter when it continues the list above it
    and takes the other one ("." or ")") when a new numbered list starts right after one,
    which Markdown would otherwise read as one list numbered on."""
    if marker in ("", "• "):
        return "- " if marker else ""
    number = int(marker[:-2])
    if above is None or above == "- " or not above[:-2].isdigit():
        return f"{number}. "
    delimiter = above[-2]
    if int(above[:-2]) + 1 != number:
        delimiter = ")" if delimiter == "." else "."
    return f"{number}{delimiter} "


def _table(block: Block) -> str:
    """A GFM table from the aligned rows (a table without a header row gets an empty one)."""
    lines = block.text.split("\n")
    headed = len(lines) > 1 and HEADER_JOINT in lines[1] and not lines[1].strip("─┼ ")
    rows: list[list[str]] = []
    offset = 0
    for number, line in enumerate(lines):
        if not (headed and number == 1):
            rows.append(_cells(line, offset, block.marks, header=headed and number == 0))
        offset += len(line) + 1
    columns = max(len(row) for row in rows)
    if not headed:
        rows.insert(0, [""] * columns)
    rows = [row + [""] * (columns - len(row)) for row in rows]
    rendered = ["| " + " | ".join(row) + " |" for row in rows]
    rendered.insert(1, "|" + "|".join(" --- " for _ in range(columns)) + "|")
    return "\n".join(rendered)


def _cells(line: str, offset: int, marks: Sequence[Mark], *, header: bool) -> list[str]:
    cells: list[str] = []
    at = 0
    for part in _CELL_GAP.split(line):
        text = part.strip()
        start = offset + at + (len(part) - len(part.lstrip()))
        inside = [Mark(m.start - start, m.end - start, m.kind, m.href) for m in marks
                  if start <= m.start and m.end <= start + len(text)
                  and not (header and m.kind == "strong" and m.start == start and m.end == start + len(text))]
        cells.append(inline_markdown(text, inside))
        at += len(part) + len(COLUMN_GAP)
    return cells


def inline_markdown(text: str, marks: Sequence[Mark] = (), *, hard_breaks: bool = True) -> str:
    """`text` with its marks as Markdown and everything else escaped; "\\n" is a hard break
    (with `hard_breaks`, else left a plain line end).

    The result is read back: when emphasis would not parse as emphasis (CommonMark's
    flanking rules, delimiters touching a code span), the emphasis is left out, then
    every mark, so the words always come back exactly as they are."""
    marks = _around_code(text, [m for m in marks if 0 <= m.start < m.end <= len(text)])
    plain_marks = [m for m in marks if m.kind in ("code", "link")]
    for attempt in (marks, plain_marks, []):
        rendered = _render(text, attempt)
        if attempt == [] or _reads_back(rendered, text):
            break
    return rendered.replace("\n", "\\\n") if hard_breaks else rendered


def _reads_back(rendered: str, text: str) -> bool:
    from reader.core.ingest.markdown import inline_tokens
    from reader.core.ingest.markdown_blocks import inline_text

    return inline_text(inline_tokens(rendered.replace("\n", "\\\n")))[0] == text.strip()


def _render(text: str, marks: list[Mark]) -> str:
    bounds = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    out: list[str] = []
    stack: list[Mark] = []
    for start, end in zip(bounds, bounds[1:]):
        active = [m for m in marks if m.start <= start and end <= m.end]
        keep = 0  # how many open marks, from the outside, stay open
        while keep < len(stack) and stack[keep] in active:
            keep += 1
        for mark in reversed(stack[keep:]):
            out.append(_close(mark))
        del stack[keep:]
        for mark in sorted((m for m in active if m not in stack), key=lambda m: (-m.end, m.kind != "link", m.kind)):
            out.append(_open(mark))
            stack.append(mark)
        piece = text[start:end]
        if any(m.kind == "code" for m in stack):
            out.append(_code_span(piece))
        else:
            out.append(_escape(piece, line_start=start == 0 or text[start - 1] == "\n"))
    for mark in reversed(stack):
        out.append(_close(mark))
    return "".join(out)


def passage_markdown(blocks: Sequence[Block], starts: Sequence[int], start: int, end: int) -> str:
    """Article text [start, end) as Markdown with the marks inside it, a blank line between
    blocks (a highlight's quote, drawn as the reader saw it)."""
    parts = []
    for block, at in zip(blocks, starts):
        a, b = max(start, at) - at, min(end, at + len(block.text)) - at
        if a < b:
            parts.append(inline_markdown(block.text[a:b], shift_marks(block.marks, a, b), hard_breaks=False))
    return "\n\n".join(parts)


def _around_code(text: str, marks: list[Mark]) -> list[Mark]:
    """Marks widened so none starts or ends inside inline code (a code span holds no markup),
    and those Markdown cannot say left out."""
    codes = [m for m in marks if m.kind == "code"]
    widened = []
    for mark in marks:
        start, end = mark.start, mark.end
        if mark.kind != "code":
            for code in codes:
                if code.start < start < code.end:
                    start = code.start
                if code.start < end < code.end:
                    end = code.end
        widened.append(Mark(start, end, mark.kind, mark.href))
    return [m for m in widened if (safe_href(m.href) is not None if m.kind == "link" else _flanked(text, m))]


def _flanked(text: str, mark: Mark) -> bool:
    """Whether `*` around the mark's words would be read as emphasis again (CommonMark's
    flanking rules); "Jindrák*,* który" would not, so that mark is left out, never the text changed."""
    if mark.kind == "code":
        return True
    first, last = text[mark.start], text[mark.end - 1]
    before = text[mark.start - 1] if mark.start else " "
    after = text[mark.end] if mark.end < len(text) else " "
    opens = not first.isspace() and (not _punct(first) or before.isspace() or _punct(before))
    closes = not last.isspace() and (not _punct(last) or after.isspace() or _punct(after))
    return opens and closes


def _punct(char: str) -> bool:
    return char in string.punctuation or unicodedata.category(char).startswith(("P", "S"))


def _open(mark: Mark) -> str:
    return "[" if mark.kind == "link" else _SYMBOLS.get(mark.kind, "")


def _close(mark: Mark) -> str:
    if mark.kind == "link":
        href = mark.href or ""
        escaped = re.sub(r"([\\<>&])", r"\\\1", href)  # "&amp;" in an address stays as it is
        return f"]({escaped})" if _PLAIN_DESTINATION.fullmatch(href) else f"](<{escaped}>)"
    return _SYMBOLS.get(mark.kind, "")


def _code_span(text: str) -> str:
    fence = "`" * (_longest_run(text) + 1)
    padded = text.startswith("`") or text.endswith("`") or (text.startswith(" ") and text.endswith(" ") and text.strip())
    return f"{fence} {text} {fence}" if padded else f"{fence}{text}{fence}"


def _longest_run(text: str) -> int:
    return max((len(run) for run in _BACKTICKS.findall(text)), default=0)


def _escape(text: str, *, line_start: bool = False) -> str:
    """Plain text that Markdown reads back as itself."""
    lines = text.split("\n")
    out = []
    for index, line in enumerate(lines):
        line = _ALWAYS.sub(r"\\\1", line)
        if (index or line_start) and (found := _LINE_START.match(line)):
            head, symbol = found.group(1), found.group(2)
            rest = line[found.end():]
            line = head + ("\\" + symbol if not symbol.isdigit() else symbol + "\\") + rest
        out.append(line)
    return "\n".join(out).replace("!\\[", "\\!\\[")
