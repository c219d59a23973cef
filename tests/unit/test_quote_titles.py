"""Works' titles and scare quotes told apart from speech, and a spokesman for an organisation
whose name comes in pieces (issue 14, a new user's pages). Sentences written for these tests."""

from __future__ import annotations

import re

from reader.core.analysis.quotes import find_quotes
from reader.core.model import Entity, Quote


def entities(text: str, names: dict[str, tuple[str, str]]) -> list[Entity]:
    """Mentions of `names` (surface -> (canonical, type)) in text, longest surface first."""
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(names, key=len, reverse=True))) + r")\b")
    return [Entity(m.start(), m.end(), names[m.group()][1], m.group(), names[m.group()][0]) for m in pattern.finditer(text)]


def quotes(text: str, people: tuple[str, ...] = (), bodies: tuple[str, ...] = ()) -> list[Quote]:
    """find_quotes with the given people (a surname alone names them too) and organisations."""
    table = {b: (b, "ORG") for b in bodies}
    for p in people:
        table[p] = (p, "PER")
        table.setdefault(p.split()[-1], (p, "PER"))
    return find_quotes(text, entities(text, table))


def shown(found: list[Quote]) -> list[tuple[str, str | None, str]]:
    return [(q.text, q.speaker, q.kind) for q in found]


# -- a spokesman for an organisation named in pieces -------------------------------------


def test_he_after_a_spokesman_for_an_organisation_and_its_abbreviation_is_the_organisation():
    text = (
        "But a spokesperson for the Universities and Colleges Employers' Association (UCEA) said "
        'its members had cut "atypical contracts", while adding others.\n\n'
        '"UCEA has worked with the unions for years," he said.\n\n'
        '"Our own analysis shows growth."'
    )
    bodies = ("Universities", "Colleges Employers' Association", "UCEA")
    assert [q.speaker for q in quotes(text, bodies=bodies)] == ["UCEA", "UCEA", "UCEA"]


def test_a_spokesman_for_a_person_is_still_nobody_named():
    text = 'A spokesman for the family of Ann Lee (UCEA) said it was sad. "We grieve," he said.'
    assert [q.speaker for q in quotes(text, people=("Ann Lee",), bodies=("UCEA",))] == [None]


# -- a work's title, a nickname, a label: terms ------------------------------------------

REVIEW = (
    "South Korean thriller “Parasite” was the upset winner on Sunday.\n\n"
    "“Parasite,” the Korean language satire about the wealth gap, was the first film in a foreign language to win.\n\n"
    "“Parasite” director Bong Joon Ho said backstage that no-one could predict the Oscars.\n\n"
    "But “Mrs Maisel” actress Alex Borstein said the comedy prize should have gone to quirky British comedy “Fleabag.”\n\n"
    "“This whole thing has been a dream,” Waller-Bridge said."
)


def test_titles_of_works_are_terms_whoever_the_sentence_says_spoke():
    found = shown(quotes(REVIEW, people=("Bong Joon Ho", "Alex Borstein", "Phoebe Waller-Bridge")))
    assert found == [
        ("Parasite", None, "term"),
        ("Parasite,", None, "term"),
        ("Parasite", None, "term"),
        ("Mrs Maisel", None, "term"),
        ("Fleabag.", None, "term"),
        ("This whole thing has been a dream,", "Phoebe Waller-Bridge", "speech"),
    ]


def test_a_title_in_its_speakers_description_is_a_term():
    text = "“Once Upon a Time in Hollywood” director Quentin Tarantino said the film was done."
    assert shown(quotes(text, people=("Quentin Tarantino",))) == [("Once Upon a Time in Hollywood", None, "term")]


def test_a_nickname_inside_a_name_is_a_term():
    text = 'Antonio "LA" Reid, chairman of the group, said: "We are thrilled."'
    assert shown(quotes(text, people=("Antonio", "Reid"))) == [
        ("LA", None, "term"), ("We are thrilled.", "Reid", "speech"),
    ]


def test_one_word_replies_stay_speech():
    text = (
        '"Did you know?" Mr Weingarten pressed. "No," replied Mr Myers.\n\n'
        '"Also," he said, "they have to simplify it."\n\n'
        'Ann Lee was asked whether she agreed. "Absolutely."'
    )
    found = quotes(text, people=("Bernard Myers", "Ann Lee"))
    assert [(q.text, q.kind) for q in found if q.text in ("No,", "Also,", "Absolutely.")] == [
        ("No,", "speech"), ("Also,", "speech"), ("Absolutely.", "speech"),
    ]


def test_a_capitalised_word_someone_chose_stays_speech():
    text = 'He says he was not "German-bashing" but saying peace was the aim, Mike Nattrass said.'
    assert [q.kind for q in quotes(text, people=("Mike Nattrass",))] == ["speech"]


def test_a_scare_quoted_label_before_its_noun_is_a_term():
    text = (
        "Chi Onwurah, the Labour MP, said it showed that precarious employment was not just an "
        "issue for “gig economy” workers. The Tories will campaign for a \"no\" vote."
    )
    assert shown(quotes(text, people=("Chi Onwurah",))) == [("gig economy", None, "term"), ("no", None, "term")]


def test_words_someone_chose_before_a_noun_stay_speech():
    text = (
        'Mr Blair said the economy had hit a "softer patch" after rapid growth. '
        'She was told her suspension was a result of "inappropriate" images. '
        'Mr Ebbers said such deals were discussed by a "group of people" instead.'
    )
    found = quotes(text, people=("Tony Blair", "Bernie Ebbers"))
    assert [q.kind for q in found] == ["speech", "speech", "speech"]
