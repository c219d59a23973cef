"""Readers' comments under a page: kept after the article under their own heading, without
the comment form around them.

On blogs and small sites the discussion is part of what the page says, and readers'
judged texts include it; trafilatura finds it apart from the body. What comes with it
is the furniture of the form ("Reply", "Leave a comment", moderation rules, log-in
prompts): those lines go, and a section with no comment left goes whole.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.core.ingest.boilerplate import is_comment_form, is_promo, is_ui_label
from reader.core.ingest.xmlblocks import block_text, count_words

if TYPE_CHECKING:
    from lxml.etree import _Element

HEADING = "Comments"
MIN_COMMENT_WORDS = 4  # "Great post, thanks!" is a comment; "Reply" is a button


def comments_section(comments: _Element | None) -> list[_Element]:
    """The blocks to append after the article: a heading, then the comments; [] when
    there is no comment to keep."""
    if comments is None:
        return []
    # the site's own heading of the area ("4 thoughts on …") gives way to ours
    kept = [el for el in comments if isinstance(el.tag, str) and el.tag != "head" and not _is_form(block_text(el))]
    if not any(count_words(block_text(el)) >= MIN_COMMENT_WORDS for el in kept):
        return []
    from lxml.etree import Element

    heading = Element("head", rend="h2")
    heading.text = HEADING
    return [heading, *kept]


def _is_form(text: str) -> bool:
    words = count_words(text)
    return words == 0 or is_ui_label(text, words) or is_promo(text, words) or is_comment_form(text, words)
