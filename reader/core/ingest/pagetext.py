"""A web page's visible text in reading order, with where each element starts in it: what
"next to the headline" means when looking for a byline or a date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.html import HtmlElement

HIDDEN = frozenset({"script", "style", "noscript", "template", "head", "title", "svg", "iframe", "select", "option"})
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))  # soft hyphens, zero widths


@dataclass
class PageText:
    """The page's text (runs of white space as one space) and each element's start in it."""

    text: str
    starts: dict[HtmlElement, int] = field(default_factory=dict)

    @classmethod
    def of(cls, tree: HtmlElement) -> PageText:
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

        stack: list[tuple[HtmlElement, bool]] = [(tree, False)]
        while stack:
            el, closing = stack.pop()
            if closing:
                add(el.tail)
                continue
            tag = el.tag if isinstance(el.tag, str) else ""
            starts[el] = length
            stack.append((el, True))
            if tag.lower() in HIDDEN or not tag:
                continue
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


def visible(raw: str | None) -> str:
    """Text as shown: soft hyphens and zero-width characters out, white space collapsed."""
    return " ".join((raw or "").translate(_INVISIBLE).split())
