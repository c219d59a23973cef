"""Feed bytes -> entries: RSS 0.9x/1.0 (RDF)/2.0 and Atom through feedparser, JSON Feed here.

A well-formed feed in the common forms is read by `fastxml` instead, which gives exactly what
feedparser gives for it (or None, and feedparser reads it) in a sixth of the time.

The bytes are decoded first, by the one decoder pages use (`ingest.encoding`): a feed's
declared encoding is often wrong and many declare none, and feedparser, left to itself,
reads what is not UTF-8 as Windows-1252 (KOI8-R or EUC-JP became mojibake). feedparser
then gets UTF-8 that says so, and reads the structure: it still reads most malformed XML
(it sets `bozo`), which comes back as a warning. What is not a feed at all is a
`FeedError` with a reason for the user, in words rather than the parser's ("malformed XML
at line 2"); a web page is a `WebPageError` that carries the feeds the page names.

feedparser neither sanitises nor resolves the entries' HTML here (two passes of its own
HTML parser over every entry, ~40% of a parse): an entry's HTML is read once, by the
conversion pages go through (`html_blocks`), which keeps only text and marks, drops
scripts, styles, embedded objects and every attribute but a link's target, keeps only
http(s) and mailto links, and drops control characters (ESC included). Nothing else of
the HTML is kept, in the library or on screen. Relative links are read against the base
feedparser found for the entry (xml:base, else the feed's address), as it did itself.
"""

from __future__ import annotations

import calendar
import html
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any

from reader.core.feeds.links import FeedLink, feed_links
from reader.core.feeds.sniff import looks_like_page, root_element
from reader.core.model import Block, count_words
from reader.core.sanitize import sanitize

# An entry whose body has fewer words than this is taken for a teaser, not the article.
SHORT_WORDS = 80
JSON_TYPES = frozenset({"application/feed+json", "application/json"})
_XML_DECLARATION = re.compile(r"\A(\s*<\?xml\b[^>]*?)\bencoding\s*=\s*([\"'])[^\"']*\2", re.IGNORECASE)


class FeedError(Exception):
    """A feed that could not be fetched or read, and why, in words for the user."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.url}: {self.reason}"


class OpmlListError(FeedError):
    """An OPML list of feeds where a feed was expected, with its text (`reader feed add` of its
    address subscribes to the feeds it lists)."""

    def __init__(self, url: str, text: str) -> None:
        super().__init__(url, "not a feed: it is an OPML list of feeds (`reader feed add` of it subscribes to them)")
        self.text = text


class WebPageError(FeedError):
    """A web page where a feed was expected, with the feeds it names (`links`)."""

    def __init__(self, url: str, links: list[FeedLink]) -> None:
        if links:
            reason = f"not a feed: it is a web page; it names the feed {links[0].url}"
        else:
            reason = "not a feed: it is a web page with no feed link"
        super().__init__(url, reason)
        self.links = links


@dataclass
class FeedEntry:
    id: str  # the entry's guid/id as the feed gives it ("" when it has none)
    link: str | None
    title: str  # "" when the entry has none
    author: str | None
    published: date | None
    summary: str  # HTML, as the feed gave it
    content: str  # the full content, when the feed carries it ("" otherwise)
    summary_may_be_full: bool = True  # RSS's <description> may hold the article; Atom's summary never
    base: str | None = None  # what relative links in its HTML are read against (its xml:base), else its link
    id_text: str | None = None  # what its content id hashes, when not f"{content}\n{summary}" (`entries`)
    # What the refresh reads of it, worked out once (`convert`, in a parse worker for a big feed):
    converted: list[Block] | None = field(default=None, repr=False, compare=False)  # `blocks`
    full_text: bool | None = field(default=None, repr=False, compare=False)  # `has_full_text`
    web_link: bool | None = field(default=None, repr=False, compare=False)  # `link_is_http`

    @property
    def body(self) -> str:
        return self.content or self.summary

    @property
    def blocks(self) -> list[Block]:
        """Its body as blocks, converted once: planning (is it the full text?), the article
        and the messages all read these."""
        if self.converted is None:
            self.converted = html_blocks(self.body, self.base or self.link)
        return self.converted

    def convert(self) -> None:
        """Work out now what the refresh reads of it: its blocks and the two checks below."""
        self.full_text, self.web_link = self.has_full_text, self.link_is_http

    @property
    def has_full_text(self) -> bool:
        """Content that is the article, not a summary: given as content, or long enough."""
        if self.full_text is None:
            words = count_words("\n\n".join(b.text for b in self.blocks))
            self.full_text = words >= SHORT_WORDS and (bool(self.content) or self.summary_may_be_full)
        return self.full_text

    @property
    def link_is_http(self) -> bool:
        """Its link is an http(s) address reader may fetch and keep."""
        if self.web_link is None:
            from reader.core.urls import is_http_url

            self.web_link = bool(self.link) and is_http_url(self.link or "")
        return self.web_link


@dataclass
class ParsedFeed:
    title: str
    site_url: str | None
    version: str  # "rss20", "atom10", "rss10", "json11", ...
    entries: list[FeedEntry]
    warnings: list[str] = field(default_factory=list)
    encoding: str = "utf-8"  # the codec its bytes were read with


def parse_feed(body: bytes | str, *, url: str = "", content_type: str | None = None,
               base: str | None = None, fast: bool = True) -> ParsedFeed:
    """Read a feed document; raise FeedError when it is not one reader can read (WebPageError
    for a web page).

    `content_type` is the HTTP Content-Type, charset and all; `base` the address relative
    links are read against (the final one, after redirects), `url` by default. `fast=False`
    leaves every XML feed to feedparser (what the fast path is checked against)."""
    from reader.core.ingest.encoding import decode_bytes, xml_encoding
    from reader.core.ingest.files import IngestError

    if isinstance(body, str):
        body = body.encode("utf-8")
    if not body.strip():
        raise FeedError(url, "the feed is empty")
    media_type, charset = _media_type(content_type)
    try:
        decoded = decode_bytes(body, [charset, xml_encoding(body)], url or "<feed>")
    except IngestError as error:
        raise FeedError(url, f"not a feed ({error.reason})") from None
    text = decoded.text.lstrip("\ufeff")
    if media_type in JSON_TYPES or text.lstrip().startswith("{"):
        from reader.core.feeds.jsonfeed import parse_json_feed

        parsed = parse_json_feed(text, url=url)
    else:
        parsed = _parse_xml(text, url, base or url, media_type, fast)
    parsed.warnings[:0] = decoded.warnings
    parsed.encoding = decoded.encoding
    return parsed


def _media_type(content_type: str | None) -> tuple[str, str | None]:
    if not content_type:
        return "", None
    media, _, params = content_type.partition(";")
    found = re.search(r"""charset\s*=\s*["']?\s*([^"';\s]+)""", params, re.IGNORECASE)
    return media.strip().lower(), found.group(1) if found else None


def _parse_xml(text: str, url: str, base: str, media_type: str, fast: bool = True) -> ParsedFeed:
    # The text is decoded already: feedparser gets it as UTF-8 that says so, and reads it as that.
    if _XML_DECLARATION.match(text):
        text = _XML_DECLARATION.sub(r'\1encoding="utf-8"', text, count=1)
    if fast:
        from reader.core.feeds import fastxml

        # A well-formed RSS 2.0, RSS 1.0 or Atom feed read as feedparser would, ~6x faster; None when unsure.
        raw = fastxml.read_feed(text, base)
        if raw is not None:
            entries = [_entry(e, raw.version.startswith("atom")) for e in raw.entries]
            if not _hashes_text(entries):  # those ids come from feedparser's sanitiser: left to it
                return _feed(raw.feed, raw.version, entries, [])
    import feedparser

    headers = {"content-type": "application/xml; charset=utf-8"}
    if base:
        headers["content-location"] = base  # the base for relative links
    data: Any = feedparser.parse(text.encode("utf-8"), response_headers=headers, sanitize_html=False,
                                 resolve_relative_uris=False)
    problem = data.get("bozo_exception")
    if not data.get("version") and not data.entries:
        if looks_like_page(text, media_type):
            raise WebPageError(url, feed_links(text, base))
        if root_element(text) == "opml":
            raise OpmlListError(url, text)
        raise FeedError(url, _not_a_feed(text, problem))
    warnings = [f"malformed feed, read anyway ({_reason(problem, text)})"] if data.get("bozo") and problem else []
    info = data.feed
    version = data.get("version") or ""
    is_atom = version.startswith("atom")
    entries = [_entry(e, is_atom) for e in data.entries]
    if _hashes_text(entries):
        _keep_id_texts(entries, text, headers)
    return _feed(info, version, entries, warnings)


def _feed(info: Any, version: str, entries: list[FeedEntry], warnings: list[str]) -> ParsedFeed:
    return ParsedFeed(
        title=plain(info.get("title", "")),
        site_url=info.get("link") or None,
        version=version,
        entries=entries,
        warnings=warnings,
    )


def _hashes_text(entries: list[FeedEntry]) -> bool:
    """Whether an entry's id is a hash of its text: no guid, and no link or one it shares."""
    links = [e.link for e in entries if e.link]
    shared = len(links) != len(set(links))
    return any(not e.id and (not e.link or shared) for e in entries)


def _keep_id_texts(entries: list[FeedEntry], text: str, headers: dict[str, str]) -> None:
    """The text an entry's content id was made of before reader stopped asking feedparser
    to sanitise (its cleaned HTML): such an entry keeps its id, and is not imported again.
    Only for feeds with an entry that has neither guid nor link of its own (rare)."""
    import feedparser

    cleaned = feedparser.parse(text.encode("utf-8"), response_headers=headers, sanitize_html=True,
                               resolve_relative_uris=True).entries
    if len(cleaned) != len(entries):
        return
    for entry, old in zip(entries, cleaned):
        was = _entry(old, False)
        if (was.content, was.summary) != (entry.content, entry.summary):
            entry.id_text = f"{was.content}\n{was.summary}"


def _not_a_feed(text: str, problem: BaseException | None) -> str:
    """Why a document feedparser found nothing in is not a feed, in the user's words."""
    root = root_element(text)
    if root is not None and _line(problem, text) is None:
        return f"not a feed: an XML document whose root element is <{root}>, not <rss>, <feed> or <rdf:RDF>"
    if not text.lstrip().startswith("<"):
        return "not a feed: it is neither XML nor JSON"
    return f"not a feed ({_reason(problem, text)})" if problem is not None else "not a feed"


def _reason(problem: BaseException, text: str) -> str:
    """The parser's complaint as a user reads it: where the XML breaks, not the parser's words."""
    line = _line(problem, text)
    if line is not None:
        return f"malformed XML at line {line}"
    words = str(problem).strip() or type(problem).__name__
    return words.splitlines()[0][:200]


def _line(problem: BaseException | None, text: str) -> int | None:
    """The line of the document an XML parse error is on (feedparser puts an XML declaration
    on a line of its own in front of a document that has none)."""
    get_line = getattr(problem, "getLineNumber", None)
    if get_line is None:
        return None
    try:
        line = int(get_line())
    except (TypeError, ValueError):
        return None
    return max(1, line - (0 if text.startswith("<?xml") else 1))


def _entry(e: Any, is_atom: bool) -> FeedEntry:
    content, base = "", None
    for part in e.get("content") or []:
        value = part.get("value") or ""
        if len(value) > len(content):
            content, base = value, part.get("base")
    if not content:
        base = (e.get("summary_detail") or {}).get("base")
    return FeedEntry(
        id=str(e.get("id") or "").strip(),
        link=(e.get("link") or "").strip() or None,
        title=plain(e.get("title", "")),
        author=plain(e.get("author", "")) or None,
        published=_date(e.get("published_parsed") or e.get("updated_parsed") or e.get("created_parsed")),
        summary=e.get("summary") or "",
        content=content,
        summary_may_be_full=not is_atom,
        base=base or None,
    )


def _date(parsed: Any) -> date | None:
    if not parsed:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), tz=timezone.utc).date()
    except (OverflowError, ValueError, TypeError):
        return None


def plain(text: str) -> str:
    """A title or a name as one line of plain text (feeds put HTML and entities in them)."""
    return sanitize(" ".join(html.unescape(html_text(text)).split()))


def html_blocks(markup: str, base_url: str | None = None) -> list[Block]:
    """An entry's HTML (or plain text) as blocks, through the conversion pages go through:
    headings, lists, code, tables, quotes, emphasis and links kept."""
    from reader.core.ingest.structure import blocks_from_html

    return blocks_from_html(without_controls(markup), base_url) if markup and markup.strip() else []


def without_controls(markup: str) -> str:
    """`markup` without C0 control characters, raw or as character references (`&#27;`):
    lxml refuses to move such text when it drops an element (a script before an ESC made
    the whole feed fail), and none of them may reach the screen anyway."""
    if "&#" in markup:
        markup = _CHARACTER_REFERENCE.sub(_keep_unless_control, markup)
    return _RAW_CONTROL.sub("", markup)


def _keep_unless_control(found: re.Match[str]) -> str:
    digits = found.group(1)
    try:
        value = int(digits[1:], 16) if digits[0] in "xX" else int(digits)
    except ValueError:
        return found.group()
    return "" if value < 0x20 and value not in (0x09, 0x0A, 0x0D) else found.group()


_CHARACTER_REFERENCE = re.compile(r"&#([xX][0-9a-fA-F]{1,8}|[0-9]{1,10});?")
_RAW_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def html_text(markup: str) -> str:
    return "\n\n".join(b.text for b in html_blocks(markup)) if markup else ""
