"""A note found by `reader search` shows its article's title and date (the README's words),
never the day the note was kept as the article's; the note's own tags as its tags and its
article's tags said to be the article's; `--json` says the same, with both dates named."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.model import Annotation, Article, Block, Selector
from reader.core.store import Library

TITLE = "Thousands of UK academics strike over precarious contracts"
KEPT = datetime(2026, 12, 7, 9, 30, tzinfo=timezone.utc)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    home = tmp_path / "lib"
    library = Library(home)
    article = Article.create(TITLE, [Block("paragraph", "Staff on precarious contracts walked out on Monday.")])
    article.published = date(2020, 1, 20)
    library.add(article)
    library.tag_article(article.id, add=["uk", "welfare"])
    text = library.article(article.id).text
    start = text.index("precarious contracts")
    for number, (tags, note) in enumerate([([], ""), (["mine"], "a reason")]):
        library.add_annotations([Annotation(
            id="ab"[number] + "0" * 31, article_id=article.id, selector=Selector.at(text, start, start + 10 + number),
            note=note, tags=tags, created=KEPT, updated=KEPT,
        )])
    library.close()
    return home


def test_search_shows_the_articles_date_and_the_notes_own_tags(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["--home", str(home), "search", "precar"]) == 0
    out = capsys.readouterr().out
    assert "2026-12-07" not in out
    heads = [line for line in out.splitlines() if line[:1] != " " and "match" not in line]
    assert len(heads) == 2
    for head in heads:
        assert head.endswith(" · 2020-01-20 · article #uk #welfare"), head
    lines = out.splitlines()
    own_tag_lines = [line.strip() for line in lines if line.startswith("  #")]
    assert own_tag_lines == ["#mine"]  # the untagged highlight shows no tags of its own


def test_search_json_names_both_dates_and_both_kinds_of_tags(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["--home", str(home), "search", "precar", "--json"]) == 0
    hits = {hit["id"][0]: hit for hit in json.loads(capsys.readouterr().out)}
    for hit in hits.values():
        assert (hit["date"], hit["article_date"], hit["created"]) == ("2020-01-20", "2020-01-20", "2026-12-07")
        assert hit["article_tags"] == ["uk", "welfare"]
    assert (hits["a"]["tags"], hits["b"]["tags"]) == ([], ["mine"])
    assert main(["--home", str(home), "search", "tag:uk", "--json"]) == 0  # tag: still matches the article's
    assert len(json.loads(capsys.readouterr().out)) == 2
