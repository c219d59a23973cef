"""What `reader search` says besides its hits is something to paste or type next: a whole
field term for a misspelt one ("person:hewitt", never a bare "hewitt" that searches every
field), and for a capital NOT, which the language reads as a word, how it says exclusion."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli import main
from reader.core.analysis import ANALYZER_VERSION
from reader.core.model import Analysis, Article, Block, Entity, Quote
from reader.core.store import Library

TEXT = ('Patricia Hewitt defended the spin. "There is no spin here," Patricia Hewitt said in Leeds. '
        "Critics called it spin.")


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("lib")
    library = Library(home)
    article = library.add(Article.create("Minister denies spin", [Block("paragraph", TEXT)]))[0]
    text = library.article(article.id).text
    name, leeds = text.index("Patricia Hewitt"), text.index("Leeds")
    quote = text.index('"There')
    library.save_analysis(article.id, Analysis(ANALYZER_VERSION, (
        Entity(name, name + 15, "PER", "Patricia Hewitt", "Patricia Hewitt"),
        Entity(leeds, leeds + 5, "LOC", "Leeds", "Leeds"),
    ), (Quote(quote, text.index('"', quote + 1) + 1, "There is no spin here,", "Patricia Hewitt"),)))
    start = text.index("defended the spin")
    library.annotate(article.id, start, start + len("defended the spin"), note="spin about spin")
    library.close()
    return home


def search(home: Path, capsys: pytest.CaptureFixture[str], *query: str) -> tuple[str, str]:
    capsys.readouterr()
    assert main(["--home", str(home), "search", *query]) == 0
    captured = capsys.readouterr()
    return captured.out, captured.err


def test_a_capital_not_says_how_to_exclude(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, err = search(home, capsys, "NOT spin")
    assert out.strip() == "No matches."
    assert err.count("\n") == 1 and "NOT is searched as a word" in err and "(-spin)" in err
    _out, err = search(home, capsys, "hewitt NOT (leeds OR critics)")
    assert "(-(leeds OR critics))" in err
    for fine in ("spin AND hewitt", "spin OR leeds", "not spin", '"NOT spin"', "spin -leeds"):
        assert "searched as a word" not in search(home, capsys, fine)[1], fine  # AND, OR: operators; not: a word


def test_a_misspelt_field_value_gets_whole_terms_back(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert search(home, capsys, "person:hewet")[1].strip() == "reader: no match for 'person:hewet': did you mean person:hewitt?"
    assert search(home, capsys, "said-by:hewet")[1].strip() == (
        "reader: no match for 'said-by:hewet': did you mean said-by:hewitt?")
    assert search(home, capsys, 'person:"patricia hewet"')[1].strip() == (
        "reader: no match for 'person:\"patricia hewet\"': did you mean person:\"patricia hewitt\"?")
    assert "did you mean person:" not in search(home, capsys, "person:leds")[1]  # Leeds is a place, no person
    assert search(home, capsys, "place:leds")[1].strip() == "reader: no match for 'place:leds': did you mean place:leeds?"
    assert search(home, capsys, "note:spim")[1].strip() == "reader: no match for 'note:spim': did you mean note:spin?"
