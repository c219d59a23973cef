"""Re-anchoring a note's passage in an article's changed text: exact, moved, fuzzy, orphan."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.core.model import Anchor, Selector
from reader.core.reanchor import FUZZY_THRESHOLD, reanchor

TEXT = (
    "The council met on Tuesday evening.\n\n"
    "The quick brown fox jumps over the lazy dog, the mayor said.\n\n"
    "Residents asked about the bridge, which has been closed since March."
)
QUOTE = "The quick brown fox jumps over the lazy dog"


def selector(text: str = TEXT, quote: str = QUOTE, occurrence: int = 0) -> Selector:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    return Selector.at(text, start, start + len(quote))


def test_unchanged_position_is_exact() -> None:
    old = selector()
    new, anchor = reanchor(old, TEXT + "\n\nA paragraph added at the end.")
    assert anchor == Anchor("exact", 1.0)
    assert new is not None and (new.start, new.end, new.exact) == (old.start, old.end, QUOTE)


def test_text_inserted_before_moves_the_quote() -> None:
    new_text = "Updated: a correction was added at the top of this story.\n\n" + TEXT
    new, anchor = reanchor(selector(), new_text)
    assert anchor == Anchor("moved", 1.0)
    assert new is not None and new_text[new.start : new.end] == QUOTE
    assert new.start == selector().start + len("Updated: a correction was added at the top of this story.\n\n")


def test_of_two_occurrences_the_one_with_the_old_context_wins() -> None:
    text = "Intro line. Prices rose again. The end of part one.\n\nSecond part. Prices rose again. Closing words here."
    old = selector(text, "Prices rose again", occurrence=1)  # the second one
    # Text inserted before both shifts them; the first occurrence now sits nearer the old offset.
    new_text = "A long new paragraph was inserted up here by the editors overnight.\n\n" + text
    new, anchor = reanchor(old, new_text)
    assert anchor.state == "moved"
    assert new is not None and new.start == new_text.index("Prices rose again", new_text.index("Second part"))
    assert new.prefix.endswith("Second part. ")


def test_nearest_occurrence_breaks_a_tie_in_context() -> None:
    text = "x. Same words here. y\n\n" * 3
    old = selector(text, "Same words here", occurrence=1)
    new_text = "z" + text  # every occurrence shifts by one, contexts all alike
    new, anchor = reanchor(old, new_text)
    assert anchor.state == "moved" and new is not None and new.start == old.start + 1


def test_curly_quotes_fold_to_plain_ones() -> None:
    text = 'He said "no comment" and left.'
    old = selector(text, '"no comment"')
    new_text = "Update. He said \u201cno comment\u201d and left."
    new, anchor = reanchor(old, new_text)
    assert anchor.state == "moved" and new is not None and new.exact == "\u201cno comment\u201d"


def test_a_word_changed_inside_the_quote_is_fuzzy_with_its_score() -> None:
    new_text = TEXT.replace("brown", "red")
    new, anchor = reanchor(selector(), new_text)
    assert anchor.state == "fuzzy" and FUZZY_THRESHOLD <= anchor.score < 1
    assert new is not None and new.exact == "The quick red fox jumps over the lazy dog"
    assert new_text[new.start : new.end] == new.exact


def test_words_added_inside_the_quote_widen_the_span() -> None:
    new_text = TEXT.replace("brown", "very dark brown")
    new, anchor = reanchor(selector(), new_text)
    assert anchor.state == "fuzzy"
    assert new is not None and new.exact == "The quick very dark brown fox jumps over the lazy dog"


def test_fuzzy_far_from_the_old_place_is_found_in_the_whole_text() -> None:
    filler = "\n\n".join(f"Paragraph {i} of background that says nothing in particular." for i in range(200))
    new_text = filler + "\n\n" + TEXT.replace("brown", "red")
    new, anchor = reanchor(selector(), new_text)
    assert anchor.state == "fuzzy" and new is not None
    assert new.exact == "The quick red fox jumps over the lazy dog"


def test_a_passage_that_is_gone_is_an_orphan() -> None:
    new_text = TEXT.replace("The quick brown fox jumps over the lazy dog, the mayor said.", "No comment was given.")
    assert reanchor(selector(), new_text) == (None, Anchor("orphan", 0.0))


def test_empty_new_text_is_an_orphan() -> None:
    assert reanchor(selector(), "") == (None, Anchor("orphan", 0.0))


@given(st.text(min_size=1, max_size=300), st.data())
def test_an_unchanged_text_always_gives_exact_with_the_same_offsets(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    old = Selector.at(text, start, end)
    new, anchor = reanchor(old, text)
    assert anchor == Anchor("exact", 1.0)
    assert new == old
