"""How much of an article is analysed: all of it, up to MAX_ANALYSED characters.

The analysis is linear in the text's length, but a 19 MB file (under the import cap) would
still take a minute and gigabytes; the names and quotes of a book-length text are found in
its first MAX_ANALYSED characters, cut at a paragraph break so no name or quote is split.
Nothing is stored about the cut: `extent(text)` says where it falls, from the text alone,
for the CLI's warning and the app's notice, so a stored analysis needs no extra field.
It lives outside the analysis package so that asking costs no import of the tagger: the
app asks for every article it opens (loading the package for that took ~9 MiB).

Measured by `python bench/big_article.py`: about 1.5-3 s per million characters of news on one
core here, so the cap keeps the worst case to a few seconds and the peak memory near 200 MB.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.core.model import BLOCK_SEPARATOR
from reader.core.patterns import regex

MAX_ANALYSED = 1_000_000  # characters
# A cut at a paragraph break is used when it keeps at least this share of the limit; else
# (one paragraph longer than that) the cut falls at a space, mid-paragraph.
_PARAGRAPH_SHARE = 0.5
_SPACE = regex(r"\s")


@dataclass(frozen=True)
class Extent:
    """The analysed prefix of a text: `analysed` characters of `total`."""

    analysed: int
    total: int

    @property
    def capped(self) -> bool:
        return self.analysed < self.total

    def describe(self) -> str:
        """What a user is told about a capped analysis (the CLI prefixes the file's name)."""
        return (
            f"analysed the first {self.analysed:,} of {self.total:,} characters "
            "(names and quotes past that are not marked)"
        )


def extent(text: str, limit: int | None = None) -> Extent:
    """Where the analysis of `text` stops: its end, or the last paragraph break (else the last
    space) at or before `limit` (MAX_ANALYSED) characters."""
    limit = limit or MAX_ANALYSED
    total = len(text)
    if total <= limit:
        return Extent(total, total)
    cut = text.rfind(BLOCK_SEPARATOR, 0, limit)
    if cut < limit * _PARAGRAPH_SHARE:
        spaces = [m.start() for m in _SPACE.finditer(text, max(0, limit - 1_000), limit)]
        cut = spaces[-1] if spaces else limit
    return Extent(cut, total)
