"""The repairs of the tagger's spans on news text (reader.core.analysis.spans): each test
gives the spans a tagger got wrong, in sentences written for the test."""

from __future__ import annotations

from reader.core.analysis.spans import dateline_starts, repair


def _known(word: str) -> str | None:
    return {"british": "MISC", "russian": "MISC", "brian": "PER"}.get(word)


def spans_of(text: str, *pieces: tuple[str, str]) -> list[tuple[int, int, str]]:
    """Spans over the first occurrence (after the previous one) of each piece."""
    out, at = [], 0
    for piece, kind in pieces:
        start = text.index(piece, at)
        out.append((start, start + len(piece), kind))
        at = start + len(piece)
    return out


def named(text: str, spans) -> list[tuple[str, str]]:
    return [(text[s:e], k) for s, e, k in repair(text, spans, _known)]


def test_a_photo_credit_is_a_photographer_and_agencies():
    text = "Rescue workers at the scene. Marta Lind/AFP/Getty Images"
    assert named(text, spans_of(text, ("Marta Lind/AFP/Getty Images", "PER"))) == [
        ("Marta Lind", "PER"), ("AFP", "ORG"), ("Getty Images", "ORG"),
    ]


def test_a_list_of_places_with_slashes_keeps_its_type():
    text = "Flights between Oslo/Bergen were cut."
    assert named(text, spans_of(text, ("Oslo/Bergen", "LOC"))) == [("Oslo", "LOC"), ("Bergen", "LOC")]


def test_two_names_run_together_split_at_the_title():
    text = "Speaking in Dunmore Mr Halloway said the plan was dead."
    assert named(text, spans_of(text, ("Dunmore Mr Halloway", "PER"))) == [
        ("Dunmore", "LOC"), ("Mr Halloway", "PER"),
    ]


def test_a_verb_ends_a_name():
    text = "Greens have Liberals worried, the survey says."
    assert named(text, spans_of(text, ("Greens have Liberals", "ORG"))) == [
        ("Greens", "ORG"), ("Liberals", "ORG"),
    ]


def test_an_opening_connective_is_no_part_of_a_name():
    text = "Meanwhile Labour said the plan would work. However Orla Finn disagreed. Still Waters ran."
    spans = spans_of(text, ("Meanwhile Labour", "ORG"), ("However Orla Finn", "PER"), ("Still Waters", "MISC"))
    assert named(text, spans) == [("Labour", "ORG"), ("Orla Finn", "PER"), ("Still Waters", "MISC")]  # a film


def test_connectors_stay_inside_names():
    text = "The Bank of Upper Frobia and the Duke van Rossum spoke."
    spans = spans_of(text, ("Bank of Upper Frobia", "ORG"), ("Duke van Rossum", "PER"))
    assert named(text, spans) == [("Bank of Upper Frobia", "ORG"), ("Duke van Rossum", "PER")]


def test_a_possessive_inside_a_place_name():
    text = "The ferry leaves from Sailor's Landing at noon."
    assert named(text, spans_of(text, ("Sailor", "LOC"), ("Landing", "LOC"))) == [
        ("Sailor's Landing", "LOC"),
    ]


def test_a_possessive_before_a_business_noun_is_a_business():
    text = "She opened Rosa's Bakery last spring."
    assert named(text, spans_of(text, ("Rosa", "PER"), ("Bakery", "ORG"))) == [
        ("Rosa", "PER"), ("Bakery", "ORG"),  # a person's name stays a person
    ]
    assert named(text, spans_of(text, ("Rosa", "ORG"), ("Bakery", "LOC"))) == [("Rosa's Bakery", "ORG")]


def test_a_country_and_its_region_stay_apart():
    text = "France's Brittany Harbour was calm."
    spans = spans_of(text, ("France", "LOC"), ("Brittany Harbour", "LOC"))
    assert named(text, spans) == [("France", "LOC"), ("Brittany Harbour", "LOC")]


def test_an_organisation_named_by_its_remit_goes_on_after_and():
    text = "A study by Midvale College's Institute on Housing and Homelessness found gaps."
    spans = spans_of(text, ("Midvale College's Institute on Housing", "ORG"), ("Homelessness", "LOC"))
    assert named(text, spans) == [("Midvale College's Institute on Housing and Homelessness", "ORG")]


def test_and_before_another_organisation_is_no_remit():
    text = "The Bank of Frobia and Orbex signed."
    spans = spans_of(text, ("Bank of Frobia", "ORG"), ("Orbex", "ORG"))
    assert named(text, spans) == [("Bank of Frobia", "ORG"), ("Orbex", "ORG")]


def test_an_adjective_and_state_make_an_organisation():
    text = "Fighters of the Islamic State group and the Communist Party met."
    spans = spans_of(text, ("Islamic", "MISC"), ("Communist", "MISC"))
    assert named(text, spans) == [("Islamic State", "ORG"), ("Communist Party", "ORG")]


def test_datelines_in_capitals_are_places():
    text = "OSLO (Newswire) - Prices rose.\n\nNEW HAVEN, Conn. — The vote was close.\n\nUPDATE: none."
    assert dateline_starts(text) == {0: 4, 32: 41}
    spans = spans_of(text, ("OSLO", "ORG"), ("Newswire", "ORG"), ("HAVEN", "PER"))
    assert named(text, spans) == [("OSLO", "LOC"), ("Newswire", "ORG"), ("NEW HAVEN", "LOC")]


def test_a_title_case_headline_keeps_only_names_the_text_has():
    text = "Mayor Wreaks Havoc On Town Budget In Dunmore\nThe mayor of Dunmore cut the budget."
    spans = spans_of(text, ("Wreaks Havoc", "ORG"), ("Dunmore", "LOC"), ("Dunmore", "LOC"))
    assert named(text, spans) == [("Dunmore", "LOC"), ("Dunmore", "LOC")]


def test_a_byline_of_names_is_no_headline():
    text = "By Alma Reyes and Tom Ward\nThe council met."
    spans = spans_of(text, ("Alma Reyes", "PER"), ("Tom Ward", "PER"))
    assert named(text, spans) == [("Alma Reyes", "PER"), ("Tom Ward", "PER")]


def test_nationalities_are_misc():
    text = "British officials and Russian diplomats met Brian."
    spans = spans_of(text, ("British", "LOC"), ("Russian", "PER"), ("Brian", "PER"))
    assert named(text, spans) == [("British", "MISC"), ("Russian", "MISC"), ("Brian", "PER")]


def test_a_title_anywhere_makes_every_mention_a_person():
    text = "Mr Halloway spoke first. Later Halloway left, and Mrs Dunn said Dunn Street was closed."
    spans = spans_of(text, ("Halloway", "PER"), ("Halloway", "LOC"), ("Mrs Dunn", "LOC"), ("Dunn Street", "LOC"))
    assert named(text, spans) == [
        ("Halloway", "PER"), ("Halloway", "PER"), ("Mrs Dunn", "PER"), ("Dunn Street", "LOC"),
    ]


_NAMES = {"theresa": "fn", "may": "fn ln1", "ed": "fn", "davey": "ln3", "sun": "fn ln2", "grid": "ln3", "jordan": "fn ln1"}


def with_names(text: str, spans) -> list[tuple[str, str]]:
    known = {"jordan": "LOC"}.get
    return [(text[s:e], k) for s, e, k in repair(text, spans, known, lambda w: _NAMES.get(w, ""))]


def test_a_given_name_typed_as_a_body_before_a_surname_is_a_person():
    text = "Theresa May, shadow secretary for the family, spoke."
    assert with_names(text, spans_of(text, ("Theresa", "ORG"))) == [("Theresa May", "PER")]
    text = "Spokesman Ed Davey said so."
    assert with_names(text, spans_of(text, ("Ed", "ORG"), ("Davey", "PER"))) == [("Ed Davey", "PER")]


def test_a_given_name_stays_a_place_or_body_on_evidence():
    text = "Troops crossed from Jordan May 4 and Jordan Davey Street."
    assert with_names(text, spans_of(text, ("Jordan", "LOC"))) == [("Jordan", "LOC")]  # a known place
    text = "Sun makes servers. Sun Grid costs users $1 an hour."
    spans = spans_of(text, ("Sun", "ORG"), ("Sun", "ORG"))
    assert with_names(text, spans) == [("Sun", "ORG"), ("Sun", "ORG")]  # the article names Sun alone
    text = "Theresa Bridge opened."
    assert with_names(text, spans_of(text, ("Theresa", "LOC"))) == [("Theresa", "LOC")]  # no surname


def test_a_given_name_alone_that_the_training_data_knows_as_a_club_is_the_club():
    known = {"chelsea": "ORG"}.get
    names = {"chelsea": "fn"}
    text = "Chelsea won again."
    spans = repair(text, spans_of(text, ("Chelsea", "PER")), known, lambda w: names.get(w, ""))
    assert [(text[s:e], k) for s, e, k in spans] == [("Chelsea", "ORG")]
    text = "Chelsea Vane met Chelsea."  # the article names a person by it
    spans = repair(text, spans_of(text, ("Chelsea Vane", "PER"), ("Chelsea", "PER")), known, lambda w: names.get(w, ""))
    assert [k for _s, _e, k in spans] == ["PER", "PER"]


def test_a_name_cut_at_of_the_goes_on_and_a_lord_of_the_title_is_a_work():
    text = "Fans of Lord of the Rings and the Bank of England queued."
    spans = spans_of(text, ("Lord of", "PER"), ("Rings", "LOC"), ("Bank of", "ORG"), ("England", "LOC"))
    assert named(text, spans) == [("Lord of the Rings", "MISC"), ("Bank of England", "ORG")]


def test_a_channel_keeps_its_number_and_a_nations_people_are_no_body():
    text = "Channel 4 asked Europeans about it. Arsenal 2 Chelsea 1."
    spans = spans_of(text, ("Channel", "ORG"), ("Europeans", "ORG"), ("Arsenal", "ORG"), ("Chelsea", "ORG"))
    assert [(text[s:e], k) for s, e, k in repair(text, spans, {"european": "MISC"}.get)] == [
        ("Channel 4", "ORG"), ("Europeans", "MISC"), ("Arsenal", "ORG"), ("Chelsea", "ORG")]


def test_an_abbreviated_common_noun_is_no_name_but_a_name_holding_one_is():
    text = "Fewer people watch TV on PCs, said BBC TV and the maker of the Sony DVD."
    spans = spans_of(text, ("TV", "ORG"), ("PCs", "MISC"), ("BBC TV", "ORG"), ("Sony", "ORG"), ("DVD", "ORG"))
    assert named(text, spans) == [("BBC TV", "ORG"), ("Sony", "ORG")]
