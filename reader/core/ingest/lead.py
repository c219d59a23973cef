"""The article's lead (standfirst) put back when the extraction lost it.

Sites set the lead apart from the body (`<p class="teaser-text">`, `<div class="lead">`,
an `<h2>` under the headline), and trafilatura drops such blocks as teasers. The page's
own summary (og:description, <meta name="description">) is nearly always that lead, word
for word: an element that shows it, above the article's first paragraph and missing from
the body, is the lead, and it goes back at the top.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reader.core.ingest.pagetext import PageText, visible
from reader.core.ingest.xmlblocks import block_text, count_words, fold
from reader.core.patterns import regex

if TYPE_CHECKING:
    from lxml.etree import _Element
    from lxml.html import HtmlElement

MIN_WORDS = 8  # a shorter summary is a tagline, not a lead
MAX_ABOVE = 3000  # characters: the lead sits above the body's first paragraph, not far above it
_CANDIDATE_TAGS = ("p", "div", "h2", "h3", "span", "strong", "section", "header", "blockquote", "li", "em", "b")
_OUTSIDE = frozenset({"nav", "footer", "aside", "form", "script", "noscript", "style", "head", "template"})
_TRUNCATED = regex(r"\s*(?:\.\.\.|…|\[…\]|\(…\))$")


def restore_lead(main: _Element, page: PageText, description: str) -> None:
    """Put the page's lead at the top of `main` (in place) when the body lacks it."""
    summary = fold(_TRUNCATED.sub("", visible(description)))
    if count_words(summary) < MIN_WORDS:
        return
    body = fold(" ".join(block_text(el) for el in main))
    if summary[:80] in body:
        return
    lead = _shown(page, summary)
    if lead is None:
        return
    text = visible(lead.text_content())
    if fold(text)[:80] in body or not _above_body(page, lead, main):
        return
    _insert_first(main, text)


def _shown(page: PageText, summary: str) -> HtmlElement | None:
    """The smallest element that shows the summary (or starts with it): found in the
    page's text first, so only the elements starting just there are measured."""
    head = " ".join(summary.split()[:6])
    match = re.search(re.escape(head).replace(r"\ ", r"\s+"), page.text, re.IGNORECASE)
    if match is None:
        return None
    best, best_length = None, 0
    for el, start in page.starts.items():
        if not match.start() - 3 <= start <= match.start() or not isinstance(el.tag, str) or el.tag not in _CANDIDATE_TAGS:
            continue
        text = fold(visible(el.text_content()))
        if not text.startswith(summary[: max(40, len(summary) // 2)]) or len(text) > 1.5 * len(summary) + 80:
            continue
        if any(a.tag in _OUTSIDE for a in el.iterancestors()):
            continue
        if best is None or len(text) < best_length:
            best, best_length = el, len(text)
    return best


def _above_body(page: PageText, lead: HtmlElement, main: _Element) -> bool:
    """The lead comes before the body's first passage, and not far before it."""
    first = next((block_text(el) for el in main if count_words(block_text(el)) >= 5), "")
    if not first:
        return False
    at = page.text.find(" ".join(first.split()[:8]))
    start = page.starts.get(lead)
    return at >= 0 and start is not None and 0 <= at - start <= MAX_ABOVE


def _insert_first(main: _Element, text: str) -> None:
    from lxml.etree import Element

    p = Element("p")
    p.text = text
    first = main[0] if len(main) else None
    if first is not None and first.tag == "head":  # after the headline, if the body starts with it
        first.addnext(p)
    else:
        main.insert(0, p)
