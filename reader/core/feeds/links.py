"""The feeds a web page names: its `<link rel="alternate">` elements of a feed's type.

This is how every feed reader finds a site's feed from one of its pages (RSS/Atom
autodiscovery). The links are read in the order the page gives them, made absolute
against the page's address (or its `<base href>`), each once. A link typed plain
`application/json` counts only when the page names no other: JSON Feed 1.0 used that
type, but so do the REST API links WordPress puts on every page.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass
from html.parser import HTMLParser

LINK_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json"})
WEAK_TYPES = frozenset({"application/json"})
_HEAD_LIMIT = 1_000_000  # the links are in the head; a huge page is not read to its end for them


@dataclass(frozen=True)
class FeedLink:
    url: str
    title: str  # "" when the link has none


def feed_links(html: str, base: str) -> list[FeedLink]:
    """The feeds `html` (a page fetched from `base`) names, first named first."""
    end = html.lower().find("</head>")
    reader = _LinkReader()
    try:
        reader.feed(html[: end if end >= 0 else _HEAD_LIMIT])
        reader.close()
    except Exception:  # noqa: BLE001 - a page the parser chokes on names the links read so far
        pass
    if reader.base:
        base = _joined(base, reader.base) or base
    strong = [link for link, kind in reader.links if kind in LINK_TYPES]
    chosen = strong or [link for link, kind in reader.links if kind in WEAK_TYPES]
    found: dict[str, FeedLink] = {}
    for href, title in chosen:
        url = _joined(base, href)
        if url and url not in found:
            found[url] = FeedLink(url, " ".join(title.split()))
    return list(found.values())


class _LinkReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[tuple[str, str], str]] = []  # ((href, title), type)
        self.base: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): (value or "").strip() for name, value in attrs}
        if tag == "base" and self.base is None and values.get("href"):
            self.base = values["href"]
        if tag != "link" or "alternate" not in values.get("rel", "").lower().split():
            return
        kind = values.get("type", "").partition(";")[0].strip().lower()
        if values.get("href"):
            self.links.append(((values["href"], values.get("title", "")), kind))

    handle_startendtag = handle_starttag


def _joined(base: str, href: str) -> str | None:
    try:
        return urllib.parse.urljoin(base, href.strip())
    except ValueError:
        return None
