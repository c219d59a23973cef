"""The analysis on the two seed articles: who is named, where, and who said what."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.analysis import analyze
from reader.core.ingest import load_file
from reader.core.model import Analysis, Article

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def seeds() -> list[tuple[Article, Analysis]]:
    articles = [load_file(p).article for p in sorted(SEEDS.glob("*.txt"))]
    return [(a, analyze(a)) for a in articles]


def names(seeds, kind: str) -> set[str]:
    return {e.name for _, analysis in seeds for e in analysis.entities if e.type == kind}


def test_people(seeds):
    assert {"Marco Rubio", "Donald Trump", "Vladimir Putin", "Dmitry Peskov", "Volodymyr Zelenskyy"} <= names(seeds, "PER")


def test_no_person_is_a_fragment_or_a_title(seeds):
    for name in names(seeds, "PER"):
        assert not name.startswith(("President", "Secretary", "Kremlin spokesman")), name
    assert "Rubio" not in names(seeds, "PER") and "Trump" not in names(seeds, "PER")


def test_places(seeds):
    assert {"Russia", "Ukraine", "Moscow", "Kyiv", "Saudi Arabia", "Kursk", "Black Sea"} <= names(seeds, "LOC")


def test_the_us_is_one_place(seeds):
    mentions = {e.text for _, a in seeds for e in a.entities if e.name == "United States"}
    assert {"U.S.", "United States"} <= mentions


def test_organisations(seeds):
    assert {"NATO", "Kremlin", "AFP", "White House", "Institute for the Study of War"} <= names(seeds, "ORG")


def test_dates(seeds):
    assert {"March 27", "February 21", "last year", "2014"} <= names(seeds, "DATE")


def test_nothing_from_page_chrome_or_the_bio(seeds):
    everything = {e.name for _, a in seeds for e in a.entities}
    for chrome in ("Tim Zadorozhnyy", "Warsaw", "NEXTA", "Odesa", "The Kyiv Independent", "Veter", "Avatar"):
        assert chrome not in everything


def test_every_mention_points_at_its_text(seeds):
    for article, analysis in seeds:
        for entity in analysis.entities:
            assert article.text[entity.start:entity.end] == entity.text
        for quote in analysis.quotes:
            assert quote.text in article.text[quote.start:quote.end]


def quotes(seeds):
    return [q for _, a in seeds for q in a.quotes]


def test_all_ten_direct_quotes_are_rubios(seeds):
    direct = [q for q in quotes(seeds) if not q.partial]
    assert len(direct) == 10
    assert {q.speaker for q in direct} == {"Marco Rubio"}


def test_partial_quotes(seeds):
    by_text = {q.text: q for q in quotes(seeds)}
    assert by_text["dragging their feet"].speaker == "Donald Trump"
    assert by_text["dragging their feet"].partial
    assert by_text["eliminate the use of force"].speaker is None
    assert by_text["eliminate the use of force"].partial
    assert by_text["no"].partial


def test_analysis_is_deterministic(seeds):
    for article, analysis in seeds:
        assert analyze(article) == analysis


def test_title_case_headings_do_not_make_names(seeds):
    everything = {e.name for _, a in seeds for e in a.entities}
    for word in ("Guarantees", "Natural Resources", "Ukrainian Territorial Concessions", "Security Guarantees"):
        assert word not in everything


def test_analyse_missing_stores_an_analysis_for_each_article_without_one(tmp_path) -> None:
    from reader.core.analysis import analyse_missing
    from reader.core.model import Article, Block
    from reader.core.store import Library

    library = Library(tmp_path / "home")
    try:
        for title in ("One", "Two"):
            library.add(Article.create(title, [Block("paragraph", f"{title}: Marco Rubio spoke in Kyiv on Monday.")]))
        assert analyse_missing(library) == 2
        assert all(library.analysis(a.id) is not None for a in library.articles())
        assert analyse_missing(library) == 0  # nothing left to do: a stat per article
    finally:
        library.close()
