"""`reader notes` shows each note's anchor state after a refresh; `--orphans` lists only orphans."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.model import Anchor, Article, Block
from reader.core.store import Library

TEXT = ["The council met on Tuesday evening.", "The quick brown fox jumps over the lazy dog.", "The bridge stays shut."]


@pytest.fixture
def home(tmp_path: Path) -> Path:
    home = tmp_path / "lib"
    library = Library(home)
    article, _ = library.add(Article.create("Council meets", [Block("paragraph", t) for t in TEXT], url="https://x.example/a"))
    notes = {
        "exact": library.annotate(article.id, 0, 11, note="kept as it was"),
        "moved": library.annotate(article.id, 37, 46, note="moved along"),
        "fuzzy": library.annotate(article.id, 47, 56, note="close enough"),
        "orphan": library.annotate(article.id, 83, 99, note="lost its place", tags=["bridge"]),
    }
    notes["moved"].anchor = Anchor("moved", 1.0)
    notes["fuzzy"].anchor = Anchor("fuzzy", 0.83)
    notes["orphan"].anchor = Anchor("orphan", 0.0)
    library.add_annotations(list(notes.values()))
    library.close()
    return home


def notes_out(capsys: pytest.CaptureFixture[str], home: Path, *args: str) -> str:
    capsys.readouterr()
    assert main(["--home", str(home), "notes", *args]) == 0
    return capsys.readouterr().out


def test_text_shows_the_state_only_when_not_exact(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = notes_out(capsys, home)
    heads = [line for line in out.splitlines() if "Council meets" in line]
    assert len(heads) == 4
    assert sum(line.endswith("Council meets") for line in heads) == 1  # the exact one: no label
    assert any(line.endswith("[moved]") for line in heads)
    assert any(line.endswith("[fuzzy 0.83]") for line in heads)
    assert any(line.endswith("[ORPHAN]") for line in heads)


def test_orphans_lists_only_orphans_with_quote_and_note(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = notes_out(capsys, home, "--orphans")
    lines = out.splitlines()
    assert lines[0].endswith("Council meets  [ORPHAN]")
    assert lines[1] == "  “The bridge stays”"
    assert "  lost its place" in lines and "  #bridge" in lines
    assert "kept as it was" not in out and "moved along" not in out


def test_orphans_when_there_are_none(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    Library(tmp_path / "empty").close()  # a library with no notes
    assert "No orphaned notes." in notes_out(capsys, tmp_path / "empty", "--orphans")


def test_json_has_the_anchor(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    found = json.loads(notes_out(capsys, home, "--json"))
    anchors = {n["note"]: n["anchor"] for n in found}
    assert anchors == {
        "kept as it was": {"state": "exact", "score": 1.0},
        "moved along": {"state": "moved", "score": 1.0},
        "close enough": {"state": "fuzzy", "score": 0.83},
        "lost its place": {"state": "orphan", "score": 0.0},
    }
    orphans = json.loads(notes_out(capsys, home, "--orphans", "--json"))
    assert [(n["note"], n["quote"]) for n in orphans] == [("lost its place", "The bridge stays")]
