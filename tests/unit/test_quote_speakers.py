"""Speakers beyond "X said": organisations, the verb table, continuations, descriptions,
questions, and speech told apart from terms (issue 14). Sentences written for these tests."""

from __future__ import annotations

import re

import pytest

from reader.core.analysis import verbs
from reader.core.analysis.quotes import find_quotes
from reader.core.model import Analysis, Entity, Quote
from reader.core.store.records import analysis_from_record, analysis_to_record
from reader.tui.widgets.panel_items import quotes_in_text_order


def entities(text: str, names: dict[str, tuple[str, str]]) -> list[Entity]:
    """Mentions of `names` (surface -> (canonical, type)) in text, longest surface first."""
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(names, key=len, reverse=True))) + r")\b")
    return [Entity(m.start(), m.end(), names[m.group()][1], m.group(), names[m.group()][0]) for m in pattern.finditer(text)]


def quotes(text: str, **names: str) -> list[Quote]:
    """find_quotes with PER names given as keywords, ORG names after "org_" ("org_DrKW")."""
    table: dict[str, tuple[str, str]] = {}
    for key, canonical in names.items():
        kind = "ORG" if key.startswith("org_") else "PER"
        surface = key.removeprefix("org_").replace("_", " ")
        table[surface] = (canonical, kind)
        if kind == "PER":
            table.setdefault(canonical, (canonical, kind))
            table.setdefault(canonical.split()[-1], (canonical, kind))
    return find_quotes(text, entities(text, table))


def speakers(found: list[Quote]) -> list[str | None]:
    return [q.speaker for q in found]


# -- 1. organisations speak --------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        '"Rates will rise," DrKW said.',
        '"Rates will rise," said DrKW.',
        'DrKW said in a note: "Rates will rise."',
        'DrKW said rates were "bound to rise".',
        '"Rates will rise," a DrKW spokesman said.',
        'A spokeswoman for DrKW said: "Rates will rise."',
        '"Rates will rise," said a spokesman for DrKW.',
        "DrKW cut its forecast. \"Rates will rise,\" the bank said.",
        "DrKW cut its forecast on Monday. \"Rates will rise,\" it said in a statement.",
    ],
)
def test_an_organisation_speaks(text):
    q = quotes(text, org_DrKW="DrKW")[-1]
    assert q.speaker == "DrKW" and q.kind == "speech"


def test_a_named_spokesman_speaks_for_himself():
    text = 'Mike Caudwell, spokesman for Vodafone, said the phones were big. "They were popular," he said.'
    assert speakers(quotes(text, Mike_Caudwell="Mike Caudwell", org_Vodafone="Vodafone")) == ["Mike Caudwell"]


def test_it_is_no_organisation_after_a_person_or_a_thing_spoke():
    text = 'Mr Crosby\'s statement said: "We act." It added: "We win."'
    assert speakers(quotes(text, Crosby="Lynton Crosby", org_Times="Times")) == ["Lynton Crosby", None]
    text = 'The Times said it was told. Mr Crosby\'s statement said: "We act." It added: "We win."'
    assert speakers(quotes(text, Crosby="Lynton Crosby", org_Times="Times"))[-1] is None


def test_the_spokesman_is_the_one_met_before():
    text = 'A spokeswoman for Royal Mail said it was looking into it. "We are sorry," the spokeswoman said.'
    assert speakers(quotes(text, org_Royal_Mail="Royal Mail")) == ["Royal Mail"]


def test_an_organisation_in_a_persons_title_is_not_the_speaker():
    text = '"Prices rose," said Southcorp chairman Brian Finn.'
    assert speakers(quotes(text, Brian_Finn="Brian Finn", org_Southcorp="Southcorp")) == ["Brian Finn"]
    text = 'David Frost, director general of the British Chambers of Commerce, warned firms could be "crippled".'
    found = quotes(text, David_Frost="David Frost", org_British_Chambers_of_Commerce="British Chambers of Commerce")
    assert speakers(found) == ["David Frost"]


# -- 2. the verbs of speech, from one table ----------------------------------------------


@pytest.mark.parametrize(
    "lemma, forms",
    [
        ("say", {"say", "says", "said", "saying"}),
        ("write", {"write", "writes", "wrote", "written", "writing"}),
        ("admit", {"admit", "admits", "admitted", "admitting"}),
        ("reply", {"replied", "replying", "replies"}),  # "replies" only after a subject
        ("sum up", {"sum up", "sums up", "summed up", "summing up"}),
        ("instruct", {"instruct", "instructs", "instructed", "instructing"}),
    ],
)
def test_the_table_gives_every_form(lemma, forms):
    table = verbs.forms()
    assert {form for form, info in table.items() if info.lemma == lemma} == forms


@pytest.mark.parametrize(
    "text",
    [
        'Smith felt that "the game was lost".',
        'Smith summed up the mood: "We are finished."',
        'Smith instructed staff: "Lock the doors."',
        'Smith wrote: "The game was lost."',
        '"The game was lost," Smith wrote.',
        '"The game was lost," Smith admitted.',
        '"The game was lost," Smith recalled.',
        'Smith notes that the club was "in a mess".',
        '"The game was lost," according to Smith.',
    ],
)
def test_verbs_other_than_say(text):
    assert speakers(quotes(text, Smith="Jo Smith")) == ["Jo Smith"]


def test_the_one_told_is_not_the_speaker():
    assert speakers(quotes('Mr Mates told the BBC on Friday: "That is right."', Mates="Michael Mates", org_BBC="BBC")) == ["Michael Mates"]
    assert speakers(quotes('"We act," told Smith.', Smith="Jo Smith")) == [None]


def test_a_long_relative_clause_between_the_name_and_the_verb():
    """A new user found this one unknown: the clause is 127 characters, without a comma."""
    text = ('Mr Mates, who is a member of the Commons intelligence and security committee and was part of the '
            'Butler inquiry into pre-war intelligence, told the BBC on Friday: "That, as a general rule, is right."')
    found = quotes(text, Mates="Michael Mates", org_BBC="BBC", org_Commons="Commons", Butler="Lord Butler")
    assert speakers(found) == ["Michael Mates"]
    text = ('However, Mr Johnson, who was forced to apologise last year for an article in the magazine he edits '
            'about Liverpudlians grieving over the death of a hostage, said Mr Blair "should butt out of" the row.')
    assert speakers(quotes(text, Johnson="Boris Johnson", Blair="Tony Blair")) == ["Boris Johnson"]


def test_a_noun_is_no_verb():
    text = 'Beith said if the claims were true, Whitehall was "acting against the spirit of the Act".'
    assert speakers(quotes(text, Beith="Alan Beith")) == ["Alan Beith"]


# -- 3. the next quote-only sentence or paragraph --------------------------------------


def test_the_next_sentence_after_x_wrote():
    text = 'Ms Lane wrote on her blog: "The deal is done." "Nobody will stop it now."'
    assert speakers(quotes(text, Lane="Ann Lane")) == ["Ann Lane", "Ann Lane"]


def test_the_next_paragraph_after_an_attributed_quote():
    text = '"The deal is done," Ms Lane said.\n\n"Nobody will stop it now."'
    assert speakers(quotes(text, Lane="Ann Lane")) == ["Ann Lane", "Ann Lane"]


def test_no_continuation_when_someone_else_is_named_between():
    text = '"The deal is done," Ms Lane said.\n\nBut Tom Hale disagreed with her.\n\n"Nobody will stop it now."'
    assert speakers(quotes(text, Lane="Ann Lane", Tom_Hale="Tom Hale")) == ["Ann Lane", "Tom Hale"]
    text = '"The deal is done," Ms Lane said.\n\nA spokesman for the council disagreed.\n\n"Nobody will stop it now."'
    assert speakers(quotes(text, Lane="Ann Lane")) == ["Ann Lane", None]


def test_a_second_fragment_in_the_sentence_keeps_its_speaker():
    text = 'Segas said the appeal was "expected" and "understandable".'
    assert speakers(quotes(text, org_Segas="Segas")) == ["Segas", "Segas"]
    text = 'Wenger accused him of "cheating" and was fined and "severely reprimanded" by the FA.'
    assert speakers(quotes(text, Wenger="Arsene Wenger"))[1] is None


# -- 4. he/she through descriptions --------------------------------------------------------


def test_the_president_named_earlier():
    text = (
        "President Jo Banda opened the dam.\n\n"
        'The president said: "It will feed millions."\n\n'
        'Critics were unconvinced. "It is a vanity project," he said.'
    )
    found = quotes(text, Jo_Banda="Jo Banda")
    assert speakers(found) == ["Jo Banda", None]
    text = 'President Jo Banda opened the dam. "It will feed millions," the president said.'
    assert speakers(quotes(text, Jo_Banda="Jo Banda")) == ["Jo Banda"]


def test_he_after_the_description_is_the_person():
    text = (
        "Tim Ross, the chief executive, met staff on Monday. The chief executive told them the "
        'plant would stay open.\n\n"We are here to stay," he said.'
    )
    assert speakers(quotes(text, Tim_Ross="Tim Ross")) == ["Tim Ross"]


def test_an_office_keeps_its_modifier():
    text = 'Justice Minister Ann Lane spoke first. "It is unfair," the prime minister said.'
    assert speakers(quotes(text, Ann_Lane="Ann Lane")) == [None]


def test_a_job_two_people_share_names_nobody():
    text = 'Minister Ann Lane and Minister Tom Hale met. "It is unfair," the minister said.'
    assert speakers(quotes(text, Ann_Lane="Ann Lane", Tom_Hale="Tom Hale")) == [None]


# -- 5. questions and exclamations ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        '"Why should we pay?" Ms Lane asked.',
        '"Why should we pay?" asked Ms Lane.',
        '"We will never pay!" Ms Lane shouted at reporters.',
        'Ms Lane asked: "Why should we pay?"',
    ],
)
def test_questions_and_exclamations(text):
    assert speakers(quotes(text, Lane="Ann Lane")) == ["Ann Lane"]


def test_a_new_sentence_after_a_full_stop_is_not_the_attribution():
    text = '"I had nothing to lose," Rochus said. "I beat him." Coria conceded that it hurt.'
    assert speakers(quotes(text, Rochus="Olivier Rochus", Coria="Guillermo Coria")) == ["Olivier Rochus"] * 2


# -- 6. speech or term -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text, words",
    [
        ("The 'metadata' was lost.", "metadata"),
        ('Critics of the "war on terror" met in Paris.', "war on terror"),
        ('Mr Brown set out a new "Marshall Plan" for Africa.', "Marshall Plan"),
        ('The researchers used a technique called "mental chronometry" here.', "mental chronometry"),
        ("print('value error')", "value error"),
        ('The outcome is called "Improving Opportunity, Strengthening Society".', "Improving Opportunity, Strengthening Society"),
    ],
)
def test_terms(text, words):
    q = next(q for q in quotes(text, Brown="Gordon Brown") if q.text.startswith(words))
    assert (q.kind, q.speaker) == ("term", None)


@pytest.mark.parametrize(
    "text",
    [
        'He said he "totally condemned" the deletion.',
        'Graft was said to be "pervasive".',
        '"We will act," Rubio said.',
        'The report found "a pattern of abuse that went on for years".',
    ],
)
def test_speech(text):
    assert quotes(text, Rubio="Marco Rubio")[0].kind == "speech"


def test_kind_is_stored_and_read_back():
    analysis = Analysis(3, (), (Quote(0, 5, "Ray", None, True, "term"), Quote(6, 20, "We act", "Rubio")))
    assert analysis_from_record(analysis_to_record(analysis)) == analysis
    old = {"version": 1, "entities": [], "quotes": [[0, 5, "We act", "Rubio", False]]}
    assert analysis_from_record(old).quotes[0].kind == "speech"
    with pytest.raises(ValueError):
        analysis_from_record({"version": 3, "entities": [], "quotes": [[0, 5, "x", None, True, "joke"]]})


def test_the_quotes_panel_lists_speech():
    found = [Quote(9, 15, "Ray", None, True, "term"), Quote(0, 8, "We act", "Rubio")]
    assert quotes_in_text_order(found) == [found[1]]


def test_a_clause_about_a_quote_is_not_its_attribution_and_the_reporter_speaks_both():
    text = ('Spokesman Ed Vale meanwhile said instead of the "bonfire of rules" the Greens had promised, '
            'there had been an "explosion" of them.')
    assert speakers(quotes(text, Ed_Vale="Ed Vale", org_Greens="Greens")) == ["Ed Vale", "Ed Vale"]


def test_the_chancellor_is_not_the_shadow_chancellor_nor_whoever_spoke_last():
    text = ('Shadow chancellor Tom Lett said taxes would rise. Ann Cobb said so too. '
            'The chancellor meanwhile insisted his plans were "affordable".')
    assert speakers(quotes(text, Tom_Lett="Tom Lett", Ann_Cobb="Ann Cobb")) == [None]
    text = 'The chancellor said the choice was "clear and fundamental". Shadow chancellor Tom Lett said no.'
    assert speakers(quotes(text, Tom_Lett="Tom Lett")) == [None]  # nobody named before: unknown
