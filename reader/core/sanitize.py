"""Strip characters that must never reach a terminal.

Rich and Textual pass ESC, most C0 controls, DEL, C1 and bidi overrides straight to the
terminal (DESIGN.md section 3): an OSC 52 sequence in an article would write the user's
clipboard. Everything a stranger wrote (article text, and later notes, tags and search
input) goes through `sanitize()` once at ingest and again when drawn.
"""

from __future__ import annotations

import re
import unicodedata

from reader.core.patterns import regex

# C0 except \t (09) and \n (0A); \r (0D) is handled first as a line break.
_C0 = [c for c in range(0x00, 0x20) if c not in (0x09, 0x0A, 0x0D)]
_DEL_C1 = list(range(0x7F, 0xA0))
# Bidi marks, embeddings, overrides and isolates: they reorder what the user sees.
_BIDI = [0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
# Lone surrogates (from undecodable command-line bytes) cannot be written as UTF-8.
_SURROGATES = list(range(0xD800, 0xE000))

UNSAFE_CODEPOINTS: frozenset[int] = frozenset(_C0 + _DEL_C1 + _BIDI + _SURROGATES)
# Invisible in the text but not harmless to what reads it: a soft hyphen, zero-width space,
# word joiner or BOM inside "Vladi\u00admir" makes two words of one name and breaks search.
# Dropped silently (no warning: pages use them innocently). The zero-width (non-)joiners
# stay: Persian, Indic scripts and emoji sequences need them.
INVISIBLE_CODEPOINTS: frozenset[int] = frozenset({0x00AD, 0x200B, 0x2060, 0xFEFF})
_NEWLINES = regex(r"\r\n?")
_UNSAFE = regex("[" + "".join(re.escape(chr(c)) for c in sorted(UNSAFE_CODEPOINTS)) + "]")
_DROPPED = regex("[" + "".join(re.escape(chr(c)) for c in sorted(UNSAFE_CODEPOINTS | INVISIBLE_CODEPOINTS)) + "]")


def sanitize(text: str) -> str:
    """Return `text` with line breaks normalised to `\\n`, unsafe and invisible characters
    dropped, NFC applied."""
    if text.isascii() and text.isprintable():  # nothing to drop or compose: most titles and lines
        return text
    # A regex, not str.translate: translate with a dict is ~10x slower on megabytes of text.
    text = _DROPPED.sub("", _NEWLINES.sub("\n", text))
    return unicodedata.normalize("NFC", text)


def count_unsafe(text: str) -> int:
    """How many characters `sanitize()` would drop (not counting `\\r`): worth a warning."""
    return len(_UNSAFE.findall(text))
