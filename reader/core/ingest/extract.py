"""A web page's article body, as trafilatura's XML: two trafilatura passes weighed against
each other, then the chrome both let through taken out.

trafilatura is built for this (main text against navigation, teasers, bios, cookie
banners), but each of its modes fails one way: favor_precision now and then throws away
most of an article, the balanced default lets in menus and teasers the precise pass keeps
out. Both run on the one parsed page; merge.py keeps the precise body and puts back the
passages only the balanced pass found, and boilerplate.py drops what is left of the
page's furniture (related-story links, credits, newsletter boxes, date lines).
trafilatura is imported on first use: it is slow to import and `reader ls` should not pay.
"""

from __future__ import annotations

import re
import urllib.parse
from typing import TYPE_CHECKING

from reader.core.ingest.boilerplate import clean_body
from reader.core.ingest.comments import comments_section
from reader.core.ingest.formulas import formulas_as_text
from reader.core.ingest.merge import merge
from reader.core.patterns import regex

if TYPE_CHECKING:
    from lxml.etree import _Element
    from lxml.html import HtmlElement

# What every pass keeps: the structure reader shows (headings, lists, quotes, code,
# tables, images, emphasis, links). The balanced pass also finds the readers' comments
# (comments.py), which then stay out of its body.
PASS_OPTIONS = {
    "output_format": "xml",
    "include_comments": False,
    "include_formatting": True,
    "include_links": True,
    "include_images": True,
    "include_tables": True,
    "deduplicate": False,
    "with_metadata": False,  # reader reads its own (metadata.py, dates.py): no date search here
}
# soft hyphens and zero-width spaces: hyphenation hints the page's fonts act on, not text
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff"))
_ABSOLUTE = regex(r"^(?:[a-z][a-z0-9+.-]*:|//|#)", re.IGNORECASE)  # a scheme, a host, or the page itself


def parse_page(html: str) -> HtmlElement | None:
    """The page as an lxml tree, its formulas as text and its preformatted blocks marked as
    code (None when it is not HTML at all)."""
    from trafilatura.utils import load_html

    try:
        tree = load_html(html)
    except ValueError:
        return None
    if tree is not None:
        formulas_as_text(tree)
        _pre_as_code(tree)
    return tree


def link_base(tree: HtmlElement, page_url: str | None) -> str | None:
    """What the page's relative links are relative to: its `<base href>` (itself resolved
    against the page's address), else the page's address."""
    base = tree.find(".//base[@href]")
    href = (base.get("href") or "").strip() if base is not None else ""
    if not href:
        return page_url
    try:
        resolved = urllib.parse.urljoin(page_url or "", href)
    except ValueError:
        return page_url
    return resolved if urllib.parse.urlsplit(resolved).scheme in ("http", "https") else page_url


def resolve_links(tree: HtmlElement, base: str | None) -> None:
    """Every relative link and image address made absolute against `base` (in place):
    trafilatura resolves them against the site's root, wrong for "page2.html", "../x"
    and a page with a `<base href>`."""
    if not base:
        return
    for el, name in [*((a, "href") for a in tree.iter("a")), *((img, "src") for img in tree.iter("img"))]:
        raw = (el.get(name) or "").strip()
        if not raw or _ABSOLUTE.match(raw):
            continue
        try:
            el.set(name, urllib.parse.urljoin(base, raw))
        except ValueError:
            continue


def _pre_as_code(tree: HtmlElement) -> None:
    """A `<pre>` keeps its lines: trafilatura takes one for code only by some highlighters'
    markup and makes the rest (a Pygments block of <span>s, a config file) a quotation
    on one line. Its `lang` is what makes trafilatura read it as code."""
    for pre in tree.iter("pre"):
        if not pre.get("lang"):
            pre.set("lang", "text")


def article_body(tree: HtmlElement, url: str | None) -> _Element | None:
    """The article's blocks as a trafilatura `<main>` element, or None when there is none.

    `tree` is left as it was (the passes work on copies)."""
    precise, _ = _extract(tree, url, favor_precision=True, comments=False)
    balanced, comments = _extract(tree, url, favor_precision=False, comments=True)
    body = merge(precise, balanced)
    if body is None:
        return None
    clean_body(body)
    for block in comments_section(comments):
        body.append(block)
    return _finish(body)


def _extract(
    page: HtmlElement, url: str | None, *, favor_precision: bool, comments: bool
) -> tuple[_Element | None, _Element | None]:
    """One trafilatura pass: the body, and the readers' comments when asked for."""
    from trafilatura import bare_extraction

    options = {**PASS_OPTIONS, "include_comments": comments}
    document = bare_extraction(page, url=url, favor_precision=favor_precision, **options)
    if document is None:
        return None, None
    return document.body, document.commentsbody if comments else None


def _finish(body: _Element) -> _Element | None:
    """The body as trafilatura's own XML output has it (nested duplicates merged, empty
    elements and stray attributes gone), but with the spaces between inline elements kept:
    its output drops them ("RusterHügellands") and its pretty-printing adds others
    ("NDR -Recherchen"). Soft hyphens go: a search for "Weinwirtschaft" must find it."""
    from lxml.etree import Element
    from trafilatura.xml import clean_attributes, keeps_empty, remove_empty_elements, strip_double_tags

    for el in list(body.iter("*")):
        if len(el) == 0 and not el.text and not el.tail and not keeps_empty(el) and el.getparent() is not None:
            el.getparent().remove(el)
    strip_double_tags(body)
    remove_empty_elements(body)
    if len(body) == 0 and not (body.text or "").strip():
        return None
    _html_tables_as_xml(body)
    for el in body.iter():
        el.text = el.text.translate(_INVISIBLE) if el.text else el.text
        el.tail = el.tail.translate(_INVISIBLE) if el.tail else el.tail
    body.tag = "main"
    Element("doc").append(clean_attributes(body))  # <doc><main>, as in trafilatura's output
    return body


def _html_tables_as_xml(body: _Element) -> None:
    """A table trafilatura left as HTML inside a paragraph (<tr>/<td>, seen on real pages)
    in its own vocabulary (<row>/<cell>), so its rows are not lost downstream."""
    from lxml.etree import strip_tags

    strip_tags(body, "tbody", "thead", "tfoot")
    for el in body.iter("tr", "td", "th"):
        if el.tag == "th":
            el.set("role", "head")
        el.tag = "row" if el.tag == "tr" else "cell"
