"""Feed bytes -> entries, through feedparser.

feedparser reads RSS 0.9x, 1.0 (RDF) and 2.0 and Atom alike, guesses encodings that are
declared wrongly, and still reads most malformed XML (it then sets `bozo`). What it could
read with trouble comes back with a warning; what it could not read at all is a
`FeedError` with a reason for the user.
"""

from __future__ import annotations

import calendar
import html
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from html.parser import HTMLParser
from typing import Any

import feedparser

from reader.core.model import Block, count_words
from reader.core.sanitize import sanitize

# An entry whose body has fewer words than this is taken for a teaser, not the article.
SHORT_WORDS = 80


class FeedError(Exception):
    """A feed that could not be fetched or read, and why, in words for the user."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.url}: {self.reason}"


@dataclass
class FeedEntry:
    id: str  # the guid/id, else the link
    link: str | None
    title: str
    author: str | None
    published: date | None
    summary: str  # HTML or text, as the feed gave it
    content: str  # the full content, when the feed carries it ("" otherwise)

    @property
    def body(self) -> str:
        return self.content or self.summary

    @property
    def has_full_text(self) -> bool:
        """Content that is the article, not a summary: given as content, or long enough.

        Atom marks a summary as such; RSS's <description> may hold either, so there its
        length decides.
        """
        words = count_words(html_text(self.body))
        return words >= SHORT_WORDS and (bool(self.content) or self.summary_may_be_full)

    summary_may_be_full: bool = True


@dataclass
class ParsedFeed:
    title: str
    site_url: str | None
    version: str  # "rss20", "atom10", "rss10", ...
    entries: list[FeedEntry]
    warnings: list[str] = field(default_factory=list)


def parse_feed(body: bytes | str, *, url: str = "", content_type: str | None = None) -> ParsedFeed:
    """Read a feed document; raise FeedError when it is not one feedparser can read."""
    headers = {"content-type": content_type} if content_type else {}
    if isinstance(body, str):
        body = body.encode("utf-8")
    if not body.strip():
        raise FeedError(url, "the feed is empty")
    data: Any = feedparser.parse(body, response_headers=headers, sanitize_html=True, resolve_relative_uris=True)
    warnings: list[str] = []
    problem = data.get("bozo_exception")
    if not data.get("version") and not data.entries:
        reason = f" ({_reason(problem)})" if problem is not None else ""
        raise FeedError(url, f"not an RSS, Atom or RDF feed{reason}")
    if data.get("bozo") and problem is not None:
        if isinstance(problem, feedparser.CharacterEncodingOverride):
            warnings.append(f"the feed is not in the encoding it declares; read as {data.get('encoding', 'guessed')}")
        else:
            warnings.append(f"malformed feed, read anyway ({_reason(problem)})")
    info = data.feed
    version = data.get("version") or ""
    is_atom = version.startswith("atom")
    entries = [_entry(e, is_atom) for e in data.entries]
    return ParsedFeed(
        title=_plain(info.get("title", "")),
        site_url=info.get("link") or None,
        version=version,
        entries=entries,
        warnings=warnings,
    )


def _reason(problem: BaseException) -> str:
    text = str(problem).strip() or type(problem).__name__
    return text.splitlines()[0][:200]


def _entry(e: Any, is_atom: bool) -> FeedEntry:
    content = ""
    for part in e.get("content") or []:
        value = part.get("value") or ""
        if len(value) > len(content):
            content = value
    summary = e.get("summary") or ""
    link = e.get("link") or None
    return FeedEntry(
        id=e.get("id") or link or e.get("title") or "",
        link=link,
        title=_plain(e.get("title", "")) or "Untitled",
        author=_plain(e.get("author", "")) or None,
        published=_date(e.get("published_parsed") or e.get("updated_parsed") or e.get("created_parsed")),
        summary=summary,
        content=content,
        summary_may_be_full=not is_atom,
    )


def _date(parsed: Any) -> date | None:
    if not parsed:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), tz=timezone.utc).date()
    except (OverflowError, ValueError, TypeError):
        return None


def _plain(text: str) -> str:
    return sanitize(" ".join(html.unescape(html_text(text)).split()))


# -- a small HTML -> blocks conversion, for feed bodies too short for an extractor ---------

_BLOCK_TAGS = {
    "p": "paragraph", "div": "paragraph", "li": "paragraph", "br": None, "tr": "paragraph",
    "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading", "h6": "heading",
    "blockquote": "blockquote", "figcaption": "caption", "section": "paragraph", "article": "paragraph",
    "ul": "paragraph", "ol": "paragraph", "table": "paragraph", "pre": "paragraph",
}
_SKIP_TAGS = {"script", "style", "noscript", "template", "iframe", "svg", "head"}


class _Blocks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []
        self.kind = "paragraph"
        self.text: list[str] = []
        self.skip = 0

    def flush(self) -> None:
        text = " ".join("".join(self.text).split())
        if text:
            self.blocks.append((self.kind, text))
        self.text = []
        self.kind = "paragraph"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skip += 1
        elif tag in _BLOCK_TAGS:
            self.flush()
            self.kind = _BLOCK_TAGS[tag] or "paragraph"

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK_TAGS:
            kind = _BLOCK_TAGS[tag]
            if kind:
                self.kind = kind
            self.flush()

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.text.append(data)


_TAG = re.compile(r"<[^>]*>")


def html_blocks(markup: str) -> list[Block]:
    """Paragraphs, headings and quotes of an HTML fragment (or plain text, one per line)."""
    if not _TAG.search(markup):
        parts = [" ".join(p.split()) for p in re.split(r"\n\s*\n", markup)]
        return [Block("paragraph", sanitize(p)) for p in parts if p]
    parser = _Blocks()
    parser.feed(markup)
    parser.close()
    parser.flush()
    blocks = []
    for kind, text in parser.blocks:
        text = sanitize(text).strip()
        if text:
            blocks.append(Block(kind, text))  # type: ignore[arg-type]
    return blocks


def html_text(markup: str) -> str:
    return "\n\n".join(b.text for b in html_blocks(markup)) if markup else ""
