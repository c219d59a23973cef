"""`reader add URL`: web pages through a local server (never the internet), and how it fails."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from httpserver import unused_port
from reader.cli import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "html"
CANONICAL = "https://coastal-ledger.example/news/2024/03/harbour-towns-spring-tides"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "lib"


def run(home: Path, *argv: str) -> int:
    return main(["--home", str(home), *argv])


def listed(home: Path, capsys: pytest.CaptureFixture[str]) -> list[dict]:
    capsys.readouterr()
    assert run(home, "ls", "--json") == 0
    return json.loads(capsys.readouterr().out)


def test_add_url_imports_the_page_with_its_metadata(home, http_server, capsys):
    url = http_server.add_file("/article", FIXTURES / "article.html")
    assert run(home, "add", url) == 0
    out = capsys.readouterr().out
    assert "1 added" in out and "Harbour towns brace for record spring tides" in out
    [article] = listed(home, capsys)
    assert article["title"] == "Harbour towns brace for record spring tides"
    assert article["author"] == "Maria Okafor"
    assert article["source"] == "The Coastal Ledger"
    assert article["published"] == "2024-03-14"
    capsys.readouterr()
    assert run(home, "show", article["id"]) == 0
    shown = capsys.readouterr().out
    assert CANONICAL in shown and "The insurance does not cover half of it any more." in shown
    assert "Subscribe now" not in shown and "Lifeboat crew" not in shown
    assert http_server.requests_to("/article")[0].headers["User-Agent"].startswith("reader/")


def test_add_url_twice_does_not_duplicate(home, http_server, capsys):
    url = http_server.add_file("/article", FIXTURES / "article.html")
    assert run(home, "add", url) == 0
    assert run(home, "add", url) == 0
    assert "0 added, 1 already in the library" in capsys.readouterr().out
    assert len(listed(home, capsys)) == 1


def test_add_mixes_files_and_urls_and_json_says_where_from(home, http_server, capsys):
    url = http_server.add_file("/de", FIXTURES / "latin1.html", content_type="text/html")
    capsys.readouterr()
    assert run(home, "add", str(FIXTURES / "article.html"), url, "--json") == 0
    results = json.loads(capsys.readouterr().out)
    assert [r["path"] for r in results] == [str(FIXTURES / "article.html"), url]
    assert all(r["created"] for r in results)


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda s: s.url("/missing"), "HTTP 404"),
        (lambda s: s.add("/slow", (FIXTURES / "article.html").read_bytes(), delay=1.0), "timed out"),
        (lambda s: s.add("/huge", b"<html><body>" + b"<p>word </p>" * 2_000_000), "too large"),
        (lambda s: s.add("/pic.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, content_type="image/png"),
         "not a web page (content type image/png)"),
        (lambda s: s.add_file("/login", FIXTURES / "not_article.html"), "no article text found"),
        (lambda s: f"http://127.0.0.1:{unused_port()}/article", "connection refused"),
    ],
    ids=["404", "timeout", "too-large", "not-html", "not-an-article", "refused"],
)
def test_failures_are_one_clear_line_exit_1_and_add_nothing(
    home, http_server, capsys, monkeypatch, setup, message
):
    import reader.core.ingest.html as html_module
    from reader.core import net

    def quick_fetch(url: str, **kwargs: object) -> net.Fetched:
        return net.fetch(url, timeout=0.3, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(html_module.load_url, "__defaults__", (quick_fetch,))
    url = setup(http_server)
    capsys.readouterr()
    assert run(home, "add", url) == 1
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and url in lines[0] and message in lines[0], err
    assert "Traceback" not in err
    assert listed(home, capsys) == []


def test_one_bad_url_does_not_stop_the_others(home, http_server, capsys):
    good = http_server.add_file("/article", FIXTURES / "article.html")
    assert run(home, "add", http_server.url("/gone"), good) == 1
    captured = capsys.readouterr()
    assert "HTTP 404" in captured.err and "1 added" in captured.out and "1 failed" in captured.out
    assert len(listed(home, capsys)) == 1
