"""An entity's type from the evidence of its article (reader.core.analysis.kinds) and of
the library (entities.people): what a reader sees in `reader entities` under people,
organisations and other names. Sentences written for the test."""

from __future__ import annotations

from reader.core.analysis.kinds import by_evidence
from reader.core.entities.people import _majority
from reader.core.model import ENTITY_TYPES, Entity


def entities(text: str, *mentions: tuple[str, str]) -> list[Entity]:
    out, at = [], 0
    for surface, kind in mentions:
        start = text.index(surface, at)
        out.append(Entity(start, start + len(surface), kind, surface, surface))
        at = start + len(surface)
    return out


def types(text: str, *mentions: tuple[str, str]) -> list[tuple[str, str]]:
    return [(e.text, e.type) for e in by_evidence(text, entities(text, *mentions))]


def test_an_award_a_work_and_a_counted_product_are_other_names_in_the_whole_article():
    text = "Nell Ward is up for an Oscar for her role in Pale Morrow. Oscar voters like Pale Morrow."
    assert types(text, ("Nell Ward", "PER"), ("Oscar", "PER"), ("Pale Morrow", "PER"), ("Oscar", "PER"),
                 ("Pale Morrow", "PER")) == [
        ("Nell Ward", "PER"), ("Oscar", "MISC"), ("Pale Morrow", "MISC"), ("Oscar", "MISC"), ("Pale Morrow", "MISC")]
    text = "Sales of PCs rose; the PC is cheap."
    assert types(text, ("PCs", "ORG"), ("PC", "ORG")) == [("PCs", "MISC"), ("PC", "ORG")]


def test_a_band_or_club_is_an_organisation():
    text = "Leeds band Rory Vane, who were shortlisted, played. Rory Vane have won twice."
    assert types(text, ("Rory Vane", "PER"), ("Rory Vane", "PER")) == [("Rory Vane", "ORG"), ("Rory Vane", "ORG")]


def test_a_person_stays_a_person():
    # a list's plural verb, a question's "have", a title: no evidence against a person
    text = "Ann Lee and Tom Hale have agreed. Could Tom Hale have known? Mr Hale said a Hale side would win."
    mentions = [("Ann Lee", "PER"), ("Tom Hale", "PER"), ("Tom Hale", "PER"), ("Hale", "PER")]
    assert types(text, *mentions) == mentions
    text = "Mr Oscar Dunn said so. Oscar nominations are out."  # a title says person, whatever else
    assert types(text, ("Oscar Dunn", "PER"), ("Oscar", "PER"))[0] == ("Oscar Dunn", "PER")


def test_a_holiday_is_an_other_name():
    text = "Shops were busy before Christmas."
    assert types(text, ("Christmas", "LOC")) == [("Christmas", "MISC")]


def test_the_library_reads_a_name_typed_other_in_a_fifth_of_its_mentions_as_a_work():
    per, misc, org = (ENTITY_TYPES.index(t) for t in ("PER", "MISC", "ORG"))
    counts = [0] * len(ENTITY_TYPES)
    counts[per], counts[misc] = 26, 8  # "Harry Potter": the tagger's person, some articles' games
    assert _majority(counts) == misc
    counts[per], counts[misc] = 96, 4  # a person the tagger once read as other
    assert _majority(counts) == per
    counts[per], counts[misc], counts[org] = 10, 0, 10  # a tie: a person
    assert _majority(counts) == per


def test_a_companys_product_an_award_and_a_film_after_its_kind_are_other_names():
    text = "Vexa's Orbix sold well. Dana won at the Lumen Awards for the thriller The Quiet Road."
    mentions = [("Vexa", "ORG"), ("Orbix", "ORG"), ("Dana", "PER"), ("Lumen Awards", "ORG"), ("Quiet Road", "ORG")]
    assert types(text, *mentions) == [
        ("Vexa", "ORG"), ("Orbix", "MISC"), ("Dana", "PER"), ("Lumen Awards", "MISC"), ("Quiet Road", "MISC")]
    text = "It was shown on ITV. Officials leaned on ONS to change it."
    assert types(text, ("ITV", "ORG"), ("ONS", "ORG")) == [("ITV", "MISC"), ("ONS", "ORG")]


def test_who_plays_in_it_makes_a_band():
    text = "Rory Vane frontman Al Dee sang."
    assert types(text, ("Rory Vane", "PER"), ("Al Dee", "PER")) == [("Rory Vane", "ORG"), ("Al Dee", "PER")]


def test_the_evidence_is_read_in_english_text_only():
    # Spanish: "a Jorge Capitanich" is "to Jorge Capitanich", no count noun
    text = ("El presidente habló a Jorge Capitanich, y a Eduardo. Hablaron de la situación económica del país, "
            "que según los datos del ministerio de la provincia sigue siendo muy difícil para las familias "
            "de la región y para los trabajadores que viven en las ciudades del norte y del sur del país.")
    mentions = [("Jorge Capitanich", "PER"), ("Eduardo", "PER")]
    assert types(text, *mentions) == mentions


def test_a_holiday_read_as_a_body_may_be_one():
    text = "Carnival's shares fell after Christmas."
    assert types(text, ("Carnival", "ORG"), ("Christmas", "PER")) == [("Carnival", "ORG"), ("Christmas", "MISC")]
