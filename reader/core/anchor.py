"""Finding a passage in an article's text from the words a user typed."""

from __future__ import annotations

from reader.core.store.errors import LibraryError

# Typographic characters a keyboard rarely types, each mapped to one ASCII character so
# that offsets in the folded text are offsets in the original.
TYPOGRAPHY_FOLD = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u00a0": " ", "\u2009": " ", "\u202f": " ",
    }
)


class QuoteError(LibraryError):
    pass


def occurrences(text: str, quote: str) -> list[int]:
    """Where `quote` starts in `text`, every place (overlapping ones too)."""
    found, start = [], text.find(quote)
    while start != -1:
        found.append(start)
        start = text.find(quote, start + 1)
    return found


def find_quote(text: str, quote: str) -> tuple[int, int]:
    """The one place `quote` occurs; curly quotes, dashes and no-break spaces match their plain
    forms, and, when it is not there as typed, any case does."""
    if not quote.strip():
        raise QuoteError("the quote is empty")
    found = (occurrences(text, quote) or occurrences(text.translate(TYPOGRAPHY_FOLD), quote.translate(TYPOGRAPHY_FOLD))
             or occurrences(_caseless(text.translate(TYPOGRAPHY_FOLD)), _caseless(quote.translate(TYPOGRAPHY_FOLD))))
    if not found:
        raise QuoteError(f"the quote {_short(quote)} is not in the article")
    if len(found) > 1:
        raise QuoteError(
            f"the quote {_short(quote)} occurs {len(found)} times; quote more words to pick one"
        )
    return found[0], found[0] + len(quote)


def _caseless(text: str) -> str:
    """Lower case, character for character (a letter whose lower case is longer stays), so
    offsets hold: "Second-Class Citizens" finds "second-class citizens"."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(low := c.lower()) != 1 else low for c in text)


def _short(quote: str, limit: int = 60) -> str:
    return repr(quote if len(quote) <= limit else quote[: limit - 1] + "…")
