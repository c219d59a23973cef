"""`reader quotes --by NAME` picks among the people and bodies that have quotes, as
`said-by:` does: "may" is Theresa May when the winery that shares the spelling said nothing
(it failed with "may could be Theresa May or Winzergenossenschaft Mayschoss-Altenahr")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.analysis import ANALYZER_VERSION
from reader.core.model import Analysis, Article, Block, Entity, Quote
from reader.core.store import Library

MAY = 'Theresa May spoke in Leeds. "We will get this done," Theresa May said.'
WINE = "Winzergenossenschaft Mayschoss-Altenahr sold its wine in Bonn."
MAYOR = 'Mayor Sadiq Khan was there. "A good day," Sadiq Khan said. Maya Angelou wrote. "Still I rise," said Maya Angelou.'


def stored(library: Library, text: str, names: list[tuple[str, str]], quotes: list[tuple[str, str]]) -> None:
    article = library.add(Article.create(text[:20], [Block("paragraph", text)]))[0]
    text = library.article(article.id).text
    entities = sorted(
        (Entity(text.index(n), text.index(n) + len(n), kind, n, n) for n, kind in names), key=lambda e: e.start  # type: ignore[arg-type]
    )
    said = [Quote(text.index(f'"{w}'), text.index('"', text.index(f'"{w}') + 1) + 1, w, who) for w, who in quotes]
    library.save_analysis(article.id, Analysis(ANALYZER_VERSION, tuple(entities), tuple(said)))


@pytest.fixture
def home(tmp_path: Path) -> Path:
    home = tmp_path / "lib"
    library = Library(home)
    stored(library, MAY, [("Theresa May", "PER"), ("Leeds", "LOC")], [("We will get this done,", "Theresa May")])
    stored(library, WINE, [("Winzergenossenschaft Mayschoss-Altenahr", "ORG"), ("Bonn", "LOC")], [])
    library.close()
    return home


def test_by_may_means_the_one_with_quotes(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["--home", str(home), "quotes", "--by", "may"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Theresa May: “We will get this done,”")
    assert main(["--home", str(home), "search", "said-by:may", "--articles", "--json"]) == 0
    assert [hit["title"] for hit in json.loads(capsys.readouterr().out)] == [MAY[:20]]


def test_two_speakers_sharing_a_spelling_are_still_asked_about(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = Library(home)
    stored(library, MAYOR, [("Sadiq Khan", "PER"), ("Maya Angelou", "PER")],
           [("A good day,", "Sadiq Khan"), ("Still I rise,", "Maya Angelou")])
    library.close()
    capsys.readouterr()
    assert main(["--home", str(home), "quotes", "--by", "may"]) == 1
    error = capsys.readouterr().err
    assert "Theresa May" in error and "Maya Angelou" in error and "Mayschoss" not in error
    assert main(["--home", str(home), "quotes", "--by", "mayschoss"]) == 0  # a name without quotes: said so
    assert "No quotes by Winzergenossenschaft Mayschoss-Altenahr" in capsys.readouterr().out
