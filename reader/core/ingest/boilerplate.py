"""Chrome both extraction passes let through, taken out of the article body.

trafilatura judges blocks by their markup and link density; what it keeps still holds
page furniture that reads like text: "Read more: <another story>", a "Related" heading
and the teasers under it, photo credits, newsletter and app boxes, the date line above
the story. These are recognised by their words (in the languages the web mostly writes
in) and their shape (short, linked, at the article's edges), never by site.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from reader.core.ingest.boilerplate_words import (
    ARROW,
    BRACKETED_BUTTONS,
    COMMENT_FORM,
    COMMENT_RULES,
    CREDIT,
    FILE_ALT,
    META_LINE,
    PROMO,
    RELATED_LABEL,
    SEE_LABEL,
    SEE_PREFIX,
    SEE_WORDS,
    SOCIAL,
    UI_LABEL,
)
from reader.core.ingest.xmlblocks import block_text, count_words, fold, link_share, reads_as_prose
from reader.core.patterns import regex

if TYPE_CHECKING:
    from lxml.etree import _Element

LABEL_MAX_WORDS = 8  # a section label ("Related stories", "Mehr zum Thema")
LINE_MAX_WORDS = 25  # a "Read more: …" line, a credit, a promotion
PROMO_MAX_WORDS = 45
FORM_LINE_MAX_WORDS = 12
EDGE = 3  # blocks at either end of the article where date and byline lines sit
TAIL_SHARE = 0.25  # a related-stories label with less than this share of the text after it ends the article
GALLERY_MIN_PICTURES = 10  # a slide show, not the two or three pictures that close a story
CAPTION_MAX_WORDS = 30
TRAILING_LINKS = 2  # so many link-only lines after the last passage: teasers for other stories
DESCRIBED_LIST_WORDS = 15
DESCRIBED_LIST_LINKS = 0.3  # a list of related headlines is mostly link text
_SECTION_TITLE = regex(r"^\s*\d{1,2}(?:\.\d{1,2})*\.?\s+[^\W\d_]{2,}\W*$")
_WRAPPERS = frozenset({"div", "section", "article", "main"})
_BLOCK_TAGS = _WRAPPERS | {"p", "head", "list", "quote", "code", "table", "graphic", "figure"}
_TEXT_TAGS = frozenset({"p", "head", "quote", "list", "item", "table"})


def clean_body(body: _Element) -> None:
    """Drop the page furniture left in `body` (in place). A picture whose alt text is a
    credit, or the caption beside it again, stays without that text."""
    blocks = list(_blocks(body))
    doomed: set[int] = set()
    total = sum(count_words(block_text(el)) for el in blocks) or 1
    for i, el in enumerate(blocks):
        if i in doomed:
            continue
        for button in (g for g in el.iter("graphic") if SOCIAL.match(block_text(g)) or FILE_ALT.match(block_text(g))):
            _silence(button)  # a share button, a spacer: no text
        text = block_text(el)
        words = count_words(text)
        if el.tag == "graphic":
            if is_credit(text, words) or FILE_ALT.match(text) or _repeats_neighbour(blocks, i):
                _silence(el)
        elif is_related_label(el, text, words):
            doomed |= _related_section(blocks, i, total)
        elif is_promo(text, words):
            doomed.add(i)
            if i + 1 < len(blocks) and _is_link_list(blocks[i + 1]):
                doomed.add(i + 1)  # the shop or app links the box asks the reader to use
        elif is_see_also(el, text, words) or is_credit(text, words) or is_ui_label(text, words) or is_comment_rules(text):
            doomed.add(i)
        elif BRACKETED_BUTTONS.match(text) or _is_menu_table(el):
            doomed.add(i)
        elif (i < EDGE or i >= len(blocks) - EDGE) and is_meta_line(text, words):
            doomed.add(i)
    doomed |= _trailing_gallery(blocks) | _trailing_links(blocks)
    for i in sorted(doomed, reverse=True):
        _drop(blocks[i])


def _blocks(parent: _Element) -> Iterator[_Element]:
    """The blocks in reading order, those inside a wrapping <div> or <section> too (a
    pass sometimes keeps the whole article in one)."""
    for el in parent:
        if not isinstance(el.tag, str):
            continue
        if el.tag in _WRAPPERS and len(el) and not (el.text or "").strip() and all(
            c.tag in _BLOCK_TAGS and not (c.tail or "").strip() for c in el if isinstance(c.tag, str)
        ):
            yield from _blocks(el)
        else:
            yield el


def is_related_label(el: _Element, text: str, words: int) -> bool:
    """A heading (or heading-like line) that introduces other stories."""
    return 0 < words <= LABEL_MAX_WORDS and el.tag in _TEXT_TAGS and bool(RELATED_LABEL.match(text))


def is_see_also(el: _Element, text: str, words: int) -> bool:
    """"Read more: <link to another story>" and the like, inside or after the article."""
    if not 0 < words <= LINE_MAX_WORDS:
        return False
    if ARROW.match(text):
        return link_share(el) >= 0.4
    if SEE_PREFIX.match(text) and (el.tag == "quote" or link_share(el) >= 0.4):
        return True
    label = SEE_LABEL.match(text)
    if label is None or not (RELATED_LABEL.match(label["label"]) or SEE_WORDS.fullmatch(label["label"].strip())):
        return False
    return link_share(el) >= 0.4 or words <= 15


def is_credit(text: str, words: int) -> bool:
    return 0 < words <= LINE_MAX_WORDS and bool(CREDIT.search(text))


def is_promo(text: str, words: int) -> bool:
    return 0 < words <= PROMO_MAX_WORDS and bool(PROMO.search(text))


def is_ui_label(text: str, words: int) -> bool:
    return 0 < words <= 5 and bool(UI_LABEL.fullmatch(text.strip(" .:!»›>|")))


def is_comment_rules(text: str) -> bool:
    """A site's house rules for commenting ("comments are moderated"), wherever they stand."""
    return bool(COMMENT_RULES.search(text))


def is_comment_form(text: str, words: int) -> bool:
    """A button or prompt of a comment form ("Reply", "Leave a comment"): furniture among
    comments, though in an article's own text the same words may be prose."""
    return is_comment_rules(text) or (0 < words <= FORM_LINE_MAX_WORDS and bool(COMMENT_FORM.search(text)))


def is_meta_line(text: str, words: int) -> bool:
    """A date, time, byline or category line: little left once those are taken away."""
    if not 0 < words <= 12:
        return False
    rest = META_LINE.sub(" ", text)
    named = len(re.findall(r"[^\W\d_]{2,}", rest))
    if named == 1 and _SECTION_TITLE.match(text):
        return False  # "1 Introduction", "4. References": a numbered section's heading
    return named <= 1 and rest != text


def _related_section(blocks: list[_Element], start: int, total: int) -> set[int]:
    """The label and the teasers under it: to the end when little text follows, else up
    to the next passage that reads as the article's prose. A heading's section ends at
    the next heading of its level; one whose first block is kept (a list of described
    links, not of headlines) is a section of the article, and stays."""
    end = _section_end(blocks, start)
    after = sum(count_words(block_text(el)) for el in blocks[start + 1 : end])
    if end == len(blocks) and after < TAIL_SHARE * total:
        return set(range(start, end))
    doomed = {start}
    for i in range(start + 1, end):
        el = blocks[i]
        if _reads_as_article(el, block_text(el)):
            break
        doomed.add(i)
    if doomed == {start} and blocks[start].tag == "head" and end > start + 1:
        return set()
    return doomed


def _section_end(blocks: list[_Element], start: int) -> int:
    """Where the section a heading opens ends: at the next heading of its level or above,
    unless it has nothing under it."""
    level = _level(blocks[start])
    if level is None:
        return len(blocks)
    end = next((i for i in range(start + 1, len(blocks)) if (_level(blocks[i]) or 7) <= level), len(blocks))
    return end if end > start + 1 else len(blocks)  # nothing under it: the headings after it are the teasers


def _level(el: _Element) -> int | None:
    rend = (el.get("rend") or "").lower()
    return int(rend[1]) if el.tag == "head" and len(rend) == 2 and rend[0] == "h" and rend[1] in "123456" else None


def _reads_as_article(el: _Element, text: str) -> bool:
    """Prose, or a list of described links ("Golem, a global, open-source …"), not headlines."""
    if el.tag == "list" and count_words(text) >= DESCRIBED_LIST_WORDS:
        return 0 < link_share(el) < DESCRIBED_LIST_LINKS  # links, each with more words about it
    return reads_as_prose(text, 15) and link_share(el) < 0.5


def _is_link_list(el: _Element) -> bool:
    """A list of bare links: each item a name or two, nearly all of it link text."""
    items = [block_text(item) for item in el.iter("item")]
    return el.tag == "list" and bool(items) and link_share(el) >= 0.6 and all(count_words(t) <= 4 for t in items)


def _is_menu_table(el: _Element) -> bool:
    """A "table" that lays out a menu: short labels, half its cells empty or all linked."""
    if el.tag != "table":
        return False
    cells = [block_text(cell) for cell in el.iter("cell")]
    filled = [t for t in cells if t]
    if not filled or any((count_words(t) > 4 and len(t) > 12) or any(c.isdigit() for c in t) for t in filled):
        return False
    return len(filled) <= len(cells) / 2 or link_share(el) >= 0.8


def _trailing_gallery(blocks: list[_Element]) -> set[int]:
    """Many pictures with short captions after the article's last passage: a slide show
    (or a strip of teasers) appended to the story, not part of it."""
    last = max((i for i, el in enumerate(blocks) if el.tag != "graphic" and reads_as_prose(block_text(el), 15)), default=-1)
    if last < 0:
        return set()  # no passage at all: the pictures are what the page is about
    after = blocks[last + 1 :]
    pictures = sum(el.tag == "graphic" for el in after)
    if pictures < GALLERY_MIN_PICTURES or pictures < len(after) / 2 or any(
        el.tag != "graphic" and count_words(block_text(el)) > CAPTION_MAX_WORDS for el in after
    ):
        return set()
    return set(range(last + 1, len(blocks)))


def _trailing_links(blocks: list[_Element]) -> set[int]:
    """Headlines of other stories after the article's last passage: short lines that are
    all link text (pictures and empty lines among them)."""
    last = max((i for i, el in enumerate(blocks) if el.tag != "graphic" and reads_as_prose(block_text(el), 15)), default=-1)
    after = range(last + 1, len(blocks))
    if last < 0 or not after:
        return set()
    texts = [(blocks[i], block_text(blocks[i])) for i in after]
    linked = [el for el, text in texts if text and el.tag != "graphic"]
    if len(linked) < TRAILING_LINKS or any(
        count_words(text) > LINE_MAX_WORDS or link_share(el) < 0.8 for el, text in texts if text and el.tag != "graphic"
    ):
        return set()
    return set(after)


def _repeats_neighbour(blocks: list[_Element], i: int) -> bool:
    """A picture's alt text that the caption next to it says again."""
    alt = fold(block_text(blocks[i]))
    if not alt:
        return False
    neighbours = [blocks[j] for j in (i - 1, i + 1) if 0 <= j < len(blocks) and blocks[j].tag != "graphic"]
    return any(alt in fold(block_text(el)) for el in neighbours)


def _silence(graphic: _Element) -> None:
    for name in ("alt", "title"):
        if name in graphic.attrib:
            del graphic.attrib[name]


def _drop(el: _Element) -> None:
    parent = el.getparent()
    if parent is not None:
        parent.remove(el)
