"""Web pages -> Articles: the article body and its metadata, without the page's chrome.

The page is parsed once; extract.py finds the article body (trafilatura's two passes,
weighed against each other, then the chrome both let through taken out) as trafilatura's
XML, so headings, paragraphs, lists, quotes, code, tables and images stay apart, and
structure.py turns that into reader's blocks. metadata.py reads the headline, byline,
date, site and canonical address. trafilatura is imported on first use: it is slow to
import and `reader ls` should not pay for it.
"""

from __future__ import annotations

import re
import urllib.parse
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from reader.core.feeds.sniff import HTML_TYPES
from reader.core.ingest.encoding import decode_document, meta_charset
from reader.core.ingest.files import IngestError
from reader.core.ingest.extract import article_body, link_base, parse_page, resolve_links
from reader.core.ingest.lead import restore_lead
from reader.core.ingest.metadata import read_metadata
from reader.core.ingest.pagetext import PageText
from reader.core.ingest.structure import blocks_from_xml, clean
from reader.core.ingest.xmlblocks import count_words
from reader.core.model import Article, Block
from reader.core.net import Fetched, FetchError, fetch
from reader.core.patterns import regex
from reader.core.sanitize import count_unsafe
from reader.core.urls import is_http_url, shown_url

if TYPE_CHECKING:
    from reader.core.ingest import Imported

__all__ = ["HTML_SUFFIXES", "load_html", "load_url", "looks_like_html"]

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
KICKER_MAX_WORDS = 8  # words before a repeated headline that make its kicker or date line
_SPACE_BEFORE_MARK = regex(r"\s+([:;,.!?])")
MIN_BODY_WORDS = 10  # fewer words than this outside headings: not an article
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
        html, warnings = decode_document(html, [meta_charset(html)], where)
    if not html.strip():
        raise IngestError(where, "empty page")
    tree = parse_page(html)
    if tree is None:
        raise IngestError(where, "no article text found on the page")
    page = PageText.of(tree)
    meta = read_metadata(tree, url, page)
    canonical = _http_url(meta.url, base=url)
    article_url = canonical or (url if url and _http_url(url) else None)
    base = link_base(tree, url or article_url)
    resolve_links(tree, base)
    main = article_body(tree, url)
    blocks: list[Block] = []
    unsafe = count_unsafe(meta.title)
    if main is not None:
        restore_lead(main, page, meta.description)
        blocks, found_unsafe = blocks_from_xml(main, base)
        unsafe += found_unsafe
    title = clean(meta.title)
    while title and blocks and _repeats_title(blocks[0], title):
        blocks = blocks[1:]  # the headline (once or twice, with its kicker or date) is the title: not shown again
    blocks = [b for b in blocks if not (b.kind == "caption" and _same(b.text, title))]  # a picture named after the story
    if _body_words(blocks) < MIN_BODY_WORDS and meta.body:
        # the page draws its text with script (its HTML holds a caption at most), but states
        # it in its JSON-LD: that text, a paragraph per line as stated
        blocks = [Block("paragraph", clean(line)) for line in meta.body.splitlines()]
        unsafe += count_unsafe(meta.body)
    if _body_words(blocks) < MIN_BODY_WORDS:
        raise IngestError(where, "no article text found on the page")
    source = clean(meta.sitename) or _hostname(article_url)
    if not title:
        from reader.core.ingest.text import derive_title  # plain text's rules: rarely needed here

        title = derive_title(blocks)
    article = Article.create(
        title,
        blocks,
        author=_author(meta.author),
        source=source or None,
        url=article_url,
        published=meta.published,
    )
    if unsafe:
        warnings.append(f"removed {unsafe} control or bidi character{'s' * (unsafe != 1)}")
    return Imported(article, warnings)


def load_url(url: str, fetch: Callable[..., Fetched] = fetch) -> Imported:
    """Fetch `url` and import the web page there (or the plain text or Markdown document);
    IngestError for failures and for what is not an article, a feed saying so."""
    try:
        got = fetch(url)
    except FetchError as exc:
        raise IngestError(shown_url(exc.url), exc.reason) from None
    if got.not_modified:
        raise IngestError(url, "the server answered 304 Not Modified to a plain request")
    if not got.body.strip():
        raise IngestError(url, "empty page")
    ctype = got.content_type
    is_html = ctype in HTML_TYPES or (ctype in ("", "text/plain", "application/octet-stream") and looks_like_html(got.body))
    if not is_html:
        from reader.core.feeds.sniff import looks_like_feed

        if looks_like_feed(got.body, ctype):
            raise IngestError(url, f"this is a feed, not a web page: subscribe to it with `reader feed add {shown_url(url)}`")
    if not is_html and ctype in ("text/plain", "text/markdown", "text/x-markdown"):  # as a .txt or .md file reads
        import dataclasses

        from reader.core.ingest import Imported
        from reader.core.model import stable_id

        text, warnings = decode_document(got.body, [got.charset], url)
        if ctype == "text/plain":
            from reader.core.ingest.text import parse_text as parse
        else:
            from reader.core.ingest.markdown import parse_markdown as parse
        article = parse(text)
        if not article.blocks:
            raise IngestError(url, "no article text found")
        address = article.url if article.url and is_http_url(article.url) else got.url
        article = dataclasses.replace(article, id=stable_id(address), url=address,
                                      source=article.source or _hostname(address))
        if unsafe := count_unsafe(text):
            warnings.append(f"removed {unsafe} control or bidi character{'s' * (unsafe != 1)}")
        return Imported(article, warnings)
    if not is_html:
        raise IngestError(url, f"not a web page (content type {ctype})" if ctype
                          else "not a web page (no content type, and it does not look like HTML)")
    text, warnings = decode_document(got.body, [got.charset, meta_charset(got.body)], url)
    imported = load_html(text, url=got.url)
    imported.warnings[:0] = warnings
    return imported


def looks_like_html(data: bytes) -> bool:
    """True when the first bytes open an HTML document."""
    return bool(_HTML_START.match(data[:4096]))


# -- helpers -------------------------------------------------------------------------


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _body_words(blocks: list[Block]) -> int:
    return sum(count_words(b.text) for b in blocks if b.kind != "heading")


def _repeats_title(block: Block, title: str) -> bool:
    """The block is the headline: the title itself, or the title after a kicker or a date
    set apart from it ("Abstandsregeln und Fieberkontrollen : Wie …", a heading
    "27.01.2022MineralölINFO …"), not a line that ends with it ("für das Rezept …")."""
    text, headline = _squeeze(block.text), _squeeze(title)
    if block.kind not in ("heading", "paragraph") or not headline or not text.endswith(headline):
        return False
    kicker = text[: -len(headline)]
    if not kicker:
        return True
    set_apart = block.kind == "heading" or kicker.rstrip().endswith((":", "|", "–", "—", "-")) or kicker[0].isdigit()
    return set_apart and len(kicker.split()) <= KICKER_MAX_WORDS


def _squeeze(text: str) -> str:
    """Case and spacing aside, no space before punctuation ("Title : Subtitle")."""
    return _SPACE_BEFORE_MARK.sub(r"\1", " ".join(text.split()).casefold())


def _author(raw: str | None) -> str | None:
    if not raw:
        return None
    names = [clean(n) for n in raw.split(";")]
    names = [n for n in names if n]
    return ", ".join(dict.fromkeys(names)) or None


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
