"""Links in an article: which addresses may be kept, shown or opened, and how they are numbered.

A page's link can point anywhere (`javascript:`, `file:`, a data URL, an address with
an escape sequence in it). Only http(s) and mailto addresses are kept at ingest, and
they are checked again before anything shows or opens them, since a body may also come
from an older library or a hand-edited import.

Links are numbered 1..N in text order over the whole article, one number per
occurrence: the reading view, the panel's Links tab and `reader show --links` use the
same numbers because they all come from `numbered_links`.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass

from reader.core.model import Block
from reader.core.patterns import regex
from reader.core.sanitize import count_unsafe, sanitize
from reader.core.urls import url_problem

MAX_HREF = 2048
_SPACE = regex(r"\s")
_INVISIBLE = regex(r"[\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u2028-\u202f\u2060-\u206f\ufeff\ufff0-\ufff8]")


def safe_href(raw: object, base: str | None = None) -> str | None:
    """`raw` as an absolute http(s) or mailto address safe to show and open, else None.

    Relative addresses are resolved against `base` (None without one); white space
    inside is percent-encoded, as browsers do; anything with control or invisible
    characters, another scheme, or over MAX_HREF characters is refused."""
    if not isinstance(raw, str) or count_unsafe(raw) or _INVISIBLE.search(raw):
        return None
    href = sanitize(raw).strip()
    if not href or len(href) > MAX_HREF:
        return None
    href = _SPACE.sub(lambda m: urllib.parse.quote(m.group()), href)
    if base:
        try:
            href = urllib.parse.urljoin(base, href)
        except ValueError:
            return None
    scheme = href.partition(":")[0].lower()
    if scheme == "mailto":
        address = href[len("mailto:"):]
        return href if address and "@" in address and url_problem("http://x/" + address) is None else None
    if scheme not in ("http", "https") or url_problem(href) is not None:
        return None
    try:
        urllib.parse.urlsplit(href).port  # noqa: B018 - raises for a port that is not a number
    except ValueError:
        return None
    return href


@dataclass(frozen=True)
class NumberedLink:
    """One link of an article: its number, its block, its [start, end) in that block's text."""

    number: int
    block: int
    start: int
    end: int
    href: str
    text: str


def numbered_links(blocks: Sequence[Block]) -> list[NumberedLink]:
    """Every link whose address is safe, numbered from 1 in text order."""
    found: list[NumberedLink] = []
    for index, block in enumerate(blocks):
        for mark in sorted(block.links(), key=lambda m: (m.start, m.end)):
            href = safe_href(mark.href)
            if href is None:
                continue
            text = " ".join(block.text[mark.start : mark.end].split())
            found.append(NumberedLink(len(found) + 1, index, mark.start, mark.end, href, text))
    return found
