"""The article's lead (standfirst) put back when the extraction lost it.

Sites set the lead apart from the body (`<p class="teaser-text">`, `<div class="lead">`,
`<div class="chapo">`, an `<h2>` under the headline), and trafilatura drops such blocks
as teasers. The page's own summary (og:description, <meta name="description">) is
nearly always that lead, word for word: an element that shows it, above the article's
first paragraph and missing from the body, is the lead, and it goes back at the top.
When the summary is something else (a byline, a cut-off sentence), an element the page
marks as its lead (class or id "lead", "teaser", "standfirst", "chapo", "intro" …,
once on the page) that reads as prose, just above the first paragraph, is taken.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from reader.core.ingest.pagetext import PageText, visible
from reader.core.ingest.xmlblocks import block_text, count_words, fold, reads_as_prose
from reader.core.patterns import regex

if TYPE_CHECKING:
    from lxml.etree import _Element
    from lxml.html import HtmlElement

MIN_WORDS = 8  # a shorter summary is a tagline, not a lead
MAX_LEAD_WORDS = 150  # a longer block is the article, not its lead
MAX_ABOVE = 3000  # characters: the lead sits above the body's first paragraph, not far above it
_CANDIDATE_TAGS = ("p", "div", "h2", "h3", "span", "strong", "section", "header", "blockquote", "li", "em", "b")
_OUTSIDE = frozenset({"nav", "footer", "aside", "form", "script", "noscript", "style", "head", "template"})
# class or id words that mark a lead, in the languages of the boilerplate lists
_LEAD_MARK = regex(
    r"(?:^|[-_])(?:lead|lede|leadtext|teaser|teasertext|standfirst|chapo|chapeau|intro|introtext|summary|excerpt|deck|dek"
    r"|abstract|subtitle|subline|description|vorspann|einleitung|kurztext|anreisser|entradilla|bajada|sumario|copete"
    r"|sottotitolo|catenaccio|sommario|resumo|linha-fina|inleiding|wstep|lid|ingress)(?:$|[-_])",
    re.IGNORECASE,
)
# the site's, a section's or an author's description, or a teaser in a list: not this article's lead
_ELSEWHERE = regex(r"site|blog|header|author|autor|categor|tag|archive|footer|widget|sidebar|menu|nav|related|card|list|comment|profile|shop|product")
_TRUNCATED = regex(r"\s*(?:\.\.\.|…|\[…\]|\(…\))$")


def restore_lead(main: _Element, page: PageText, description: str) -> None:
    """Put the page's lead at the top of `main` (in place) when the body lacks it."""
    body = fold(" ".join(block_text(el) for el in main))
    lead = _described_lead(page, description, body)
    if lead is None:
        lead = _marked_lead(page, main)
    if lead is None:
        return
    text = visible(lead.text_content())
    if fold(text)[:80] in body or not _above_body(page, lead, main):
        return
    _insert_first(main, text)


def _described_lead(page: PageText, description: str, body: str) -> HtmlElement | None:
    """The element that shows the page's summary, when the body lacks it."""
    shown = _TRUNCATED.sub("", visible(description))
    summary = fold(shown)
    if count_words(summary) < MIN_WORDS or summary[:80] in body:
        return None
    return _shown(page, shown, summary)


def _marked_lead(page: PageText, main: _Element) -> HtmlElement | None:
    """The element the page marks as its lead, nearest above the body's first passage."""
    classes = Counter(el.get("class") for el in page.starts if isinstance(el.tag, str) and el.get("class"))
    found = []
    for el in page.starts:
        if not isinstance(el.tag, str) or el.tag not in _CANDIDATE_TAGS or not _is_marked_lead(el):
            continue
        if el.get("class") and classes[el.get("class")] > 1:
            continue  # the same box again and again: teasers for other stories
        text = visible(el.text_content())
        if not MIN_WORDS <= count_words(text) <= MAX_LEAD_WORDS or not reads_as_prose(text, MIN_WORDS):
            continue
        if any(a.tag in _OUTSIDE for a in el.iterancestors()) or not _above_body(page, el, main):
            continue
        found.append(el)
    return max(found, key=lambda el: page.starts[el], default=None)


def _is_marked_lead(el: HtmlElement) -> bool:
    if (el.get("itemprop") or "").lower() == "description":
        return True
    tokens = f"{el.get('class') or ''} {el.get('id') or ''}".split()
    return any(_LEAD_MARK.search(token) and not _ELSEWHERE.search(token) for token in tokens)


def _shown(page: PageText, shown: str, summary: str) -> HtmlElement | None:
    """The smallest element that shows the summary (or starts with it): found in the
    page's text first, so only the elements starting just there are measured. The
    words are searched as written ("Spaß", which folding makes "spass")."""
    head = " ".join(shown.split()[:6])
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
    first = next((block_text(el) for el in main if el.tag not in ("head", "graphic") and count_words(block_text(el)) >= 5), "")
    if not first:
        return False
    at = page.find(first, 8)
    start = page.starts.get(lead)
    return at >= 0 and start is not None and 0 <= at - start <= MAX_ABOVE


def _insert_first(main: _Element, text: str) -> None:
    from lxml.etree import Element

    p = Element("p")
    p.text = text
    first = main[0] if len(main) else None
    if first is not None and first.tag == "head" and first.get("rend") == "h1":  # after the headline, not a subheading
        first.addnext(p)
    else:
        main.insert(0, p)
