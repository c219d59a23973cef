"""What the extraction rules read off one block of trafilatura's XML (a child of its body):
its text, words, how much of it is link text, whether it reads as prose.

One place for these measures, so the merge of the two passes and the boilerplate rules
judge a block the same way.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from reader.core.patterns import regex

if TYPE_CHECKING:
    from lxml.etree import _Element

_SPACE = regex(r"\s+")
_CJK = regex(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# a sentence ends here (closing quotes and brackets may follow the stop)
_SENTENCE_END = regex(r"[.!?…。！？][\"'”’»)\]]*$")


def block_text(el: _Element) -> str:
    """The block's text, white space collapsed; an image is its alt text."""
    if el.tag == "graphic":
        raw = el.get("alt") or el.get("title") or ""
    else:
        raw = " ".join(el.itertext())
    return _SPACE.sub(" ", raw).strip()


def key(el: _Element) -> str:
    """What identifies the block across two extractions: its folded text (an image's address)."""
    if el.tag == "graphic":
        return f"<image {el.get('src') or ''}>"
    return fold(block_text(el))


def fold(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def words(el: _Element) -> int:
    return count_words(block_text(el))


def count_words(text: str) -> int:
    """Words as a reader counts them: Chinese and Japanese write without spaces, so two of
    their characters count as a word."""
    return len(text.split()) + len(_CJK.findall(text)) // 2


def link_share(el: _Element) -> float:
    """The share of the block's characters that are link text (0 when it has none)."""
    total = len(block_text(el).replace(" ", ""))
    if not total:
        return 0.0
    linked = sum(len("".join(ref.itertext()).replace(" ", "").replace("\n", "")) for ref in el.iter("ref"))
    return min(1.0, linked / total)


def reads_as_prose(text: str, min_words: int = 6) -> bool:
    """A sentence or more: enough words, ending as sentences end."""
    return count_words(text) >= min_words and bool(_SENTENCE_END.search(text))
