"""Article text is written by strangers: draw it as plain text, never as markup.

Ingest already sanitises (`reader.core.sanitize`), but text also arrives from notes,
tags and older libraries, so every string is cleaned again on its way to the screen.
The same unsafe characters (plus a stray CR, which Textual would drop) become U+FFFD
here rather than vanishing, so offsets in the drawn text stay equal to offsets in the
stored text: the selection and annotation code relies on that.
"""

from __future__ import annotations

import re

from textual.content import Content

from reader.core.sanitize import UNSAFE_CODEPOINTS

REPLACEMENT = "\ufffd"
_UNSAFE = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(UNSAFE_CODEPOINTS | {0x0D})) + "]")


def clean(text: str) -> str:
    """`text` with every terminal-unsafe character replaced, same length."""
    return _UNSAFE.sub(REPLACEMENT, text)


def plain(text: str, style: str = "") -> Content:
    """Content that shows `text` literally: no markup parsing, no control characters."""
    return Content.styled(clean(text), style, strip_control_codes=False)
