"""Web pages -> Articles: the article body and its metadata, without the page's chrome.

Extraction is trafilatura's job (it is built for exactly this: main text vs navigation,
teasers, bios, cookie banners; metadata from JSON-LD, OpenGraph and <meta>). We ask for
its XML output so headings, paragraphs, lists and quotes stay apart, then flatten that to
reader's plain blocks. trafilatura is imported on first use: it is slow to import and
`reader ls` should not pay for it.
"""

from __future__ import annotations

import codecs
import re
import urllib.parse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from reader.core.ingest.files import IngestError, decode
from reader.core.ingest.text import derive_title, parse_date
from reader.core.model import Article, Block, BlockKind
from reader.core.net import Fetched, FetchError, fetch, is_http_url, shown_url
from reader.core.sanitize import count_unsafe, sanitize

if TYPE_CHECKING:
    from lxml.etree import _Element

    from reader.core.ingest import Imported

__all__ = ["HTML_SUFFIXES", "load_html", "load_url", "looks_like_html"]

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
MIN_BODY_WORDS = 10  # fewer words than this outside headings: not an article
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_HTML_START = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                         re.IGNORECASE | re.DOTALL)


def load_html(
    html: bytes | str, *, url: str | None = None, path: Path | None = None
) -> Imported:
    """Extract the article in `html` (a page fetched from `url`, or read from `path`).

    The article's url is the page's canonical URL when it names one, else `url`; its id
    derives from that URL. Raises IngestError when the page has no article text.
    """
    from reader.core.ingest import Imported

    where: str | Path = url or path or "<html>"
    warnings: list[str] = []
    if isinstance(html, bytes):
        html, warnings = _decode(html, None, where)
    if not html.strip():
        raise IngestError(where, "empty page")
    doc = _extract(html, url)
    if doc is None:
        raise IngestError(where, "no article text found on the page")
    main = doc.find("main")
    blocks, unsafe = _blocks(main if main is not None else doc)
    title_raw = doc.get("title") or ""
    unsafe += count_unsafe(title_raw)
    title = _clean(title_raw)
    if title and blocks and blocks[0].kind == "heading" and _same(blocks[0].text, title):
        blocks = blocks[1:]  # the headline is the title; it is not shown twice
    body_words = sum(len(b.text.split()) for b in blocks if b.kind != "heading")
    if body_words < MIN_BODY_WORDS:
        raise IngestError(where, "no article text found on the page")
    canonical = _http_url(doc.get("url"), base=url)
    article_url = canonical or (url if url and _http_url(url) else None)
    source = _clean(doc.get("sitename") or "") or _hostname(article_url)
    article = Article.create(
        title or derive_title(blocks),
        blocks,
        author=_author(doc.get("author")),
        source=source or None,
        url=article_url,
        published=_date(doc.get("date")),
    )
    if unsafe:
        warnings.append(f"removed {unsafe} control or bidi character{'s' * (unsafe != 1)}")
    return Imported(article, warnings)


def load_url(url: str, fetch: Callable[..., Fetched] = fetch) -> Imported:
    """Fetch `url` and import the web page there; IngestError for failures and non-HTML."""
    try:
        got = fetch(url)
    except FetchError as exc:
        raise IngestError(shown_url(exc.url), exc.reason) from None
    if got.not_modified:
        raise IngestError(url, "the server answered 304 Not Modified to a plain request")
    ctype = got.content_type
    if ctype and ctype not in HTML_TYPES and not (
        ctype in ("text/plain", "application/octet-stream") and looks_like_html(got.body)
    ):
        raise IngestError(url, f"not a web page (content type {ctype})")
    if not ctype and not looks_like_html(got.body):
        raise IngestError(url, "not a web page (no content type, and it does not look like HTML)")
    if not got.body.strip():
        raise IngestError(url, "empty page")
    text, warnings = _decode(got.body, got.charset, url)
    imported = load_html(text, url=got.url)
    imported.warnings[:0] = warnings
    return imported


def looks_like_html(data: bytes) -> bool:
    """True when the first bytes open an HTML document."""
    return bool(_HTML_START.match(data[:4096]))


# -- decoding -------------------------------------------------------------------------


def _decode(data: bytes, charset: str | None, where: str | Path) -> tuple[str, list[str]]:
    """The HTTP charset, else a <meta> charset, else UTF-8 (or Windows-1252 with a warning)."""
    for candidate in (charset, _meta_charset(data)):
        name = _codec(candidate)
        if name:
            if name in ("utf-8", "utf-8-sig") or name.startswith("utf-16"):
                break  # a BOM or real UTF-8 check below does better than trusting the label
            return data.decode(name, errors="replace"), []
    return decode(data, where)


def _meta_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:8192])
    return m.group(1).decode("ascii", "replace") if m else None


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("'\"")).name
    except LookupError:
        return None
    # The web's "latin-1"/"ascii" labels mean Windows-1252 (WHATWG Encoding standard).
    if name in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"
    return name


# -- extraction -----------------------------------------------------------------------


def _extract(html: str, url: str | None) -> _Element | None:
    import trafilatura
    from lxml import etree

    xml = trafilatura.extract(
        html,
        url=url,
        output_format="xml",
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        favor_precision=True,
        deduplicate=False,
    )
    if not xml:
        return None
    try:
        return etree.fromstring(xml.encode("utf-8"), parser=etree.XMLParser(recover=True))
    except etree.XMLSyntaxError:
        return None


def _blocks(root: _Element) -> tuple[list[Block], int]:
    """trafilatura's XML elements as reader blocks, and how many unsafe characters went."""
    blocks: list[Block] = []
    unsafe = 0

    def add(kind: BlockKind, raw: str) -> None:
        nonlocal unsafe
        unsafe += count_unsafe(raw)
        text = _clean(raw)
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
                    cells = [_clean(_text(c)) for c in row if isinstance(c.tag, str)]
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


def _clean(text: str) -> str:
    text = sanitize(text)
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _author(raw: str | None) -> str | None:
    if not raw:
        return None
    names = [_clean(n) for n in raw.split(";")]
    names = [n for n in names if n]
    return ", ".join(dict.fromkeys(names)) or None


def _date(raw: str | None) -> date | None:
    if not raw:
        return None
    try:
        return date.fromisoformat(raw.strip()[:10])
    except ValueError:
        return parse_date(raw)


def _http_url(raw: str | None, *, base: str | None = None) -> str | None:
    """`raw` made absolute, if that is a well-formed http(s) URL: a page's canonical link
    can be anything, and a malformed one must not become the article's URL (or a crash)."""
    if not raw:
        return None
    try:
        full = urllib.parse.urljoin(base, raw.strip()) if base else raw.strip()
    except ValueError:
        return None
    return full if is_http_url(full) else None


def _hostname(url: str | None) -> str | None:
    if not url:
        return None
    host = urllib.parse.urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None
