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
    found = canonicalize(text, [(first, first + 4, "PER"), (second, second + 4, "ORG")])
    assert [(e.name, e.type) for e in found] == [("Kyiv", "LOC"), ("Kyiv", "LOC")]


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
