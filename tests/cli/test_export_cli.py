"""`reader export` and `reader import-notes` as a user drives them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"


def run(home: Path, *argv: str) -> int:
    return main(["--home", str(home), *argv])


@pytest.fixture
def home(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The seeds, with two notes on the first article."""
    lib = tmp_path / "lib"
    assert run(lib, "add", str(SEEDS)) == 0
    capsys.readouterr()
    assert run(lib, "ls", "--json") == 0
    first = json.loads(capsys.readouterr().out)[0]
    assert run(lib, "show", first["id"], "--json") == 0
    text = json.loads(capsys.readouterr().out)["text"]
    words = text.split()
    quote = " ".join(words[3:9])
    assert text.count(quote) == 1
    assert run(lib, "note", first["id"], "--quote", quote, "--note", "A *note*", "--tag", "one", "--tag", "two") == 0
    assert run(lib, "note", first["id"], "--quote", " ".join(words[:3]), "--color", "2") == 0
    capsys.readouterr()
    return lib


@pytest.mark.parametrize("fmt", ["json", "w3c"])
def test_export_to_stdout_and_to_a_file_are_the_same(home: Path, tmp_path: Path, capsys, fmt: str) -> None:
    assert run(home, "export", "--format", fmt) == 0
    printed = capsys.readouterr().out
    out = tmp_path / f"x.{fmt}"
    assert run(home, "export", "--format", fmt, "-o", str(out)) == 0
    assert out.read_text(encoding="utf-8") == printed
    said = capsys.readouterr()
    assert said.out == f"Written to {out}\n" and said.err == ""  # a success is no problem line
    json.loads(printed)


def test_json_round_trip_through_an_empty_library(home: Path, tmp_path: Path, capsys) -> None:
    out, again = tmp_path / "a.json", tmp_path / "b.json"
    assert run(home, "export", "--format", "json", "-o", str(out)) == 0
    empty = tmp_path / "empty"
    assert run(empty, "import-notes", str(out)) == 0
    said = capsys.readouterr().out
    assert "notes: 2 added" in said and "articles:" in said
    assert run(empty, "export", "--format", "json", "-o", str(again)) == 0
    assert again.read_bytes() == out.read_bytes()
    assert run(empty, "import-notes", str(out)) == 0
    assert "notes: 0 added, 0 updated, 2 unchanged" in capsys.readouterr().out


def test_w3c_round_trip_through_a_library_without_notes(home: Path, tmp_path: Path, capsys) -> None:
    out, again = tmp_path / "a.jsonld", tmp_path / "b.jsonld"
    assert run(home, "export", "--format", "w3c", "-o", str(out)) == 0
    fresh = tmp_path / "fresh"
    assert run(fresh, "add", str(SEEDS)) == 0  # the same articles, no notes
    assert run(fresh, "import-notes", str(out)) == 0
    capsys.readouterr()
    assert run(fresh, "export", "--format", "w3c", "-o", str(again)) == 0
    assert again.read_bytes() == out.read_bytes()


def test_w3c_into_an_empty_library_reports_the_missing_articles(home: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "a.jsonld"
    assert run(home, "export", "--format", "w3c", "-o", str(out)) == 0
    capsys.readouterr()
    assert run(tmp_path / "empty", "import-notes", str(out), "--json") == 1  # nothing taken in: a failure
    report = json.loads(capsys.readouterr().out)
    assert report["notes_added"] == [] and len(report["missing"]) == 2
    assert run(tmp_path / "empty", "import-notes", str(out)) == 1
    said = capsys.readouterr()
    assert "2 skipped (article not in the library)" in said.out
    assert said.err.count("skipped note") == 2 and "`reader add` their pages, then import the file again" in said.err


def test_markdown_export_writes_files_into_the_folder(home: Path, tmp_path: Path, capsys) -> None:
    folder = tmp_path / "md"
    assert run(home, "export", "--format", "md", "-o", str(folder)) == 0
    files = list(folder.glob("*.md"))
    assert len(files) == 1  # only the article with notes
    text = files[0].read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: ") and "A *note*" in text and "#one #two" in text
    assert "1 file written" in capsys.readouterr().out
    assert run(home, "export", "--format", "md", "-o", str(tmp_path / "all"), "--all") == 0
    assert len(list((tmp_path / "all").glob("*.md"))) > 1


def test_markdown_export_to_a_file_name_says_it_takes_a_folder(home: Path, tmp_path: Path, capsys) -> None:
    target = tmp_path / "notes.md"
    assert run(home, "export", "--format", "md", "-o", str(target)) == 1
    err = capsys.readouterr().err
    assert "-o takes a folder" in err and err.count("\n") == 1
    assert not target.exists()


def test_markdown_export_defaults_to_reader_export_here(home: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(home, "export", "--format", "md") == 0
    assert len(list((tmp_path / "reader-export").glob("*.md"))) == 1


def test_a_bad_file_exits_1_and_imports_nothing(home: Path, tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "reader-export", "version": 99, "articles": [], "notes": []}', encoding="utf-8")
    before = tmp_path / "before.json"
    assert run(home, "export", "--format", "json", "-o", str(before)) == 0
    capsys.readouterr()
    assert run(home, "import-notes", str(bad)) == 1
    err = capsys.readouterr().err
    assert str(bad) in err and "newer reader" in err
    assert run(home, "import-notes", str(tmp_path / "nowhere.json")) == 1
    assert "nowhere.json" in capsys.readouterr().err
    assert run(home, "export", "--format", "json") == 0
    assert capsys.readouterr().out == before.read_text(encoding="utf-8")


def test_export_of_one_article(home: Path, capsys) -> None:
    assert run(home, "ls", "--json") == 0
    articles = json.loads(capsys.readouterr().out)
    second = articles[1]["id"]
    assert run(home, "export", "--format", "json", "--article", second[:8]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [a["id"] for a in data["articles"]] == [second] and data["notes"] == []
    assert run(home, "export", "--format", "w3c", "--article", "zzzz") == 1
