"""Structure through reader's JSON export and import-notes: levels and marks go out and come
back; hostile ones are refused in one line naming the record, and nothing is written."""

from __future__ import annotations

import contextlib
import copy
import io
import json
from pathlib import Path
from typing import Any

import pytest

from reader.cli import main
from reader.core.model import Article, Block, Mark
from reader.core.store import Library

BLOCKS = [
    Block("heading", "Fares", 3),
    Block("paragraph", "See the plan now.", 0, (Mark(4, 7, "em"), Mark(8, 12, "link", "https://e.org/plan"))),
    Block("item", "• nested", 1, (Mark(2, 8, "code"),)),
    Block("code", "x = 1\n  y"),
    Block("table", "A │ B\n──┼──\n1 │ 2", 0, (Mark(0, 1, "strong"), Mark(4, 5, "strong"))),
]


def run(home: Path, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--home", str(home), *argv])
    return code, out.getvalue(), err.getvalue()


def snapshot(home: Path) -> dict[str, bytes]:
    return {str(p.relative_to(home)): p.read_bytes() for p in sorted(home.rglob("*")) if p.is_file()}


@pytest.fixture
def exported(tmp_path: Path) -> tuple[str, dict[str, Any]]:
    home = tmp_path / "source"
    library = Library(home)
    article, _ = library.add(Article.create("Structured", BLOCKS))
    library.annotate(article.id, 0, 5, note="heading")
    library.close()
    code, out, err = run(home, "export", "--format", "json")
    assert code == 0, err
    return article.id, json.loads(out)


def test_json_export_carries_levels_and_marks_and_imports_them_back(tmp_path: Path, exported):
    article_id, data = exported
    (article,) = data["articles"]
    assert article["blocks"][0] == {"kind": "heading", "text": "Fares", "level": 3}
    assert article["blocks"][1]["marks"] == [
        {"start": 4, "end": 7, "kind": "em"}, {"start": 8, "end": 12, "kind": "link", "href": "https://e.org/plan"},
    ]
    assert article["blocks"][3] == {"kind": "code", "text": "x = 1\n  y"}  # nothing added when there is nothing
    file = tmp_path / "export.json"
    file.write_text(json.dumps(data), encoding="utf-8")
    home = tmp_path / "target"
    code, _, err = run(home, "import-notes", str(file))
    assert code == 0, err
    library = Library(home)
    assert library.article(article_id).blocks == BLOCKS
    (note,) = library.annotations(article_id)
    assert (note.quote, note.anchor.state) == ("Fares", "exact")
    library.close()


@pytest.mark.parametrize("block, value, fragment", [
    (0, {"level": -1}, "block level -1 is not a whole number from 0 to 64"),
    (0, {"level": 65}, "block level 65"),
    (0, {"level": True}, "block level true"),
    (0, {"level": "2"}, "block level '2'"),
    (0, {"level": 10**40}, "block level 100000000000… (41 digits)"),
    (1, {"marks": "em"}, "block marks 'em' are not a list"),
    (1, {"marks": [[4, 7, "em"]]}, "a mark"),
    (1, {"marks": [{"start": 4, "end": 7, "kind": "blink"}]}, "mark kind 'blink' is not one of em, strong, code, link"),
    (1, {"marks": [{"start": 7, "end": 4, "kind": "em"}]}, "mark 7-4 is outside its block's text (0-17)"),
    (1, {"marks": [{"start": 4, "end": 99, "kind": "em"}]}, "mark 4-99 is outside"),
    (1, {"marks": [{"start": -1, "end": 2, "kind": "em"}]}, "mark start -1"),
    (1, {"marks": [{"start": 0, "end": 3, "kind": "link", "href": "javascript:alert(1)"}]},
     "link address 'javascript:alert(1)' is not an http(s) or mailto URL"),
    (1, {"marks": [{"start": 0, "end": 3, "kind": "link", "href": "https://e.org/\u001b[2J"}]}, "link address"),
    (1, {"marks": [{"start": 0, "end": 3, "kind": "link"}]}, "link address null"),
    (1, {"marks": [{"start": 0, "end": 3, "kind": "link", "href": ["x"]}]}, "link address a list"),
])
def test_hostile_levels_and_marks_are_refused_in_one_line(tmp_path: Path, exported, block, value, fragment):
    article_id, data = exported
    hostile = copy.deepcopy(data)
    hostile["articles"][0]["blocks"][block].update(value)
    file = tmp_path / "hostile.json"
    file.write_text(json.dumps(hostile), encoding="utf-8")
    home = tmp_path / "target"
    Library(home).close()
    before = snapshot(home)
    code, out, err = run(home, "import-notes", str(file))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err and "\x1b" not in err, err
    assert f"article 1: {fragment}" in err, err
    assert err.endswith("; nothing was imported\n")
    assert snapshot(home) == before
