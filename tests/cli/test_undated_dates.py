"""An article without a date of its own: no listing shows the day it was added as its date
(`reader search`, `reader entity`), as `reader ls` and the app do not."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.model import Article, Block
from reader.core.store import Library


def test_search_and_entity_show_no_date_for_an_undated_article(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "lib"
    library = Library(home)
    dated = Article.create("Harbour wall dated", [Block("paragraph", "Tony Blair visited the harbour wall in Dover.")])
    dated.published = date(2005, 3, 1)
    undated = Article.create("Harbour wall undated", [Block("paragraph", "Tony Blair spoke at the harbour wall in Dover.")])
    undated.added = datetime(2026, 12, 7, 9, 0, tzinfo=timezone.utc)
    library.add(dated)
    library.add(undated)
    library.close()

    capsys.readouterr()
    assert main(["--home", str(home), "search", "--articles", "harbour", "--json"]) == 0
    hits = {hit["title"]: hit["date"] for hit in json.loads(capsys.readouterr().out)}
    assert hits == {"Harbour wall dated": "2005-03-01", "Harbour wall undated": None}
    assert main(["--home", str(home), "search", "--articles", "harbour"]) == 0
    out = capsys.readouterr().out
    assert "2005-03-01" in out and "2026-12-07" not in out

    assert main(["--home", str(home), "entity", "Dover", "--json"]) == 0
    articles = {a["title"]: a["date"] for a in json.loads(capsys.readouterr().out)["articles"]}
    assert articles == {"Harbour wall dated": "2005-03-01", "Harbour wall undated": None}
