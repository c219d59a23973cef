"""The visual-mode caret: moves and extensions by char, word, sentence and paragraph."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.core.model import BLOCK_SEPARATOR
from reader.tui.state.caret import VisualSelection, extend, move

BLOCKS = [
    "Marco Rubio said the talks had stalled. Mr. Smith met the U.S. team in Geneva.",
    'He said "no." Then left!',
    "Short one.",
]
TEXT = BLOCK_SEPARATOR.join(BLOCKS)
STARTS = [0, len(BLOCKS[0]) + 2, len(BLOCKS[0]) + 2 + len(BLOCKS[1]) + 2]


def at(word: str, nth: int = 0) -> int:
    """Offset of the nth occurrence of `word` in TEXT."""
    pos = -1
    for _ in range(nth + 1):
        pos = TEXT.index(word, pos + 1)
    return pos


def test_word_moves_forward_to_next_word_start() -> None:
    assert move(TEXT, STARTS, 0, "word", True) == at("Rubio")
    assert move(TEXT, STARTS, 2, "word", True) == at("Rubio")  # from inside a word
    # a word is what lies between spaces, its punctuation included: "stalled." then "Mr."
    assert move(TEXT, STARTS, at("stalled"), "word", True) == at("Mr.")
    assert move(TEXT, STARTS, at("U.S."), "word", True) == at("team")


def test_word_moves_never_stop_between_blocks() -> None:
    last = at("Geneva.")  # the last word of the block
    assert move(TEXT, STARTS, last, "word", True) == STARTS[1]
    assert move(TEXT, STARTS, STARTS[1], "word", False) == last
    assert move(TEXT, STARTS, STARTS[1] - 1, "word", False) == last  # from inside the separator


def test_word_moves_backward_to_word_start() -> None:
    assert move(TEXT, STARTS, at("said"), "word", False) == at("Rubio")
    assert move(TEXT, STARTS, at("said") + 2, "word", False) == at("said")


def test_sentence_moves_skip_abbreviations() -> None:
    assert move(TEXT, STARTS, 0, "sentence", True) == at("Mr.")
    # "Mr." and "U.S." do not end the sentence
    assert move(TEXT, STARTS, at("Mr."), "sentence", True) == STARTS[1]
    assert move(TEXT, STARTS, STARTS[1], "sentence", True) == at("Then")
    assert move(TEXT, STARTS, at("Then"), "sentence", False) == STARTS[1]
    assert move(TEXT, STARTS, at("team"), "sentence", False) == at("Mr.")
    assert move(TEXT, STARTS, STARTS[1], "sentence", False) == at("Mr.")


def test_paragraph_moves() -> None:
    assert move(TEXT, STARTS, 5, "paragraph", True) == STARTS[1]
    assert move(TEXT, STARTS, STARTS[1], "paragraph", True) == STARTS[2]
    assert move(TEXT, STARTS, STARTS[2] + 3, "paragraph", False) == STARTS[2]
    assert move(TEXT, STARTS, STARTS[2], "paragraph", False) == STARTS[1]


def test_char_moves_skip_the_separator() -> None:
    end0 = len(BLOCKS[0])
    assert move(TEXT, STARTS, 0, "char", True) == 1
    assert move(TEXT, STARTS, end0, "char", True) == STARTS[1]
    assert move(TEXT, STARTS, STARTS[1], "char", False) == end0
    assert move(TEXT, STARTS, end0 + 1, "char", False) == end0


def test_moves_are_clamped() -> None:
    n = len(TEXT)
    for unit in ("char", "word", "sentence", "paragraph"):
        assert move(TEXT, STARTS, n, unit, True) == n
        assert move(TEXT, STARTS, 0, unit, False) == 0
        assert move(TEXT, STARTS, n + 50, unit, True) == n
        assert move(TEXT, STARTS, -3, unit, False) == 0
    assert move(TEXT, STARTS, at("Short"), "paragraph", True) == n
    assert move("", [0], 0, "word", True) == 0


def test_extend_forward_goes_to_unit_ends() -> None:
    assert extend(TEXT, STARTS, 0, "word", True) == len("Marco")
    assert extend(TEXT, STARTS, 0, "sentence", True) == TEXT.index(".") + 1
    assert extend(TEXT, STARTS, 0, "paragraph", True) == len(BLOCKS[0])


def selected(sel: VisualSelection) -> str:
    start, end = sel.range
    return TEXT[start:end]


def test_visual_word_extension_selects_whole_words() -> None:
    sel = VisualSelection(0, 0)
    assert selected(sel) == ""
    sel = sel.moved(TEXT, STARTS, "word", True)
    assert selected(sel) == "Marco"
    sel = sel.moved(TEXT, STARTS, "word", True)
    assert selected(sel) == "Marco Rubio"
    # shrinking goes back to the previous word end, never leaving a trailing space
    sel = sel.moved(TEXT, STARTS, "word", False)
    assert selected(sel) == "Marco"
    sel = sel.moved(TEXT, STARTS, "word", False)
    assert sel.range == (0, 0)


def test_visual_sentence_and_paragraph_extension() -> None:
    sel = VisualSelection(0, 0).moved(TEXT, STARTS, "sentence", True)
    assert selected(sel) == "Marco Rubio said the talks had stalled."
    sel = sel.moved(TEXT, STARTS, "sentence", True)
    assert selected(sel) == BLOCKS[0]
    para = VisualSelection(at("said"), at("said")).moved(TEXT, STARTS, "paragraph", True)
    assert selected(para) == BLOCKS[0][BLOCKS[0].index("said"):]
    quoted = VisualSelection(STARTS[1], STARTS[1]).moved(TEXT, STARTS, "sentence", True)
    assert selected(quoted) == 'He said "no."'


def test_visual_backward_is_symmetric() -> None:
    end = at("said") + len("said")
    sel = VisualSelection(end, end).moved(TEXT, STARTS, "word", False)
    assert selected(sel) == "said"
    sel = sel.moved(TEXT, STARTS, "word", False)
    assert selected(sel) == "Rubio said"
    sel = sel.moved(TEXT, STARTS, "word", True)
    assert selected(sel) == "said"
    full_stop = TEXT.index(".") + 1
    back = VisualSelection(full_stop, full_stop).moved(TEXT, STARTS, "sentence", False)
    assert selected(back) == "Marco Rubio said the talks had stalled."
    back = VisualSelection(STARTS[1] + 5, STARTS[1] + 5).moved(TEXT, STARTS, "paragraph", False)
    assert selected(back) == BLOCKS[1][:5]


def test_visual_selection_across_blocks_and_span_trimming() -> None:
    start = at("Geneva")
    sel = VisualSelection(start, start)
    for _ in range(2):  # "Geneva.", "He"
        sel = sel.moved(TEXT, STARTS, "word", True)
    assert selected(sel) == "Geneva.\n\nHe"
    # entered at a word start, then grown backward: the raw range keeps the space
    rubio = at("Rubio")
    sel = VisualSelection(rubio, rubio).moved(TEXT, STARTS, "word", False)
    assert selected(sel) == "Marco "
    s, e = sel.span(TEXT)
    assert TEXT[s:e] == "Marco"
    assert VisualSelection(5, 6).span(TEXT) == (5, 5)


@st.composite
def articles(draw: st.DrawFn) -> tuple[str, list[int]]:
    alphabet = st.sampled_from(list("ab .!?\"'-\n") + ["Mr.", "U.S.", "é"])
    blocks = draw(st.lists(st.lists(alphabet, max_size=15).map("".join), min_size=1, max_size=4))
    starts, pos = [], 0
    for block in blocks:
        starts.append(pos)
        pos += len(block) + len(BLOCK_SEPARATOR)
    return BLOCK_SEPARATOR.join(blocks), starts


UNITS = st.sampled_from(["char", "word", "sentence", "paragraph"])


@given(articles(), st.integers(-5, 80), UNITS, st.booleans())
def test_moves_stay_in_text_and_go_the_right_way(article, offset, unit, forward) -> None:
    text, starts = article
    for step in (move, extend):
        new = step(text, starts, offset, unit, forward)
        assert 0 <= new <= len(text)
        clamped = min(max(offset, 0), len(text))
        if forward:
            assert new >= clamped
            if clamped < len(text):
                assert new > clamped  # progress: repeated moves reach the end
        else:
            assert new <= clamped
            if clamped > 0:
                assert new < clamped


@given(articles(), st.integers(0, 80), st.lists(st.tuples(UNITS, st.booleans()), max_size=8))
def test_visual_range_is_ordered_and_in_text(article, anchor, steps) -> None:
    text, starts = article
    anchor = min(anchor, len(text))
    sel = VisualSelection(anchor, anchor)
    for unit, forward in steps:
        sel = sel.moved(text, starts, unit, forward)
        start, end = sel.range
        assert 0 <= start <= end <= len(text)
        assert sel.anchor == anchor
        s, e = sel.span(text)
        assert start <= s <= e <= end
