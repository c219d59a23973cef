"""Speakers the entity engine missed or typed otherwise, and the places where a candidate
speaker is no speaker. Sentences written for these tests."""

from __future__ import annotations

import re

from reader.core.analysis.quotes import find_quotes
from reader.core.model import Entity, Quote


def mentions(text: str, names: dict[str, str]) -> list[Entity]:
    """An entity for each surface in `names` (surface -> type), canonical name = surface."""
    if not names:
        return []
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(names, key=len, reverse=True))) + r")\b")
    return [Entity(m.start(), m.end(), names[m.group()], m.group(), m.group()) for m in pattern.finditer(text)]  # type: ignore[arg-type]


def speaker_of(text: str, names: dict[str, str], index: int = -1) -> str | None:
    found: list[Quote] = find_quotes(text, mentions(text, names))
    return found[index].speaker


# -- names the engine missed --------------------------------------------------------------


def test_an_untagged_name_right_before_said_speaks():
    text = 'Fans cheered Quillon at the ground. Quillon said: "I feel at home here."'
    assert speaker_of(text, {}) == "Quillon"


def test_an_untagged_capitalised_word_the_article_also_writes_in_lower_case_does_not():
    text = 'The council met on Monday. Officials said: "We are ready." Some officials left early.'
    assert speaker_of(text, {}) is None


def test_a_place_typed_name_right_before_its_verb_speaks():
    text = 'A study came out in Brightfold. "Most people sleep too little," Brightfold reported.'
    assert speaker_of(text, {"Brightfold": "LOC"}) == "Brightfold"


def test_a_nationality_after_the_is_no_speaker():
    text = 'Pim Vos was sold in 2001. "I was happy there," the Dutchman said.'
    assert speaker_of(text, {"Dutchman": "MISC"}) is None


def test_a_name_typed_as_other_after_a_job_is_a_person():
    text = '"The offer is too low," said Quarrow chairman Elin Marsh.'
    assert speaker_of(text, {"Quarrow": "ORG", "Elin Marsh": "MISC"}) == "Elin Marsh"


def test_what_a_spokeswoman_speaks_for_is_an_organisation_whatever_its_type():
    text = 'A spokeswoman for Northline Post said: "We are looking into it."'
    assert speaker_of(text, {"Northline Post": "PER"}) == "Northline Post"


def test_a_spokesman_for_a_titled_person_leaves_the_person_a_person():
    text = 'Mr Marsh was away. A spokesman for Elin Marsh said: "He is resting."'
    assert speaker_of(text, {"Elin Marsh": "PER", "Marsh": "PER"}) is None


def test_an_untagged_name_before_spokesman_is_the_organisation():
    text = 'A Seven spokesman said: "We are surprised by the complaints."'
    assert speaker_of(text, {}) == "Seven"


def test_a_spokesperson_named_in_apposition_speaks_for_himself():
    text = '"We act at once," Ivo Brandt, a Telmo spokesperson said.'
    assert speaker_of(text, {"Ivo Brandt": "PER", "Telmo": "ORG"}) == "Ivo Brandt"


# -- candidates that are no speaker ------------------------------------------------------


def test_it_after_an_unnamed_committee_is_not_the_last_organisation():
    text = (
        'Chairman Olan Reed said: "It must change." The committee reached its view after a year. '
        'It warned that the agency was not "fit for purpose".'
    )
    assert speaker_of(text, {"Olan Reed": "ORG"}) is None


def test_a_verb_in_a_relative_clause_about_the_quote_before_reports_only_that_quote():
    text = (
        'Ula Penn said instead of the "big cuts" Norland Party had promised, there had been an '
        '"explosion" of spending.'
    )
    assert speaker_of(text, {"Ula Penn": "PER", "Norland Party": "ORG"}) != "Norland Party"


def test_and_added_takes_the_subject_of_its_own_clause_after_but():
    text = (
        'Port Authority claimed Mr Gale led the group, but his lawyer, Ned Hart, told reporters '
        'it was absurd and added: "He could not even use a computer."'
    )
    names = {"Port Authority": "ORG", "Gale": "PER", "Ned Hart": "PER"}
    assert speaker_of(text, names) == "Ned Hart"
    assert speaker_of(text.replace("group, but", "group but"), names) == "Ned Hart"


def test_an_untagged_full_name_with_a_common_first_name_and_a_job_between_commas_speaks():
    text = (
        'Helen Brook, shadow secretary for transport, told reporters that the plans were '
        '"a mess" and "badly costed".'
    )
    assert speaker_of(text, {}, 0) == "Helen Brook"


def test_a_reply_is_spoken_by_whoever_was_asked():
    text = (
        'At the hearing a reporter asked Ann Vale, "What is the hardest part?"\n\n'
        '"Getting people to listen," she replied. "That comes first."'
    )
    assert speaker_of(text, {"Ann Vale": "PER"}, 1) == "Ann Vale"
    assert speaker_of(text, {"Ann Vale": "PER"}, 2) == "Ann Vale"


def test_a_fragment_a_dozen_words_after_the_one_before_keeps_its_speaker():
    text = (
        'Ula Penn said the board would bring "real change" to the way the schools work, '
        'as well as a "fair deal".'
    )
    assert [q.speaker for q in find_quotes(text, mentions(text, {"Ula Penn": "PER"}))] == ["Ula Penn"] * 2


def test_a_fragment_in_the_reason_for_a_request_is_nobody_s_words():
    text = 'Neighbours said Ula Penn had asked them to come along because she wanted help with the "heavy lifting".'
    assert speaker_of(text, {"Ula Penn": "PER"}) is None


def test_the_committee_is_the_one_committee_the_article_names():
    text = (
        'A report by the Harbour safety and transport committee came out on Monday. '
        'The committee reached its view after a year. It warned that the ports were "not ready".'
    )
    assert speaker_of(text, {"Harbour": "ORG"}) == "Harbour safety and transport committee"


def test_a_clause_is_no_body_s_name():
    text = 'Now the Rovers have asked for an inquiry. The inquiry said the claims were "baseless".'
    assert speaker_of(text, {"Rovers": "ORG"}) is None


def test_whoever_is_let_give_a_speech_before_a_colon_speaks():
    text = (
        "Ivo Brandt was arrested in May. At the trial a lenient judge allowed the defendant to make "
        'a short statement: "I did nothing wrong. I would do it again."'
    )
    assert speaker_of(text, {"Ivo Brandt": "PER"}) == "Ivo Brandt"
    named = 'The chair invited Ivo Brandt to give a speech: "We have won."'
    assert speaker_of(named, {"Ivo Brandt": "PER"}) == "Ivo Brandt"


# -- a reporting clause set off by commas reports its sentence's subject, not speaks as it ------


def test_he_claimed_after_a_clause_about_someone_is_the_last_speaker_not_that_someone():
    text = ('Mr Holt said the town was "in decline". Mr Mara has failed to tackle these problems, he claimed, '
            'saying he has the "wrong answer" to them.\n\n"The result is higher taxes and fewer jobs."')
    names = {"Mr Holt": "PER", "Mr Mara": "PER"}
    assert speaker_of(text, names, 1) == "Mr Holt"  # the partial quote after "he claimed, saying"
    assert speaker_of(text, names, 2) == "Mr Holt"  # and the quote-only paragraph after it


def test_a_fronted_name_is_not_who_she_is_when_she_speaks():
    text = ('Cate Vane, who won for playing Kay Lord, said it was "a surprise". '
            'Of Kay Lord, she said: "Her career is inspiring to everyone."')
    assert speaker_of(text, {"Cate Vane": "PER", "Kay Lord": "PER"}) == "Cate Vane"


def test_he_in_what_a_participle_reports_is_still_the_subject():
    text = ('Mr Lord began his testimony last week, telling the court that he objected to the way that '
            'the "running of a normal business" was shown.')
    assert speaker_of(text, {"Mr Lord": "PER"}) == "Mr Lord"
