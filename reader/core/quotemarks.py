"""A passage shown between quote marks, once: the CLI and the app print quotes and kept
passages the same way.

A quote's text or a highlight may bring its own marks: a kept passage (`"The talks went
well,"`), or a quote whose words start with a quote of their own (`“Reliance …” Onwurah
said.`, found inside single marks). Wrapping those in “ ” again shows `““Reliance …”
Onwurah said.”`. `quoted` drops a pair of marks that wraps the whole passage and wraps it
once; a passage that opens with double marks closed inside it is shown as it is.
"""

from __future__ import annotations

from collections.abc import Callable

QUOTE_MARKS = "\"'“”‘’«»„"
_DOUBLE_MARKS = "\"“”«»„"
EXCERPT_WIDTH = 60


def excerpt(text: str, width: int = EXCERPT_WIDTH) -> str:
    """`text` on one line (whitespace collapsed), cut to `width` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def quoted(text: str, width: int = EXCERPT_WIDTH, cut: Callable[[str, int], str] = excerpt) -> str:
    """`“text”` on one line, its words cut to `width` by `cut` (characters by default; the
    CLI passes its cell-counting clip): a passage that brings its own marks is quoted once."""
    inner = " ".join(text.split())
    if len(inner) > 1 and inner[0] in QUOTE_MARKS:
        body = inner[1:].rstrip(",.")  # `"We act".`: the writer's stop after the closing mark
        closed_inside = inner[0] in _DOUBLE_MARKS and any(c in _DOUBLE_MARKS for c in body[:-1])
        if body[-1:] in QUOTE_MARKS and not closed_inside:
            inner = body.rstrip(QUOTE_MARKS) or inner  # one pair round the whole passage
        elif inner[0] in _DOUBLE_MARKS:
            return cut(inner, width)  # `“Reliance …” Onwurah said.`: its own marks, closed inside
    return f"“{cut(inner, width)}”"


def opens_with_marks(text: str) -> bool:
    """The passage starts with double marks of its own: shown as it is, not quoted again
    (for output that marks matches inside the text, where `quoted` would move them)."""
    stripped = text.lstrip()
    return bool(stripped) and stripped[0] in _DOUBLE_MARKS
