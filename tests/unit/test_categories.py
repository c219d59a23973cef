"""The type `reader entities` and the entity page show for a name the library mostly
introduces with a category noun ("the film X", "X console", "Glasgow group X"), while
the tagger read it, sentence by sentence, as a person or a body (entities/categories.py).
News-style articles imported as a user would, analysed by reader's own tagger; the
guards on stored analyses so they do not hang on what the tagger makes of a sentence."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.entities.ledger import Ledger
from reader.core.model import ANALYZER_VERSION, Analysis, Article, Block, Entity
from reader.core.store import Library

BAND = {  # the tagger reads "Franz Ferdinand" as a person where the sentence says no more
    "brits": "Glasgow group Franz Ferdinand won two prizes at the Brit Awards in London on Wednesday night, "
             "as did Keane and Joss Stone.",
    "festival": "The T in the Park festival will feature Franz Ferdinand, Belle and Sebastian and Travis, the "
                "organisers said on Monday.",
    "chart": "The Libertines topped the chart, ahead of Franz Ferdinand and Keane.",
    "tour": "Scottish rock band Franz Ferdinand will tour the United States in the spring, their label said.",
    "poll": "Fans voted Franz Ferdinand the best live act of the year in a poll by the magazine.",
}
WORKS = {  # ... and "Million Dollar Baby" and "Xbox" as organisations
    "race": "Clint Eastwood's boxing drama Million Dollar Baby has become the new favourite to win best picture.",
    "actress": "Hilary Swank won best actress for Million Dollar Baby at a ceremony in Los Angeles.",
    "charts": "Million Dollar Baby re-entered the charts at number eight after its wins.",
    "credits": "The studios behind Million Dollar Baby failed to trim their credits, the Academy said.",
    "critics": "Critics in London praised the film Million Dollar Baby for its restraint.",
    "glimpse": "Microsoft has given game makers a glimpse of the new Xbox 2 console.",
    "sales": "Sales of Xbox games rose 38% during the year, the trade body said.",
    "halo": "Halo 2 is out on Xbox now, its makers said.",
    "recall": "Microsoft will replace 14 million power cables for its Xbox consoles due to safety concerns.",
    "launch": "When the Xbox launched in the US in 2001, it cost $299.",
}


def imported(home: Path, tmp: Path, articles: dict[str, str]) -> None:
    folder = tmp / "articles"
    folder.mkdir()
    for name, text in articles.items():
        (folder / f"{name}.txt").write_text(f"{name.title()} news\n\n{text}\n\nMore follows.\n", encoding="utf-8")
    assert main(["--home", str(home), "add", str(folder)]) == 0


def listed(home: Path, capsys) -> dict[str, str]:
    capsys.readouterr()
    assert main(["--home", str(home), "entities", "--json"]) == 0
    return {e["name"]: e["type"] for e in json.loads(capsys.readouterr().out)}


def page_type(home: Path, name: str, capsys) -> str:
    capsys.readouterr()
    assert main(["--home", str(home), "entity", name, "--json"]) == 0
    return json.loads(capsys.readouterr().out)["type"]


def test_a_band_the_library_introduces_as_a_group_is_an_organisation(tmp_path, capsys):
    home = tmp_path / "home"
    imported(home, tmp_path, BAND)
    assert listed(home, capsys)["Franz Ferdinand"] == "ORG"
    assert page_type(home, "Franz Ferdinand", capsys) == "ORG"


def test_a_film_and_a_console_the_library_introduces_as_such_are_other_names(tmp_path, capsys):
    home = tmp_path / "home"
    imported(home, tmp_path, WORKS)
    types = listed(home, capsys)
    assert types["Million Dollar Baby"] == "MISC"
    assert types["Xbox"] == "MISC"
    assert types["Microsoft"] == "ORG"  # the maker beside its console stays a body
    assert page_type(home, "Xbox", capsys) == "MISC"


# Stored analyses: (text, [(surface, type the tagger gave)]).
def stored(home: Path, articles: list[tuple[str, list[tuple[str, str]]]]) -> Library:
    lib = Library(home)
    for i, (text, names) in enumerate(articles):
        article = Article.create(f"Story {i}", [Block("paragraph", text)], source="Desk", published=date(2025, 1, 1 + i))
        lib.add(article)
        found, at = [], 0
        for surface, kind in names:
            start = text.index(surface, at)
            found.append(Entity(start, start + len(surface), kind, surface, surface))
            at = start + len(surface)
        lib.save_analysis(article.id, Analysis(ANALYZER_VERSION, tuple(found), ()))
    return lib


def types_of(lib: Library) -> dict[str, str]:
    return {s.name: s.type for s in Ledger.build(lib).summaries()}


@pytest.mark.parametrize("evidence", [
    # one noun is chance
    ["Critics praised the film Dana Pike for its pace.", "Dana Pike spoke in Leeds.", "Dana Pike left."],
    # as many votes for a person as for a work: a person
    ["The film Dana Pike opened.", "Actor Dana Pike was there.", "The movie Dana Pike won.", "Mr Dana Pike smiled."],
    # the name says whose comedy, not what it is
    ["The sequel to the Dana Pike comedy opened.", "It is the sequel to Dana Pike comedy Hot Sun.", "Dana Pike left."],
])
def test_a_person_stays_a_person_without_a_clear_majority_of_nouns(tmp_path, evidence):
    lib = stored(tmp_path / "home", [(text, [("Dana Pike", "PER")]) for text in evidence])
    assert types_of(lib)["Dana Pike"] == "PER"


def test_a_work_named_after_a_person_is_not_the_person(tmp_path):
    lib = stored(tmp_path / "home", [
        ("The biopic Kinsey, starring Liam Neeson as researcher Alfred Kinsey, was nominated.",
         [("Kinsey", "PER"), ("Liam Neeson", "PER"), ("Alfred Kinsey", "PER")]),
        ("The film Kinsey opened in London.", [("Kinsey", "PER"), ("London", "LOC")]),
        ("Kinsey, starring Liam Neeson, did well.", [("Kinsey", "PER"), ("Liam Neeson", "PER")]),
    ])
    # "Kinsey" joined Alfred Kinsey; the film's nouns beside it do not make him a work
    assert [(s.name, s.type, s.mentions) for s in Ledger.build(lib).summaries() if "Kinsey" in s.name] == [
        ("Alfred Kinsey", "PER", 4)]
