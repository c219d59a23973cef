"""`reader show --json`, `reader entities` and `reader quotes` on the seed library."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import reader.core.analysis as analysis_module
from reader.cli import adding, main
from reader.core.store import Library

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("lib")
    assert main(["--home", str(home), "add", str(SEEDS)]) == 0
    return home


def run_json(capsys, home: Path, *argv: str):
    capsys.readouterr()
    assert main(["--home", str(home), *argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_show_json_has_entities_and_quotes_with_offsets(home, capsys):
    for article in run_json(capsys, home, "ls"):
        shown = run_json(capsys, home, "show", article["id"])
        assert shown["entities"] and shown["quotes"]
        for entity in shown["entities"]:
            assert shown["text"][entity["start"]:entity["end"]] == entity["text"]
            assert entity["type"] in {"PER", "LOC", "ORG", "MISC", "DATE"}
        for quote in shown["quotes"]:
            assert quote["text"] in shown["text"][quote["start"]:quote["end"]]


def test_entities_counts_articles_and_mentions(home, capsys):
    rows = {(e["name"], e["type"]): e for e in run_json(capsys, home, "entities")}
    texts = [run_json(capsys, home, "show", a["id"])["text"] for a in run_json(capsys, home, "ls")]
    assert rows[("Marco Rubio", "PER")]["articles"] == 2
    assert rows[("Marco Rubio", "PER")]["mentions"] == sum(t.count("Rubio") for t in texts)
    assert rows[("Kursk", "LOC")]["articles"] == 1


def test_quotes_by_a_person(home, capsys):
    everything = run_json(capsys, home, "quotes")
    assert all({"text", "speaker", "article_id"} <= q.keys() for q in everything)
    rubio = run_json(capsys, home, "quotes", "--by", "rubio")
    assert rubio and {q["speaker"] for q in rubio} == {"Marco Rubio"}
    assert len(rubio) < len(everything)
    capsys.readouterr()
    assert main(["--home", str(home), "quotes", "--by", "nobody at all", "--json"]) == 1  # no such entity
    assert "no entity named nobody at all" in capsys.readouterr().err


def test_analysis_is_stored_once_and_redone_when_the_analyser_changes(home, monkeypatch):
    library = Library(home)
    article = library.articles()[0]
    stored = library.layout.analysis(article.id)
    assert stored.exists()
    before = stored.stat().st_mtime_ns
    analysis_module.analysis_for(library, article)
    assert stored.stat().st_mtime_ns == before
    monkeypatch.setattr(analysis_module, "ANALYZER_VERSION", analysis_module.ANALYZER_VERSION + 1)
    redone = analysis_module.analysis_for(library, article)
    assert redone.version == analysis_module.ANALYZER_VERSION
    assert json.loads(stored.read_text())["version"] == analysis_module.ANALYZER_VERSION


def test_add_says_where_the_analysis_of_a_long_text_stopped(tmp_path, capsys, monkeypatch) -> None:
    from reader.core import limits

    monkeypatch.setattr(limits, "MAX_ANALYSED", 300)
    monkeypatch.setattr(adding, "NEVER_CAPPED_UNDER", 0)  # the cap is low here: every text is checked
    long_file = tmp_path / "long.txt"
    long_file.write_text("The long report\n\n" + "\n\n".join(["Tony Blair spoke in London on Monday."] * 20))
    home = tmp_path / "lib"
    assert main(["--home", str(home), "add", str(long_file)]) == 0
    err = capsys.readouterr().err
    assert f"{long_file}: analysed the first" in err and "characters" in err
    shown = run_json(capsys, home, "show", Library(home).articles()[0].id)
    assert shown["entities"] and max(e["end"] for e in shown["entities"]) <= 300


def test_no_text_short_enough_to_skip_the_check_is_capped() -> None:
    """`reader add` tells of a capped analysis without loading the analysis for texts under
    NEVER_CAPPED_UNDER characters: none of those can be capped."""
    from reader.core import limits

    assert adding.NEVER_CAPPED_UNDER <= limits.MAX_ANALYSED
