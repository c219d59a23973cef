"""Direct quotes: the marks, full or partial, and the speaker, rule by rule and on the seeds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.analysis.quotes import find_quotes
from reader.core.ingest import load_file
from reader.core.model import Entity, Quote

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED_000 = SEEDS / "000_d3b81d7104f315b4.txt"
SEED_004 = SEEDS / "004_4c276616974322d3.txt"

SEED_NAMES = {
    "Marco Rubio": "Marco Rubio",
    "Rubio": "Marco Rubio",
    "Donald Trump": "Donald Trump",
    "Trump": "Donald Trump",
    "Vladimir Putin": "Vladimir Putin",
    "Putin": "Vladimir Putin",
    "Dmitry Peskov": "Dmitry Peskov",
    "Peskov": "Dmitry Peskov",
    "Volodymyr Zelenskyy": "Volodymyr Zelenskyy",
    "Zelenskyy": "Volodymyr Zelenskyy",
}


def people(text: str, names: dict[str, str]) -> list[Entity]:
    """PER mentions of `names` (surface -> canonical) in text, longest surface first."""
    if not names:
        return []
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(names, key=len, reverse=True))) + r")\b")
    return [Entity(m.start(), m.end(), "PER", m.group(), names[m.group()]) for m in pattern.finditer(text)]


def quotes(text: str, *surnames: str, **names: str) -> list[Quote]:
    """find_quotes with people built from full names ("Marco Rubio" also matches "Rubio")."""
    table: dict[str, str] = dict(names)
    for full in surnames:
        table[full] = full
        table.setdefault(full.split()[-1], full)
    return find_quotes(text, people(text, table))


def only(found: list[Quote]) -> Quote:
    assert len(found) == 1, found
    return found[0]


# -- the marks ---------------------------------------------------------------------------


def test_span_covers_the_marks_and_text_is_inside():
    text = "Intro.\n\n“We tried,” Rubio said."
    q = only(quotes(text, "Marco Rubio"))
    assert text[q.start : q.end] == "“We tried,”"
    assert q.text == "We tried,"
    assert (q.speaker, q.partial) == ("Marco Rubio", False)


def test_curly_quotes_are_directional():
    # a stray closing mark outside a quote opens nothing
    text = "The ” mark is stray. “Yes,” Rubio said."
    q = only(quotes(text, "Marco Rubio"))
    assert q.text == "Yes,"


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine’s forces said it’s over; the ’90s are back and Russia’s stance holds.",
        "Trump administration officials have argued that it’s unrealistic for Ukraine’s army.",
        "The players’ union met. Rock ’n’ roll and ’em and ‘90s styles.",
        "O'Neil's plan isn't new, and the Smiths' house is 'round the corner.",
    ],
)
def test_apostrophes_are_not_quotes(text):
    assert quotes(text) == []


def test_single_curly_quotes_when_clearly_quotes():
    q = only(quotes("He called the plan ‘a disgrace’ on Monday, and it’s not over."))
    assert q.text == "a disgrace"
    assert q.partial


def test_nested_single_quotes_stay_inside():
    text = "“She said: ‘Whatever you want’,” Reeves said."
    q = only(quotes(text, "Keanu Reeves"))
    assert q.text == "She said: ‘Whatever you want’,"
    assert q.speaker == "Keanu Reeves"


@pytest.mark.parametrize(
    "before", ["", "Intro ", "Intro\n\n", "Intro (", "Intro:", "Intro —", "Intro–", "Intro ["]
)
def test_straight_quote_opens_after_space_and_punctuation(before):
    text = f"{before}\"quoted words\" end."
    q = only(quotes(text))
    assert q.text == "quoted words"


def test_straight_quote_after_a_letter_or_digit_opens_nothing():
    assert quotes('A 12" pizza and a 10" one.') == []


def test_quote_over_several_paragraphs_is_one_quote():
    text = (
        'Rubio said: "We will talk to both sides.\n\n'
        '"Nothing is agreed until everything is agreed."\n\n'
        "Moscow has so far refused."
    )
    q = only(quotes(text, "Marco Rubio"))
    assert text[q.start] == '"' and text[q.end - 1] == '"'
    assert q.end < text.index("Moscow")
    assert q.text == "We will talk to both sides.\n\nNothing is agreed until everything is agreed."
    assert (q.speaker, q.partial) == ("Marco Rubio", False)


def test_reopened_quote_within_a_paragraph_is_one_quote():
    # sources that join paragraphs (the BBC files): `"A. "B."` is one quote, not a quote " "
    text = 'Ms Hewitt said: "We have doubled it. "We are going to extend it." She said more.'
    q = only(quotes(text, "Patricia Hewitt"))
    assert q.text == "We have doubled it. We are going to extend it."
    assert text[q.end :] == " She said more."
    assert q.speaker == "Patricia Hewitt"


def test_unbalanced_mark_stops_at_its_paragraph_end():
    text = 'He said "this never closes and runs on.\n\nNext paragraph, "fine" here.\n\nLast.'
    first, second = quotes(text)
    assert text[first.start : first.end] == '"this never closes and runs on.'
    assert first.text == "this never closes and runs on."
    assert second.text == "fine"


def test_quotes_come_in_text_order():
    text = '"One," Rubio said. "Two," he added.\n\nThen "three" came.'
    assert [q.text for q in quotes(text, "Marco Rubio")] == ["One,", "Two,", "three"]


# -- full or partial ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, partial",
    [
        ('Trump said Russia may be "dragging their feet" on ending the war.', True),
        ('The U.S. and Ukraine agreed to "eliminate the use of force" and more.', True),
        ("Rubio said a “no” from Moscow would force Washington to act.", True),
        ('"We had conversations," Rubio said of the matter.', False),
        ('Rubio said: "I think you have to make more progress."', False),
        ('"we tried everything", Rubio said.', False),  # attribution comma pattern
        ('Laporte observed: "There was a French half and a Welsh half".', False),
        ('He liked the film "Ray." It won.', True),  # short title mid-sentence
    ],
)
def test_full_or_partial(text, partial):
    q = only(quotes(text, "Marco Rubio", "Donald Trump", "Bernard Laporte"))
    assert q.partial is partial


# -- speakers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        '"We will act," Rubio said.',
        '"We will act," said Rubio.',
        '"We will act," Rubio told reporters.',
        '"We will act," Rubio told reporters on Wednesday.',
        '"We will act," Rubio said of the matter.',
        'Rubio said: "We will act."',
        'Rubio told reporters: "We will act."',
        'Secretary of State Marco Rubio said: "We will act."',
        '"We will act," said Secretary of State Marco Rubio.',
        '"We will act," according to Rubio.',
        'According to Rubio, "We will act."',
        '"We will act," Rubio, who met Putin on Monday, said.',
        '"We will act," the top U.S. diplomat, Marco Rubio, said.',
        '"We will act," Rubio later told reporters.',
        '"We will act," Rubio has said.',
    ],
)
def test_explicit_attribution(text):
    q = only(quotes(text, "Marco Rubio", "Vladimir Putin"))
    assert q.speaker == "Marco Rubio"


@pytest.mark.parametrize(
    "verb",
    "said says told added asked stated declared explained noted warned insisted claimed argued "
    "wrote tweeted replied continued".split(),
)
def test_reporting_verbs(verb):
    obj = " reporters" if verb == "told" else ""
    q = only(quotes(f'"We will act," Rubio {verb}{obj}.', "Marco Rubio"))
    assert q.speaker == "Marco Rubio"
    q = only(quotes(f'"We will act," {verb} Rubio.', "Marco Rubio"))
    # the one told is who heard it, not who said it ("told the BBC")
    assert q.speaker == (None if verb == "told" else "Marco Rubio")


def test_pronoun_prefers_the_last_speaker_to_a_more_recent_name():
    text = (
        "Rubio told reporters about it.\n\n"
        "Addressing reporters, Rubio stopped short of saying the deal Zelenskyy is seeking "
        "was a guarantee.\n\n"
        "“I wouldn’t couch it as a security guarantee,” he said."
    )
    q = only(quotes(text, "Marco Rubio", "Volodymyr Zelenskyy"))
    assert q.speaker == "Marco Rubio"


def test_pronoun_goes_to_a_newer_sentence_subject():
    text = (
        '"We are ready," Rubio said.\n\n'
        "Kremlin spokesman Dmitry Peskov told reporters that Moscow is waiting. Peskov didn’t "
        "rule out a call between Trump and Putin.\n\n"
        '"We need details," he said.'
    )
    found = quotes(text, "Marco Rubio", "Dmitry Peskov", "Donald Trump", "Vladimir Putin")
    assert [q.speaker for q in found] == ["Marco Rubio", "Dmitry Peskov"]


def test_pronoun_with_no_speaker_yet_is_the_last_named_person():
    text = 'Rubio arrived in Ireland. "It went well," he said.'
    assert only(quotes(text, "Marco Rubio")).speaker == "Marco Rubio"


def test_pronoun_gender_from_a_title():
    text = (
        "Ms Hewitt stressed the plans. But David Frost warned that firms could suffer.\n\n"
        '"It will be paid for," she said.'
    )
    q = only(quotes(text, "Patricia Hewitt", "David Frost"))
    assert q.speaker == "Patricia Hewitt"


def test_split_quote_keeps_its_speaker():
    text = "“We’re not going in with a notion,” he said. “How that looks is what we’ll discuss.”"
    first, second = quotes("Rubio told reporters the news.\n\n" + text, "Marco Rubio")
    assert first.speaker == second.speaker == "Marco Rubio"
    assert not second.partial


def test_quote_only_paragraph_keeps_the_previous_speaker():
    text = '"We had talks," Rubio said.\n\n"They went well and we will continue."'
    first, second = quotes(text, "Marco Rubio")
    assert second.speaker == "Marco Rubio"


def test_unnamed_speaker_is_none_and_is_not_carried_over():
    text = (
        '"We act," Rubio said.\n\n'
        '"It will not help," a government spokesman said. "Nothing will."\n\n'
        '"Nothing at all."'
    )
    found = quotes(text, "Marco Rubio")
    assert [q.speaker for q in found] == ["Marco Rubio", None, None, None]


def test_two_agents_give_no_speaker():
    text = 'The U.S., Russia, and Ukraine agreed to "eliminate the use of force" in the Black Sea.'
    q = only(quotes(text, "Marco Rubio"))
    assert (q.speaker, q.partial) == (None, True)
    text = 'Trump and Putin said: "We agree."'
    assert only(quotes(text, "Donald Trump", "Vladimir Putin")).speaker is None


def test_partial_quote_goes_to_the_nearest_speech_noun_or_verb():
    text = (
        "Rubio's comments follow Trump's March 25 statement that Russia may be "
        '"dragging their feet" on ending its war.'
    )
    q = only(quotes(text, "Marco Rubio", "Donald Trump"))
    assert (q.speaker, q.partial) == ("Donald Trump", True)
    text = 'Peskov said Moscow found the plan "premature" and would wait.'
    assert only(quotes(text, "Dmitry Peskov")).speaker == "Dmitry Peskov"


def test_partial_quote_with_a_participle_and_a_closing_attribution():
    text = 'Mr Blair refused to be pinned down, saying the poll would come "some time in 2006".'
    assert only(quotes(text, "Tony Blair")).speaker == "Tony Blair"
    text = 'The band had "no other course of action", lead singer Gary Lightbody has said.'
    assert only(quotes(text, "Gary Lightbody")).speaker == "Gary Lightbody"


def test_unnamed_person_is_not_resolved_to_an_earlier_name():
    text = (
        '"Sentences will fall," John Denham said.\n\n'
        "But a spokesman for the Home Office defended the proposals. He said: "
        '"Parliament sent a clear signal."'
    )
    first, second = quotes(text, "John Denham")
    assert (first.speaker, second.speaker) == ("John Denham", None)
    text = '"Sentences will fall," Denham said. A spokesman for the Home Office disagreed. "It is fair."'
    assert [q.speaker for q in quotes(text, "John Denham")] == ["John Denham", None]


def test_description_instead_of_a_name_gives_none():
    text = 'Agassi lost to Melzer. "A lot more guys are capable of it now," said the American.'
    assert only(quotes(text, "Andre Agassi", "Jurgen Melzer")).speaker is None


def test_quote_after_a_sentence_about_one_person():
    text = 'Graham Barlow, editor of Mac Format, has a partisan view. "It\'s just a Mac, but a great one."'
    assert only(quotes(text, "Graham Barlow")).speaker == "Graham Barlow"
    text = 'Mr Valentine, who grew up in Argentina, agreed. "If I have to save pesos there is no problem".'
    q = only(quotes(text, "Drayton Valentine"))
    assert (q.speaker, q.partial) == ("Drayton Valentine", False)


def test_verb_after_and_or_but_takes_the_sentence_subject():
    text = 'Wilson has twice tried to revive Factory but conceded it had been "dismal".'
    assert only(quotes(text, "Tony Wilson")).speaker == "Tony Wilson"


def test_not_a_subject_after_a_preposition():
    text = '"We act," a spokesman for Rubio said.'
    assert only(quotes(text, "Marco Rubio")).speaker is None


def test_mentions_inside_quotes_are_not_speakers():
    text = '"Rubio will decide," the official said.'
    assert only(quotes(text, "Marco Rubio")).speaker is None


def test_no_people_means_no_speakers():
    text = '"We will act," Rubio said. "Soon," he added.'
    assert [q.speaker for q in find_quotes(text, [])] == [None, None]


def test_a_known_place_never_speaks():
    text = '"We will act," Moscow said.'
    place = [Entity(text.index("Moscow"), text.index("Moscow") + 6, "LOC", "Moscow", "Moscow")]
    assert only(find_quotes(text, place)).speaker is None


def test_deterministic_and_pure():
    text = load_file(SEED_004).article.text
    mentions = people(text, SEED_NAMES)
    before = list(mentions)
    assert find_quotes(text, mentions) == find_quotes(text, list(reversed(mentions)))
    assert mentions == before


def test_no_quotes_no_work():
    assert find_quotes("", []) == []
    assert find_quotes("Plain text without any quotation.", []) == []


# -- the seeds ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds() -> dict[str, tuple[str, list[Quote]]]:
    found = {}
    for key, path in (("000", SEED_000), ("004", SEED_004)):
        text = load_file(path).article.text
        found[key] = (text, find_quotes(text, people(text, SEED_NAMES)))
    return found


def by_text(found: list[Quote], start: str) -> Quote:
    return next(q for q in found if q.text.startswith(start))


def test_seed_quotes_are_well_formed(seeds):
    for text, found in seeds.values():
        assert found == sorted(found, key=lambda q: q.start)
        for q in found:
            span = text[q.start : q.end]
            assert span[0] in "\"“" and span[-1] in "\"”"
            assert q.text == span[1:-1]


def test_seed_full_quotes_are_all_rubios(seeds):
    full = [q for _, found in seeds.values() for q in found if not q.partial]
    assert len([q for q in seeds["000"][1] if not q.partial]) == 2
    assert len([q for q in seeds["004"][1] if not q.partial]) == 8
    assert {q.speaker for q in full} == {"Marco Rubio"}


def test_seed_split_quote(seeds):
    _, found = seeds["004"]
    first = by_text(found, "We’re not going to go in")
    second = by_text(found, "How that looks")
    assert first.speaker == second.speaker == "Marco Rubio"
    assert not second.partial


def test_seed_partial_quotes(seeds):
    _, found = seeds["000"]
    feet = by_text(found, "dragging their feet")
    assert (feet.text, feet.speaker, feet.partial) == ("dragging their feet", "Donald Trump", True)
    force = by_text(found, "eliminate the use of force")
    assert (force.speaker, force.partial) == (None, True)
    _, found = seeds["004"]
    no = by_text(found, "no")
    assert no.text == "no" and no.partial
    assert no.speaker in (None, "Marco Rubio")


def test_seed_quote_counts(seeds):
    assert [len(found) for _, found in seeds.values()] == [4, 9]


def test_seed_apostrophes_are_not_quotes(seeds):
    text, found = seeds["004"]
    for word in ("it’s", "Ukraine’s", "didn’t", "they’ve", "Russia’s"):
        at = text.index(word)
        assert not any(q.start <= at < q.end and q.text.count("’") == 0 for q in found)
    spans = [text[q.start : q.end] for q in found]
    assert all(s[0] == "“" for s in spans)


# -- any text ----------------------------------------------------------------------------

_PIECES = st.sampled_from(
    ['"', "“", "”", "‘", "’", "'", " ", "\n\n", ",", ".", ":", "—", "(", "Rubio", "he", "she",
     "said", "told", "according to", "a", "Spokesman", "We", "and", "Mr", "’s", "’90s"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=60))
def test_any_text_gives_ordered_spans_inside_the_text(pieces):
    text = "".join(pieces)
    found = quotes(text, "Marco Rubio")
    last = 0
    for q in found:
        assert last <= q.start < q.end <= len(text)
        assert text[q.start] in "\"“‘'"
        assert q.text.strip()
        assert q.speaker in (None, "Marco Rubio")
        last = q.end
