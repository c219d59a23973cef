"""Formulas as the text they show, before extraction: trafilatura keeps MathML only when it
carries its TeX source (and then as TeX), and drops a formula drawn as an image, so
"a set of N objects" came out as "a set of objects".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.html import HtmlElement

_TOKENS = frozenset({"mi", "mn", "mo", "ms", "mtext"})
_SKIPPED = frozenset({"annotation", "annotation-xml", "none", "mprescripts"})
_SPACED = frozenset("=+−-×·±<>≤≥≈≠→←↔⇒∈∉⊂⊆∪∩∧∨")  # operators drawn with space around them
_SUPER = str.maketrans("0123456789+-−=()ni", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ⁿⁱ")
_SUB = str.maketrans("0123456789+-−=()", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎")


def formulas_as_text(page: HtmlElement) -> None:
    """Replace each MathML formula by its text ("πr²") and each formula image by its alt
    text, in place. A wrapper marked as a formula (Wikipedia's: hidden MathML beside a
    picture of it) goes with its formula, so the text is not hidden with it."""
    for math in list(page.iter("{*}math")):
        if math.getparent() is None:
            continue  # inside a wrapper already replaced
        shown = " ".join(math_text(math).split())
        outer = math
        for ancestor in math.iterancestors():
            if not _is_formula(ancestor):
                break
            outer = ancestor  # the formula's wrapper: hidden MathML and picture fallback in one
        _replace_with_text(outer, shown)
    for img in list(page.iter("img")):
        if _is_formula(img):
            _replace_with_text(img, img.get("alt") or "")


def math_text(el: HtmlElement) -> str:
    """A MathML element as plain text: superscripts and subscripts as such where Unicode has
    them, fractions with a slash, roots with √."""
    tag = _local(el)
    if tag in _SKIPPED:
        return ""
    if tag in _TOKENS:
        text = (el.text or "").strip()
        if tag == "mo" and text in _SPACED:
            return f" {text} "
        return f"{text} " if tag == "mo" and text == "," else text
    parts = [math_text(child) for child in el if isinstance(child.tag, str)]
    if tag in ("msup", "msub", "msubsup") and len(parts) >= 2:
        base, scripts = parts[0], parts[1:]
        if tag == "msup":
            return base + _script(scripts[0], _SUPER, "^")
        if tag == "msub":
            return base + _script(scripts[0], _SUB, "_")
        return base + _script(scripts[0], _SUB, "_") + _script(scripts[-1], _SUPER, "^")
    if tag == "mfrac" and len(parts) == 2:
        return f"{_grouped(parts[0])}/{_grouped(parts[1])}"
    if tag == "msqrt":
        return f"√{_grouped(''.join(parts))}"
    if tag == "mroot" and len(parts) == 2:
        return f"{_script(parts[1], _SUPER, '^')}√{_grouped(parts[0])}"
    return "".join(parts)


def _script(text: str, table: dict[int, str], mark: str) -> str:
    text = text.strip()
    shifted = text.translate(table)
    if all(c != o or c in "ⁿⁱ" for c, o in zip(shifted, text)):  # every character had a form
        return shifted
    return f"{mark}{_grouped(text)}"


def _grouped(text: str) -> str:
    text = text.strip()
    return text if len(text) <= 1 or text.isalnum() else f"({text})"


def _local(el: HtmlElement) -> str:
    return el.tag.rsplit("}", 1)[-1].lower() if isinstance(el.tag, str) else ""


def _is_formula(el: HtmlElement | None) -> bool:
    if el is None or not isinstance(el.tag, str):
        return False
    return any(word in (el.get("class") or "").lower() for word in ("math", "latex"))


def _replace_with_text(el: HtmlElement, text: str) -> None:
    parent = el.getparent()
    if parent is None:
        return
    text += el.tail or ""
    previous = el.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    parent.remove(el)
