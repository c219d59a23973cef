"""Names are sought in English text only: the tagger and the quote speakers read English,
and on other languages they listed "Kontaktieren Sie" or "Vorhersage Donnerstag" as people.
A reader sees no names there rather than wrong ones; dates are still found."""

from __future__ import annotations

from reader.core.analysis import analyze
from reader.core.analysis import stoplists
from reader.core.analysis.language import judge
from reader.core.model import Article, Block

NAMES = {"PER", "ORG", "LOC", "MISC"}

GERMAN = (
    "Kontaktieren Sie uns, wenn Sie Fragen zu unseren Häusern haben. Die Vorhersage für "
    "Donnerstag: In Berlin und Hamburg bleibt es sonnig, aber am Wochenende wird es nach "
    "Angaben des Deutschen Wetterdienstes in ganz Norddeutschland regnen. Bürgermeister "
    "Klaus Wowereit sagte, die Stadt sei auf das Unwetter vorbereitet."
)
FRENCH = (
    "Le président Emmanuel Macron a annoncé mardi à Paris que le gouvernement allait "
    "présenter un nouveau projet de loi sur les retraites avant la fin du mois. « Nous "
    "n'avons pas le choix », a déclaré la Première ministre Élisabeth Borne devant "
    "l'Assemblée nationale, où les députés de la France insoumise ont quitté la salle."
)


def _analysed(*paragraphs: str):
    return analyze(Article.create("Test", [Block("paragraph", p) for p in paragraphs]))


def test_a_german_paragraph_gets_no_names_and_no_speakers():
    analysis = _analysed(GERMAN)
    assert [e.text for e in analysis.entities if e.type in NAMES] == []
    assert all(q.speaker is None for q in analysis.quotes)
    assert judge(GERMAN).name == "German"


def test_a_french_paragraph_gets_no_names_and_no_speakers():
    analysis = _analysed(FRENCH)
    assert [e.text for e in analysis.entities if e.type in NAMES] == []
    assert all(q.speaker is None for q in analysis.quotes)
    assert judge(FRENCH).name == "French"


def test_dates_are_still_found_in_a_german_text():
    analysis = _analysed(GERMAN + " Das Stadion wurde 2014 eröffnet.")
    assert [e.text for e in analysis.entities] == ["2014"]


def test_an_english_article_quoting_german_keeps_its_names():
    text = (
        "Angela Merkel told reporters in Berlin on Monday: \"Wir schaffen das, und wir "
        "werden es schaffen.\" The German chancellor said the country would cope with the "
        "arrival of refugees, and the European Union promised to help."
    )
    analysis = _analysed(text)
    names = {(e.type, e.name) for e in analysis.entities}
    assert ("PER", "Angela Merkel") in names
    assert ("LOC", "Berlin") in names
    assert judge(text).english


def test_a_short_english_text_is_tagged():
    text = "Tony Blair visits Paris."
    assert judge(text).english
    assert [e.name for e in _analysed(text).entities if e.type == "PER"] == ["Tony Blair"]


def test_english_full_of_foreign_names_is_english():
    text = (
        "Jean-Claude Juncker, José Manuel Barroso and Guy Verhofstadt met Ursula von der "
        "Leyen and Pedro Sánchez at the Palais de l'Europe in Strasbourg, where Sánchez said "
        "Spain would back the plan."
    )
    assert judge(text).english


def test_a_text_in_another_script_is_not_english():
    text = "Москва — столица России, крупнейший по численности населения город страны."
    verdict = judge(text)
    assert not verdict.english and verdict.name == "Cyrillic script"
    assert [e for e in _analysed(text).entities if e.type in NAMES] == []


def test_the_word_index_kept_in_the_cache_is_the_one_built(tmp_path):
    path = tmp_path / "languages.cache"
    built = stoplists.load(path)  # nothing kept yet: built and kept
    assert "German" in built.languages and path.exists()
    assert stoplists.load(path) == built
    path.write_bytes(b"damaged")  # a damaged cache only costs a build
    assert stoplists.load(path) == built
