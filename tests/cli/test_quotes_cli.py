"""`reader quotes` lists speech; `--all` adds terms and scare quotes, each with its kind."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main

ARTICLE = """Blair stands firm on terror laws

Prime Minister Tony Blair defended the "war on terror" in the Commons on Monday.

"We will not give in to those who want to destroy our way of life," Mr Blair told MPs.

The 'metadata' of the calls had been kept for a year.
"""


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("lib")
    source = tmp_path_factory.mktemp("src") / "blair.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    assert main(["--home", str(home), "add", str(source)]) == 0
    return home


def run(capsys, home: Path, *argv: str) -> str:
    capsys.readouterr()
    assert main(["--home", str(home), *argv]) == 0
    return capsys.readouterr().out


def test_quotes_lists_speech_only(home, capsys):
    listed = json.loads(run(capsys, home, "quotes", "--json"))
    assert [(q["kind"], q["speaker"]) for q in listed] == [("speech", "Tony Blair")]
    assert listed[0]["text"].startswith("We will not give in")
    assert "war on terror" not in run(capsys, home, "quotes")


def test_all_adds_the_terms(home, capsys):
    listed = json.loads(run(capsys, home, "quotes", "--all", "--json"))
    terms = {q["text"]: q for q in listed if q["kind"] == "term"}
    assert set(terms) == {"war on terror", "metadata"}
    assert all(q["speaker"] is None for q in terms.values())
    shown = run(capsys, home, "quotes", "--all")
    assert "term: “war on terror”" in shown and "Tony Blair: “We will not give in" in shown


NESTED = """Union report on casual staff

The union posted her words on Monday: ‘“Reliance on low-paid staff has become a business model,” Onwurah said.’
"""


def test_a_quote_bringing_its_own_marks_is_quoted_once(tmp_path, capsys):
    source = tmp_path / "nested.txt"
    source.write_text(NESTED, encoding="utf-8")
    home = tmp_path / "lib"
    assert main(["--home", str(home), "add", str(source)]) == 0
    listed = json.loads(run(capsys, home, "quotes", "--all", "--json"))
    assert [q["text"][:10] for q in listed] == ["“Reliance "]  # the text keeps its own marks
    shown = run(capsys, home, "quotes", "--all")
    assert "“Reliance on low-paid staff has become a business model,” Onwurah said." in shown
    assert "““" not in shown and "said.”" not in shown


def test_a_kept_passage_bringing_its_own_marks_is_quoted_once_in_notes_and_search(home, capsys):
    passage = '"We will not give in to those who want to destroy our way of life," Mr Blair told MPs.'
    article = json.loads(run(capsys, home, "ls", "--json"))[0]["id"]
    assert main(["--home", str(home), "note", article, "--quote", passage, "--note", "firm words"]) == 0
    capsys.readouterr()
    for shown in (run(capsys, home, "notes"), run(capsys, home, "search", "firm")):
        assert '  "We will not give in' in shown and "Mr Blair told MPs." in shown
        assert '“"' not in shown and 'MPs.”' not in shown
