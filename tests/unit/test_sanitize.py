"""sanitize(): nothing a stranger wrote may drive the terminal (DESIGN.md section 3)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.sanitize import UNSAFE_CODEPOINTS, count_unsafe, sanitize

UNSAFE = (
    [chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"]
    + ["\x7f"]
    + [chr(c) for c in range(0x80, 0xA0)]
    + ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e"]
    + ["\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f", "\u061c"]
)


@pytest.mark.parametrize("ch", UNSAFE, ids=lambda c: f"U+{ord(c):04X}")
def test_every_unsafe_character_is_dropped(ch: str) -> None:
    assert sanitize(f"a{ch}b") == "ab"


LONE_SURROGATES = frozenset(range(0xD800, 0xE000))


def test_the_unsafe_set_is_exactly_the_documented_one() -> None:
    assert UNSAFE_CODEPOINTS == frozenset(map(ord, UNSAFE)) | LONE_SURROGATES


def test_a_lone_surrogate_from_undecodable_arguments_is_dropped() -> None:
    # `reader note ... --note $'\xff'` arrives as U+DCFF, which cannot be saved as UTF-8.
    assert sanitize("a\udcffb") == "ab"


def test_escape_sequences_lose_their_escape() -> None:
    osc52 = "copy \x1b]52;c;cm0gLXJmIH4=\x07 this"
    csi = "\x1b[2J\x1b[31mred\x1b[0m"
    c1_csi = "\x9b2J"
    out = sanitize(osc52 + csi + c1_csi)
    assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out
    assert out.startswith("copy ]52;c;cm0gLXJmIH4= this")


def test_newlines_are_normalised_and_tabs_kept() -> None:
    assert sanitize("a\r\nb\rc\nd\te") == "a\nb\nc\nd\te"
    assert sanitize("\r\r\n") == "\n\n"


def test_nfc_is_applied() -> None:
    decomposed = "Zelenskyy cafe\u0301"
    assert sanitize(decomposed) == "Zelenskyy caf\u00e9"


@pytest.mark.parametrize(
    "text",
    ["plain", "Kyiv’s “quote” — dash…", "non\u00a0breaking ¡hola!", "日本語", "emoji 🙂", "[bold]x[/] [TODO]"],
)
def test_ordinary_text_is_untouched(text: str) -> None:
    assert sanitize(text) == text


def test_count_unsafe_counts_what_is_dropped_but_not_cr() -> None:
    assert count_unsafe("a\x1b[0m\u202e\r\n") == 2
    assert count_unsafe("clean\n") == 0


@given(st.text())
def test_output_is_always_safe_and_stable(text: str) -> None:
    out = sanitize(text)
    assert not any(ord(c) in UNSAFE_CODEPOINTS or c == "\r" for c in out)
    assert sanitize(out) == out
    assert unicodedata.is_normalized("NFC", out)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cf", "Cs"))))
def test_printable_nfc_text_passes_through(text: str) -> None:
    text = unicodedata.normalize("NFC", text)
    assert sanitize(text) == text


def test_soft_hyphens_and_zero_width_spaces_go_silently_joiners_stay() -> None:
    text = "Vladi\u00admir Pu\u200btin\u2060 met\ufeff the press; \u0645\u200c\u06cc and 👨\u200d👩"
    assert sanitize(text) == "Vladimir Putin met the press; \u0645\u200c\u06cc and 👨\u200d👩"
    assert count_unsafe(text) == 0  # nothing worth a warning
