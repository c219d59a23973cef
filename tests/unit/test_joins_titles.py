"""Names that are titles, titles typed as organisations, acronyms' plurals and short forms
that are an organisation only in some articles, across a small made-up library."""

from __future__ import annotations

from datetime import date

import pytest

from reader.core.entities.ledger import Ledger
from reader.core.entities.titles import is_title_only, strip_person, titled_person
from reader.core.model import ANALYZER_VERSION, Analysis, Annotation, Article, Block, Entity, Quote, Selector, new_id
from reader.core.search.index import SearchIndex
from reader.core.store import Library

# (key, text, [(surface, type)], [(quote words, speaker)]): each surface is its stored name
SPECS = [
    ("lord", "The Lord of the Rings won. Lord Falconer spoke.", [("Lord", "PER"), ("Lord Falconer", "PER")], []),
    ("chancellor", 'The Chancellor said "no change" in Leeds.', [("Chancellor", "PER"), ("Leeds", "LOC")],
     [("no change", "Chancellor")]),
    ("mp", "Labour MP Oona King and Oona King's aide met Andrew Tyrie MP.",
     [("Labour MP Oona King", "ORG"), ("Oona King", "PER"), ("Andrew Tyrie MP", "PER")], []),
    ("tyrie", "Andrew Tyrie asked.", [("Andrew Tyrie", "PER")], []),
    ("king", "Labour MP Oona King spoke; King left.", [("Labour MP Oona King", "ORG"), ("King", "PER")], []),
    ("pcs", "PCs sold well. The PCS union struck. PC sales rose; PC makers gained.",
     [("PCs", "ORG"), ("PCS", "ORG"), ("PC", "ORG"), ("PC", "ORG")], []),
    ("tory1", "A Conservative plan and a Conservative idea.", [("Conservative", "MISC"), ("Conservative", "MISC")], []),
    ("tory2", "The Conservative leader spoke.", [("Conservative", "MISC")], []),
    ("tory3", "Conservative won the seat; Conservative held it.", [("Conservative", "ORG"), ("Conservative", "ORG")], []),
    ("tory4", "The Conservative Party met.", [("Conservative Party", "ORG")], []),
    ("tory5", "The Tory leader spoke.", [("Tory", "MISC")], []),
]


def _add(lib: Library, key: str, text: str, names: list, quotes: list, day: int) -> str:
    article = Article.create(key, [Block("paragraph", text)], source="Desk", published=date(2025, 1, day))
    lib.add(article)
    entities, after = [], {}
    for surface, kind in names:
        start = text.index(surface, after.get(surface, 0))
        after[surface] = start + 1
        entities.append(Entity(start, start + len(surface), kind, surface, surface))
    said = [Quote(text.index(w) - 1, text.index(w) + len(w) + 1, w, who) for w, who in quotes]
    lib.save_analysis(article.id, Analysis(ANALYZER_VERSION, tuple(sorted(entities, key=lambda e: e.start)), tuple(said)))
    return article.id


@pytest.fixture
def built(tmp_path):
    lib = Library(tmp_path / "home")
    ids = {spec[0]: _add(lib, *spec, day=1 + i) for i, spec in enumerate(SPECS)}
    yield lib, ids, Ledger.build(lib)
    lib.close()


def _entity(ledger: Ledger, article_id: str, surface: str, occurrence: int = 0) -> str:
    index = ledger.index
    a = index.articles.by_id[article_id]
    text = index.articles.text[a]
    found = [n for _k, n, s, e in index.articles.mentions(a) if text[s:e] == surface]
    return index.joins().entity(a, found[occurrence])


def test_the_title_words():
    assert is_title_only("Lord") and is_title_only("Prime Minister") and is_title_only("Mr")
    assert not is_title_only("Queen") and not is_title_only("Lord Falconer")
    assert strip_person("Andrew Tyrie MP") == ("Andrew Tyrie", False)
    assert titled_person("Labour MP Oona King") == "Oona King"
    assert titled_person("Health Secretary John Reid") == "John Reid"
    assert titled_person("Mayor of London") is None and titled_person("Labour MP") is None
    assert titled_person("General Electric Company") is None
    # what comes before a person's office is no part of the name (a new user found these kept)
    assert strip_person("Green MSP Mark Ballard")[0] == "Mark Ballard"
    assert strip_person("SNP Holyrood leader Nicola Sturgeon")[0] == "Nicola Sturgeon"
    assert strip_person("Rt Rev Tom Butler")[0] == "Tom Butler"
    assert strip_person("Opposition leader Kim")[0] == "Opposition leader Kim"  # one word left: not sure it is a name


def test_a_title_alone_is_no_entity_and_its_quotes_are_no_ones(built):
    lib, ids, ledger = built
    text = lib.article(ids["chancellor"]).text
    start = text.index('"no change"')
    lib.add_annotations([Annotation(new_id(), ids["chancellor"], Selector.at(text, start, start + 11))])
    ledger = Ledger.build(lib)
    names = {s.name for s in ledger.summaries()}
    assert "Lord" not in names and "Chancellor" not in names
    assert "Falconer" in names and "Leeds" in names  # a peer is named without his title
    assert ledger.find("Chancellor") is None
    index = SearchIndex.build(lib)
    assert len(index.search("no change").hits) == 1  # the note is there: said-by finds no one for it
    assert index.search("said-by:chancellor").hits == []


def test_a_title_before_a_persons_name_goes_whatever_the_type(built):
    _lib, ids, ledger = built
    assert _entity(ledger, ids["mp"], "Labour MP Oona King") == "Oona King"
    types = {s.name: s.type for s in ledger.summaries()}
    assert types["Oona King"] == "PER" and "Labour MP Oona King" not in types
    assert _entity(ledger, ids["mp"], "Andrew Tyrie MP") == _entity(ledger, ids["tyrie"], "Andrew Tyrie")
    assert _entity(ledger, ids["king"], "King") == "Oona King"  # her surname, though her name was typed ORG


def test_an_acronyms_plural_is_the_acronym_not_the_capitalised_word(built):
    _lib, ids, ledger = built
    assert _entity(ledger, ids["pcs"], "PCs") == _entity(ledger, ids["pcs"], "PC") == "PC"
    assert _entity(ledger, ids["pcs"], "PCS") == "PCS"


def test_a_listed_short_form_joins_where_its_article_types_it_an_organisation(built):
    _lib, ids, ledger = built
    assert _entity(ledger, ids["tory3"], "Conservative") == "Conservative Party"  # typed ORG there
    assert _entity(ledger, ids["tory1"], "Conservative") == "Conservative"  # an adjective in the rest of the library
    assert _entity(ledger, ids["tory2"], "Conservative") == "Conservative"
    assert _entity(ledger, ids["tory5"], "Tory") == "Conservative Party"  # listed to join wherever it stands alone
    page = ledger.page("Conservative Party")
    assert len(page.articles) == 3
