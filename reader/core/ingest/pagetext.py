"""A web page's visible text in reading order, with where each element starts in it: what
"next to the headline" means when looking for a byline or a date.

Where the page breaks the line (a block element's edge, a <br>) the text has a line
break, not a space: a byline's names end there, and the date on the next line is not
glued to them ("Amelie Marie Nishizawa" / "Feb 8, 2020").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.html import HtmlElement

HIDDEN = frozenset({"script", "style", "noscript", "template", "head", "title", "svg", "iframe", "select", "option"})
BREAKING = frozenset({
    "p", "div", "section", "article", "header", "footer", "aside", "nav", "main", "h1", "h2", "h3", "h4", "h5", "h6",
    "li", "ul", "ol", "dl", "dt", "dd", "table", "tr", "td", "th", "blockquote", "pre", "figure", "figcaption",
    "address", "form", "fieldset", "details", "summary", "hr", "br", "body", "html",
})
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))  # soft hyphens, zero widths


@dataclass
class PageText:
    """The page's text (runs of white space as one space, a line break where the page
    breaks the line) and each element's start in it."""

    text: str
    starts: dict[HtmlElement, int] = field(default_factory=dict)

    @classmethod
    def of(cls, tree: HtmlElement) -> PageText:
        """The text of `tree` (a page, or one element of it)."""
        parts: list[str] = []
        starts: dict[HtmlElement, int] = {}
        length = 0

        def add(raw: str | None) -> None:
            nonlocal length
            if raw:
                piece = " ".join(raw.translate(_INVISIBLE).split())
                if piece:
                    parts.append(piece + " ")
                    length += len(piece) + 1

        def line_break() -> None:
            if parts and parts[-1][-1] == " ":
                parts[-1] = parts[-1][:-1] + "\n"

        stack: list[tuple[HtmlElement, bool]] = [(tree, False)]
        while stack:
            el, closing = stack.pop()
            tag = el.tag.lower() if isinstance(el.tag, str) else ""
            if closing:
                if tag in BREAKING:
                    line_break()
                if el is not tree:  # the text after the element is not its own ("Anna Roe" + " Maritime Desk")
                    add(el.tail)
                continue
            starts[el] = length
            stack.append((el, True))
            if tag in HIDDEN or not tag:
                continue
            if tag in BREAKING:
                line_break()
            add(el.text)
            stack.extend((child, False) for child in reversed(el))
        return cls("".join(parts), starts)

    def find(self, text: str, words: int) -> int:
        """Where the first `words` words of `text` start in the page's text (-1: nowhere)."""
        head = text.split()[:words]
        if not head:
            return -1
        match = re.search(r"\s+".join(map(re.escape, head)), self.text)
        return match.start() if match else -1

    def around(self, el: HtmlElement, before: int, after: int) -> tuple[str, str]:
        """The text just before `el` and from its start on."""
        start = self.starts.get(el, 0)
        return self.text[max(0, start - before) : start], self.text[start : start + after]

    def distance(self, anchor: HtmlElement, el: HtmlElement) -> int | None:
        """How far (characters) `el` starts after `anchor` (negative: before it)."""
        if anchor not in self.starts or el not in self.starts:
            return None
        return self.starts[el] - self.starts[anchor]


def lines(el: HtmlElement) -> list[str]:
    """An element's text as the page shows it, one item per line."""
    return [line.strip() for line in PageText.of(el).text.split("\n") if line.strip()]


def visible(raw: str | None) -> str:
    """Text as shown: soft hyphens and zero-width characters out, white space collapsed."""
    return " ".join((raw or "").translate(_INVISIBLE).split())
