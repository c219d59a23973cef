"""Tokenizer, sentence splitter and the shipped entity tagger (reader.core.analysis.ner)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.analysis.ner import Tagger, spans_from_tags, to_iob2
from reader.core.analysis.tokenize import sentences, tokenize

ROOT = Path(__file__).resolve().parents[2]
TESTA = ROOT.parent / "shared" / "data" / "conll2003" / "eng.testa"


def words(text: str) -> list[str]:
    return [t.text for t in tokenize(text)]


# -- tokenizer ---------------------------------------------------------------------------


def test_offsets_round_trip_with_curly_quotes_abbreviations_and_possessives():
    text = "“It’s Rubio’s call,” he said on Feb. 21 in the U.S. — Mr. O'Brien's \"view\"."
    tokens = tokenize(text)
    assert all(text[t.start:t.end] == t.text for t in tokens)
    assert [t.text for t in tokens] == [
        "“", "It", "’s", "Rubio", "’s", "call", ",", "”", "he", "said", "on", "Feb.", "21",
        "in", "the", "U.S.", "—", "Mr.", "O'Brien", "'s", '"', "view", '"', ".",
    ]


def test_penn_style_splits():
    assert words("A 30-day, full-scale plan cost $1,250.5 (US$3bn) or 76%.") == [
        "A", "30-day", ",", "full-scale", "plan", "cost", "$", "1,250.5", "(", "US$", "3bn",
        ")", "or", "76", "%", ".",
    ]
    assert words("They don't know AT&T's N.J. unit... at 3 p.m. Today") == [
        "They", "do", "n't", "know", "AT&T", "'s", "N.J.", "unit", "...", "at", "3", "p.m.",
        "Today",
    ]
    assert words("John F. Kennedy") == ["John", "F.", "Kennedy"]
    assert words("It's over.") == ["It", "'s", "over", "."]


@given(st.text(alphabet=st.sampled_from(list("aZ9 .,'’“”\"-$&\n")), max_size=60))
def test_offsets_always_round_trip(text):
    tokens = tokenize(text)
    assert all(text[t.start:t.end] == t.text for t in tokens)
    assert all(a.end <= b.start for a, b in zip(tokens, tokens[1:]))
    assert "".join(t.text for t in tokens) == "".join(text.split())


def test_sentences_split_at_final_marks_and_paragraphs_not_abbreviations():
    text = (
        'Mr. Smith went to Washington, D.C. on Feb. 3. "Why?" he asked. He left the U.S. '
        "The end\n\nA new paragraph without a full stop\nstill the same paragraph."
    )
    split = [" ".join(t.text for t in s) for s in sentences(tokenize(text), text)]
    assert split == [
        "Mr. Smith went to Washington , D.C. on Feb. 3 .",
        '" Why ? "',
        "he asked .",
        "He left the U.S.",
        "The end",
        "A new paragraph without a full stop still the same paragraph .",
    ]


def test_iob_helpers():
    assert to_iob2(["I-PER", "I-PER", "O", "I-LOC", "I-ORG"]) == ["B-PER", "I-PER", "O", "B-LOC", "B-ORG"]
    assert spans_from_tags(["B-PER", "I-PER", "B-PER", "O", "I-LOC"]) == [
        (0, 2, "PER"), (2, 3, "PER"), (4, 5, "LOC"),
    ]


def test_table_lines_are_results_and_standings_not_prose():
    from reader.core.analysis.ner.tables import is_number, table_lines

    lines = [
        "SOCCER - DUTCH FIRST DIVISION RESULTS",
        "Ajax 10 8 1 1 25 6 25",
        "Barcelona 3 Real Madrid 1",
        "The club won 3-1 on Saturday and 2-0 in midweek",
        "Australia 345 for 6 declared",  # as many words as numbers: not counted
        "Feyenoord 2 ( Koeman 24 pen , Larsson 80 )",
    ]
    split = [line.split() for line in lines]
    numbers = [sum(map(is_number, ws)) for ws in split]
    lowers = [sum(w.islower() for w in ws) for ws in split]
    rows, table_doc = table_lines(numbers, lowers)
    assert rows == [False, True, True, False, False, True]
    assert table_doc
    assert table_lines(numbers[:3], lowers[:3]) == ([False, True, True], False)
    assert [is_number(w) for w in ("2-1", "1:45.20", "1996", "F1", "-")] == [True, True, True, False, False]


# -- tagger ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger.default()


def found(tagger: Tagger, text: str) -> set[tuple[str, str]]:
    return {(text[s:e], kind) for s, e, kind in tagger.entities(text)}


def test_tagger_finds_people_places_and_organisations(tagger):
    text = (
        "Secretary of State Marco Rubio said in Kyiv on Tuesday that NATO would not abandon "
        "Ukraine. Rubio met President Volodymyr Zelensky and officials from the European Union."
    )
    got = found(tagger, text)
    for expected in [
        ("Marco Rubio", "PER"), ("Kyiv", "LOC"), ("NATO", "ORG"), ("Ukraine", "LOC"),
        ("Rubio", "PER"), ("Volodymyr Zelensky", "PER"), ("European Union", "ORG"),
    ]:
        assert expected in got


def test_tagger_on_business_news(tagger):
    text = (
        "Shares in Microsoft rose 3% in New York after chief executive Satya Nadella said the "
        "company would invest $10bn in Germany. Deutsche Bank analysts in Frankfurt were upbeat."
    )
    got = found(tagger, text)
    for expected in [
        ("Microsoft", "ORG"), ("New York", "LOC"), ("Satya Nadella", "PER"),
        ("Germany", "LOC"), ("Deutsche Bank", "ORG"), ("Frankfurt", "LOC"),
    ]:
        assert expected in got


def test_spans_point_into_the_text(tagger):
    text = "“We will win,” said Angela Merkel in Berlin.\n\nMerkel’s party, the CDU, agreed."
    for start, end, kind in tagger.entities(text):
        assert text[start:end].strip() == text[start:end] and kind in {"PER", "LOC", "ORG", "MISC"}
    got = found(tagger, text)
    assert ("Angela Merkel", "PER") in got and ("Berlin", "LOC") in got


def test_empty_and_odd_inputs(tagger):
    assert tagger.entities("") == []
    assert tagger.entities("   \n\n  ") == []
    assert tagger.tag_document([]) == []
    assert tagger.tag_document([[], ["Paris"]])[0] == []
    assert tagger.tag_document([["Paris", "won"], []]) == [["B-LOC", "O"], []]
    assert tagger.entities("!!! ??? ...") == []


def test_fast_decoder_matches_crfsuite(tagger):
    """The pure-Python decoder gives the tags crfsuite gives on the string features."""
    from reader.core.analysis.ner import MODEL_DIR
    from reader.core.analysis.ner.train import CrfsuiteTagger

    reference = CrfsuiteTagger(MODEL_DIR)
    text = (
        "SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .\n\n"
        "AL-AIN , United Arab Emirates 1996-12-06\n\n"
        "Japan began the defence of their Asian Cup title with a lucky 2-1 win against Syria "
        "in a Group C championship match on Friday . But China saw their luck desert them in "
        "the second match of the group , crashing to a surprise 2-0 defeat to newcomers "
        "Uzbekistan . Nadim Ladki of Syria and Igor Shkvyrin of Uzbekistan scored .\n\n"
        "“We’re not done,” said iPhone maker Apple’s Tim Cook in Cupertino, Calif., on Feb. 3.\n\n"
        "Barcelona 3 Real Madrid 1\n\nValencia 2 Spain 0\n\nAjax 10 8 1 1 25 6 25\n\n"
        "PSV Eindhoven beat Utrecht in Amsterdam ."
    )
    docs = [[[t.text for t in s] for s in sentences(tokenize(text), text)]]
    if TESTA.exists():
        from reader.core.analysis.ner.conll import read_conll

        docs += [[[w for w, _ in s] for s in doc] for doc in read_conll(TESTA)[:25]]
    for doc in docs:
        assert tagger.tag_document(doc) == reference.tag_document(doc)


@pytest.mark.skipif(not TESTA.exists(), reason="needs ../shared/data/conll2003/eng.testa")
def test_f1_on_a_dev_sample_is_far_above_the_rule_baseline(tagger):
    """Guards against a broken model file: PER/LOC/ORG F1 on 60 dev documents."""
    from reader.core.analysis.ner.conll import read_conll
    from reader.core.analysis.ner.train import score

    result = score(tagger, read_conll(TESTA)[:60])
    assert result["F1"] > 85, result
