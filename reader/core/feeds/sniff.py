"""What a document is, from its first bytes: a feed, a web page, an OPML list, or other.

A look at the start of the text, with no parser and no heavy import: `reader add` uses it
to say "this is a feed" instead of "not a web page", and `reader feed add` to tell an OPML
file from a feed file before reading either.
"""

from __future__ import annotations

import re

# Media types that say "feed" whatever the document looks like.
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json"})
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_ROOTS = frozenset({"rss", "feed", "rdf"})  # RSS 0.9x/2.0, Atom, RSS 1.0 (<rdf:RDF>)
PAGE_ROOTS = frozenset({"html", "head", "body"})
_SNIFF = 8192
# The prolog before the root element: declaration, processing instructions, comments, doctype.
_ROOT = re.compile(
    r"\A\ufeff?\s*(?:(?:<\?.*?\?>|<!--.*?-->|<!doctype\b[^>\[]*(?:\[.*?\])?[^>]*>)\s*)*<([A-Za-z_][\w.:-]*)",
    re.IGNORECASE | re.DOTALL,
)
_HTML_DOCTYPE = re.compile(r"\A\ufeff?\s*(?:<!--.*?-->\s*)*<!doctype\s+html\b", re.IGNORECASE | re.DOTALL)
_JSON_FEED = re.compile(r'"version"\s*:\s*"https?://jsonfeed\.org/version/', re.IGNORECASE)


def root_element(text: str) -> str | None:
    """The root element's local name, lower case ('rss', 'feed', 'rdf', 'html', 'opml'), or
    None when the text does not open as markup."""
    found = _ROOT.match(text[:_SNIFF])
    return found.group(1).rsplit(":", 1)[-1].lower() if found else None


def head_text(body: bytes) -> str:
    """The first bytes as text, enough to sniff (UTF-16 by its BOM, else UTF-8 leniently)."""
    head = body[:_SNIFF]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="replace")
    return head.decode("utf-8", errors="replace")


def looks_like_feed(body: bytes, content_type: str = "") -> bool:
    """Whether a response is a feed: by its media type, else by its root element or, for JSON,
    its JSON Feed version."""
    media = content_type.partition(";")[0].strip().lower()
    if media in FEED_TYPES:
        return True
    if media in HTML_TYPES:
        return False
    text = head_text(body)
    return root_element(text) in FEED_ROOTS or bool(text.lstrip().startswith("{") and _JSON_FEED.search(text))


def looks_like_page(text: str, media_type: str = "") -> bool:
    """Whether a document that is not a feed is a web page (by its media type or its root)."""
    return media_type in HTML_TYPES or root_element(text) in PAGE_ROOTS or bool(_HTML_DOCTYPE.match(text[:_SNIFF]))
