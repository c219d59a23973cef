"""`reader add` of an article already in the library says which one it is: the same text
(an article without an address), or the same address (a page, by file or by URL)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "html"
TEXT = "Tides and ferries\n\nThe harbour council met on Tuesday to discuss the spring tides. " * 3


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "lib"


def add(home: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    capsys.readouterr()
    assert main(["--home", str(home), "add", *argv]) == 0
    return capsys.readouterr().out.splitlines()


def stored(home: Path, capsys: pytest.CaptureFixture[str]) -> dict:
    capsys.readouterr()
    assert main(["--home", str(home), "ls", "--json"]) == 0
    (article,) = json.loads(capsys.readouterr().out)
    return article


def test_a_text_file_again_names_the_article_with_its_text(home, tmp_path, capsys):
    first = tmp_path / "tides.txt"
    first.write_text(TEXT)
    add(home, capsys, str(first))
    article = stored(home, capsys)
    again = add(home, capsys, str(first))
    assert again == [f"exists {first}: same text as {article['id'][:8]}: {article['title']}",
                     "0 added, 1 already in the library"]


def test_the_same_text_twice_in_one_add_names_the_first(home, tmp_path, capsys):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(TEXT)
    lines = add(home, capsys, str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--jobs", "2")
    article = stored(home, capsys)
    assert lines == [f"added  {article['id'][:8]}  {article['title']}",
                     f"exists {tmp_path / 'b.txt'}: same text as {article['id'][:8]}: {article['title']}",
                     "1 added, 1 already in the library"]


def test_a_page_by_file_then_by_url_names_the_article_with_its_address(home, http_server, capsys):
    add(home, capsys, str(FIXTURES / "article.html"))
    article = stored(home, capsys)
    url = http_server.add_file("/article", FIXTURES / "article.html")
    again = add(home, capsys, url)
    assert again[0] == f"exists {url}: same address as {article['id'][:8]}: {article['title']}"


def test_json_says_it_was_not_created_and_which_article_it_is(home, tmp_path, capsys):
    (tmp_path / "a.txt").write_text(TEXT)
    add(home, capsys, str(tmp_path / "a.txt"))
    (result,) = json.loads("\n".join(add(home, capsys, str(tmp_path / "a.txt"), "--json")))
    assert result["created"] is False and result["id"] == stored(home, capsys)["id"]
