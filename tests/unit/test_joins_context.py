"""Which full name a surname means, read from its article's other names, counting a short
name already joined ("Mr Blair and Mr Brown": Blair is Tony Blair by then, whose name the
articles of Gordon Brown share, not those of the footballer Wes Brown)."""

from __future__ import annotations

from datetime import date

from reader.core.entities.ledger import Ledger
from reader.core.model import ANALYZER_VERSION, Analysis, Article, Block, Entity
from reader.core.store import Library

# (key, text, [(surface, type)]): each surface is its stored name
SPECS = [
    ("milburn", "Tony Blair met Alan Milburn.", [("Tony Blair", "PER"), ("Alan Milburn", "PER")]),
] + [
    (f"row{i}", "Tony Blair and Gordon Brown argued.", [("Tony Blair", "PER"), ("Gordon Brown", "PER")])
    for i in range(8)  # enough articles for the pair to be evidence (context.MIN_SCORE)
] + [
    ("wes1", "Wes Brown and Rio Ferdinand played.", [("Wes Brown", "PER"), ("Rio Ferdinand", "PER")]),
    ("wes2", "Rio Ferdinand and Wes Brown trained.", [("Rio Ferdinand", "PER"), ("Wes Brown", "PER")]),
    ("short", "Mr Blair, Alan Milburn and Mr Brown rowed.", [("Blair", "PER"), ("Alan Milburn", "PER"),
                                                              ("Brown", "PER")]),
] + [(f"filler{i}", f"Rain on Town{i}.", [(f"Town{i}", "LOC")]) for i in range(110)]  # Tony Blair stays rare


def _add(lib: Library, key: str, text: str, names: list, day: int) -> str:
    article = Article.create(key, [Block("paragraph", text)], source="Desk", published=date(2025, 1, day))
    lib.add(article)
    entities = []
    for surface, kind in names:
        start = text.index(surface)
        entities.append(Entity(start, start + len(surface), kind, surface, surface))
    lib.save_analysis(article.id, Analysis(ANALYZER_VERSION, tuple(entities), ()))
    return article.id


def test_a_surname_beside_a_joined_short_name_is_the_full_name_that_one_goes_with(tmp_path):
    lib = Library(tmp_path / "home")
    ids = {spec[0]: _add(lib, *spec, day=1 + i % 28) for i, spec in enumerate(SPECS)}
    ledger = Ledger.build(lib)
    index = ledger.index
    a = index.articles.by_id[ids["short"]]
    text = index.articles.text[a]
    named = {text[s:e]: index.joins().entity(a, n) for _k, n, s, e in index.articles.mentions(a)}
    assert named == {"Blair": "Tony Blair", "Alan Milburn": "Alan Milburn", "Brown": "Gordon Brown"}
    assert "Brown" not in {s.name for s in ledger.summaries()}
    lib.close()
