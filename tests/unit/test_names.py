from reader.core.analysis.names import canonicalize

TEXT = (
    "Secretary of State Marco Rubio said. Rubio’s comments. U.S. and United States. "
    "The Institute for the Study of War (ISW) said. Nato and NATO and NATO. "
    "President Donald Trump met Trump. The Kremlin replied."
)


def span(word: str, kind: str, after: int = 0) -> tuple[int, int, str]:
    start = TEXT.index(word, after)
    return start, start + len(word), kind


def names() -> dict[str, tuple[str, str]]:
    spans = [
        span("Marco Rubio", "PER"), span("Rubio’s", "LOC"), span("U.S.", "LOC"),
        span("United States", "LOC"), span("Institute for the Study of War", "ORG"), span("ISW", "ORG"),
        span("Nato", "ORG"), span("NATO", "ORG"), span("NATO", "ORG", TEXT.index("NATO") + 1),
        span("President Donald Trump", "PER"), span("Trump", "PER", TEXT.index("met")),
        span("Kremlin", "LOC"),
    ]
    return {e.text: (e.name, e.type) for e in canonicalize(TEXT, spans)}


def test_a_surname_is_the_earliest_full_name_even_when_mistagged():
    assert names()["Rubio"] == ("Marco Rubio", "PER")


def test_titles_and_possessives_are_not_part_of_the_mention():
    found = names()
    assert found["Donald Trump"] == ("Donald Trump", "PER")
    assert found["Trump"] == ("Donald Trump", "PER")
    assert "President Donald Trump" not in found and "Rubio’s" not in found


def test_aliases_acronyms_and_case_variants_are_one_entity():
    found = names()
    assert found["U.S."] == found["United States"] == ("United States", "LOC")
    assert found["ISW"] == ("Institute for the Study of War", "ORG")
    assert found["Nato"][0] == found["NATO"][0] == "NATO"


def test_seats_of_government_are_organisations():
    assert names()["Kremlin"] == ("Kremlin", "ORG")


def test_a_known_city_mistagged_as_a_person_is_a_place():
    text = "Officials in Kyiv said Kyiv would wait."
    first, second = text.index("Kyiv"), text.rindex("Kyiv")
    found = canonicalize(text, [(first, first + 4, "PER"), (second, second + 4, "PER")])
    assert [(e.name, e.type) for e in found] == [("Kyiv", "LOC"), ("Kyiv", "LOC")]


def test_a_club_named_after_its_city_stays_an_organisation():
    text = "Newcastle beat Chelsea 2-1 at St James' Park."
    found = canonicalize(text, [(0, 9, "ORG"), (15, 22, "ORG")])
    assert [(e.name, e.type) for e in found] == [("Newcastle", "ORG"), ("Chelsea", "ORG")]


def test_a_surname_that_is_also_a_city_stays_a_person():
    text = "Whitney Houston sang. Houston smiled."
    found = canonicalize(text, [(0, 15, "PER"), (22, 29, "PER")])
    assert [(e.name, e.type) for e in found] == [("Whitney Houston", "PER"), ("Whitney Houston", "PER")]


def test_an_institution_keeps_its_remit():
    text = "according to the Institute for the Study of War, and the Ministry of Defence said"
    start = text.index("Institute")
    ministry = text.index("Ministry")
    found = canonicalize(
        text,
        [(start, start + 9, "ORG"), (ministry, ministry + 8, "ORG"), (text.index("Defence"), text.index("Defence") + 7, "ORG")],
    )
    assert [e.name for e in found] == ["Institute for the Study of War", "Ministry of Defence"]


def test_a_known_person_behind_title_words_is_that_person():
    text = "Secretary of State Marco Rubio said. Marco Rubio left."
    found = canonicalize(text, [(13, 30, "ORG"), (37, 48, "PER")])
    assert [(e.text, e.name, e.type) for e in found] == [
        ("Marco Rubio", "Marco Rubio", "PER"), ("Marco Rubio", "Marco Rubio", "PER")
    ]


def test_party_labels_and_peerages_are_titles():
    text = "Lib Dem Norman Baker and Baroness Susan Greenfield spoke."
    found = canonicalize(text, [(0, 20, "PER"), (25, 50, "PER")])
    assert [e.name for e in found] == ["Norman Baker", "Susan Greenfield"]


def found(text: str, spans: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """(text, name, type) of each entity, spans given by their words (first occurrence) and type."""
    located = []
    after = 0
    for surface, kind in spans:
        start = text.index(surface, after)
        located.append((start, start + len(surface), kind))
        after = start + len(surface)
    return [(e.text, e.name, e.type) for e in canonicalize(text, located)]


def test_a_surname_before_the_full_name_is_that_person():
    text = "Blair backs Brown. Tony Blair said Gordon Brown was right."
    assert [name for _t, name, _k in found(text, [
        ("Blair", "PER"), ("Brown", "LOC"), ("Tony Blair", "PER"), ("Gordon Brown", "PER"),
    ])] == ["Tony Blair", "Gordon Brown", "Tony Blair", "Gordon Brown"]


def test_offices_before_a_name_go_wherever_the_tagger_started():
    text = "Chancellor of the Exchequer Gordon Brown spoke; Exchequer Gordon Brown left. Home Secretary Charles Clarke."
    assert [name for _t, name, _k in found(text, [
        ("Chancellor of the Exchequer Gordon Brown", "PER"), ("Exchequer Gordon Brown", "PER"),
        ("Home Secretary Charles Clarke", "PER"),
    ])] == ["Gordon Brown", "Gordon Brown", "Charles Clarke"]


def test_an_initial_or_a_title_and_surname_is_the_full_name_the_article_gives():
    text = "Scotland: M Blair, M Smith. Mike Blair played. Prof Etzioni spoke; Amitai Etzioni wrote. Le Bon and Simon Le Bon."
    assert found(text, [
        ("M Blair", "PER"), ("M Smith", "PER"), ("Mike Blair", "PER"), ("Prof Etzioni", "PER"),
        ("Amitai Etzioni", "PER"), ("Le Bon", "PER"), ("Simon Le Bon", "PER"),
    ]) == [
        ("M Blair", "Mike Blair", "PER"), ("M Smith", "M Smith", "PER"), ("Mike Blair", "Mike Blair", "PER"),
        ("Etzioni", "Amitai Etzioni", "PER"), ("Amitai Etzioni", "Amitai Etzioni", "PER"),
        ("Le Bon", "Simon Le Bon", "PER"), ("Simon Le Bon", "Simon Le Bon", "PER"),
    ]


def test_a_surname_is_the_nearest_full_name_before_it_and_a_first_name_is_not_a_surname():
    text = "Howard Flight met Michael Howard. Mr Howard said. Cherie Blair and Tony Blair came; Mr Blair spoke."
    names = [name for _t, name, _k in found(text, [
        ("Howard Flight", "PER"), ("Michael Howard", "PER"), ("Mr Howard", "PER"),
        ("Cherie Blair", "PER"), ("Tony Blair", "PER"), ("Mr Blair", "PER"),
    ])]
    assert names[2] == "Michael Howard" and names[5] == "Tony Blair"


def test_an_honorific_makes_a_person_and_a_royal_style_stays_with_one_name():
    text = "Ms Essex said. Harrogate Mr Kennedy and Prince Charles met Prince Charles Philip."
    assert found(text, [
        ("Ms Essex", "ORG"), ("Harrogate Mr Kennedy", "PER"), ("Prince Charles", "PER"), ("Prince Charles Philip", "PER"),
    ]) == [
        ("Essex", "Essex", "PER"), ("Kennedy", "Kennedy", "PER"), ("Prince Charles", "Prince Charles", "PER"),
        ("Charles Philip", "Charles Philip", "PER"),
    ]


def test_middle_initials_join_but_different_middles_do_not():
    text = "George W Bush and George Bush; George H W Bush too."
    names = [name for _t, name, _k in found(text, [
        ("George W Bush", "PER"), ("George Bush", "PER"), ("George H W Bush", "PER"),
    ])]
    assert names == ["George W Bush", "George W Bush", "George H W Bush"]


def test_an_acronym_before_its_long_form_is_that_organisation():
    text = "The IMF said. The International Monetary Fund agreed."
    assert found(text, [("IMF", "ORG"), ("International Monetary Fund", "ORG")])[0][1] == "International Monetary Fund"


def test_an_organisations_last_word_is_the_one_organisation_it_ends():
    text = "Manchester United beat Leeds. United were better; the British Lions watched the Lions train."
    names = [name for _t, name, _k in found(text, [
        ("Manchester United", "ORG"), ("Leeds", "ORG"), ("United", "ORG"), ("British Lions", "ORG"),
        ("Lions", "ORG"),
    ])]
    assert names == ["Manchester United", "Leeds", "Manchester United", "British Lions",
                     "British Lions"]


def test_a_last_word_two_organisations_end_or_a_listed_short_form_stays_itself():
    text = "The Labour Party and the Conservative Party met. Party officials left."
    names = [name for _t, name, _k in found(text, [
        ("Labour Party", "ORG"), ("Conservative Party", "ORG"), ("Party", "ORG"),
    ])]
    assert names[-1] == "Party"
    text = "Arsenal and Chelsea drew. Chelsea led; Microsoft's Xbox sold, and Xbox games too."
    names = [name for _t, name, _k in found(text, [
        ("Arsenal and Chelsea", "ORG"), ("Chelsea", "ORG"), ("Microsoft's Xbox", "ORG"), ("Xbox", "ORG"),
    ])]
    assert names[1] == "Chelsea" and names[3] == "Xbox"  # not short for a tagger's run-on or a possessive
    text = "Spread Firefox, the campaign, asks users to spread the word. Firefox is free."
    names = [name for _t, name, _k in found(text, [("Spread Firefox", "ORG"), ("Firefox", "ORG")])]
    assert names == ["Spread Firefox", "Firefox"]  # "spread" is a word of the text, not of a name
    text = "New Labour won. Labour said so."
    assert [name for _t, name, _k in found(text, [("New Labour", "ORG"), ("Labour", "ORG")])] == [
        "New Labour", "Labour"]  # "Labour" is the party's own short form (the shipped list)


def test_america_alone_is_the_united_states():
    text = "America and North America."
    assert [name for _t, name, _k in found(text, [("America", "LOC"), ("North America", "LOC")])] == [
        "United States", "North America"]


def test_a_house_named_by_its_remit_is_one_body():
    text = "The case went to the House of Lords on Monday."
    start = text.index("House")
    found = canonicalize(text, [(start, start + 5, "ORG"), (text.index("Lords"), text.index("Lords") + 5, "ORG")])
    assert [(e.text, e.type) for e in found] == [("House of Lords", "ORG")]
