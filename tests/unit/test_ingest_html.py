"""Web pages -> Articles, and fetching them: against fixture pages on a local server only."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from httpserver import unused_port
from reader.core.ingest import IngestError, collect_paths, load_file, load_html, load_url
from reader.core.net import USER_AGENT, FetchError, fetch

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "html"
ARTICLE = FIXTURES / "article.html"
LATIN1 = FIXTURES / "latin1.html"
NOT_ARTICLE = FIXTURES / "not_article.html"
CANONICAL = "https://coastal-ledger.example/news/2024/03/harbour-towns-spring-tides"
CHROME = [
    "Subscribe now", "cookies", "Share on", "More from News", "Ferry timetable",
    "School roof", "Lifeboat crew", "environment correspondent", "All rights reserved",
    "Privacy policy", "Sport",
]


# -- extraction ----------------------------------------------------------------------


def test_article_page_keeps_the_body_and_drops_the_chrome():
    article = load_file(ARTICLE).article
    text = article.text
    assert text.startswith("Councils along the estuary spent Wednesday")
    assert "The insurance does not cover half of it any more." in text
    for chrome in CHROME:
        assert chrome not in text, chrome
    kinds = [(b.kind, b.text) for b in article.blocks if b.kind == "heading"]
    assert kinds == [
        ("heading", "Forecasters point to a rare alignment"),
        ("heading", "Businesses count the cost"),
    ]
    assert sum(b.kind == "paragraph" for b in article.blocks) == 6


def test_article_page_metadata_is_recovered():
    article = load_file(ARTICLE).article
    assert article.title == "Harbour towns brace for record spring tides"  # no " | site" suffix
    assert article.author == "Maria Okafor"
    assert article.published == date(2024, 3, 14)
    assert article.source == "The Coastal Ledger"
    assert article.url == CANONICAL


def test_the_canonical_url_wins_and_makes_the_id():
    from_file = load_file(ARTICLE).article
    from_elsewhere = load_html(ARTICLE.read_bytes(), url="http://mirror.example/copy?utm=1").article
    assert from_elsewhere.url == CANONICAL
    assert from_file.id == from_elsewhere.id


def test_charset_declared_only_in_meta():
    data = LATIN1.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    article = load_html(data, path=LATIN1).article
    assert article.title == "Die Straßenbahn fährt wieder über die Brücke"
    assert article.author == "Jürgen Müller"
    assert article.published == date(2023, 11, 2)
    assert "über den Fluß am Montagmorgen" in article.text
    assert "Startseite" not in article.text and "Impressum" not in article.text


def test_a_page_that_is_not_an_article_is_refused():
    with pytest.raises(IngestError, match="no article text found"):
        load_file(NOT_ARTICLE)


@pytest.mark.parametrize("html", ["", "   ", "<html><body></body></html>"])
def test_empty_pages_are_refused(html):
    with pytest.raises(IngestError):
        load_html(html)


def test_control_and_bidi_characters_are_removed():
    page = ARTICLE.read_text(encoding="utf-8").replace("spent Wednesday", "spent \x1b[31m\u202eWednesday")
    imported = load_html(page)
    assert "\x1b" not in imported.article.text and "\u202e" not in imported.article.text
    assert "spent" in imported.article.text and "Wednesday" in imported.article.text


def test_folders_pick_up_html_files(tmp_path):
    (tmp_path / "a.html").write_bytes(ARTICLE.read_bytes())
    (tmp_path / "b.htm").write_bytes(LATIN1.read_bytes())
    (tmp_path / "c.css").write_text("body {}")
    paths, errors = collect_paths([tmp_path])
    assert [p.name for p in paths] == ["a.html", "b.htm"] and errors == []


# -- fetching ------------------------------------------------------------------------


def test_fetch_returns_body_type_charset_and_validators(http_server):
    url = http_server.add("/a", "<p>é</p>", content_type="text/html; charset=UTF-8",
                          etag='"v1"', last_modified="Wed, 21 Oct 2015 07:28:00 GMT")
    got = fetch(url)
    assert (got.status, got.body, got.content_type, got.charset) == (200, "<p>é</p>".encode(), "text/html", "utf-8")
    assert (got.etag, got.last_modified, got.not_modified) == ('"v1"', "Wed, 21 Oct 2015 07:28:00 GMT", False)
    assert http_server.requests[-1].headers["User-Agent"] == USER_AGENT
    assert USER_AGENT.startswith("reader/")


def test_fetch_sends_conditional_headers_and_reports_304(http_server):
    url = http_server.add("/feed", "x", etag='"v1"', last_modified="Wed, 21 Oct 2015 07:28:00 GMT")
    got = fetch(url, etag='"v1"')
    assert got.not_modified and got.status == 304 and got.body == b""
    assert http_server.requests[-1].headers["If-None-Match"] == '"v1"'
    got = fetch(url, last_modified="Wed, 21 Oct 2015 07:28:00 GMT")
    assert got.not_modified
    assert http_server.requests[-1].headers["If-Modified-Since"] == "Wed, 21 Oct 2015 07:28:00 GMT"
    assert not fetch(url, etag='"v0"').not_modified


def test_fetch_follows_redirects_and_reports_the_final_url(http_server):
    final = http_server.add("/final", "ok")
    assert fetch(http_server.redirect("/old", "/final")).url == final


@pytest.mark.parametrize("chunked", [False, True])
def test_fetch_stops_at_the_size_cap(http_server, chunked):
    url = http_server.add("/big", b"x" * 200_000, chunked=chunked)
    with pytest.raises(FetchError, match="too large") as err:
        fetch(url, max_bytes=10_000)
    assert url in str(err.value)
    assert len(fetch(url, max_bytes=200_000).body) == 200_000


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://example.com/x", "not an http(s) URL"),
        ("file:///etc/passwd", "not an http(s) URL"),
        ("example.com/page", "not an http(s) URL"),
    ],
)
def test_fetch_refuses_other_schemes(url, message):
    with pytest.raises(FetchError, match=re.escape(message)):
        fetch(url)


def test_fetch_errors_name_the_url_and_the_problem(http_server):
    http_server.add("/slow", "late", delay=1.0)
    http_server.add("/boom", "oops", status=500)
    http_server.redirect("/sneaky", "file:///etc/passwd")
    refused = f"http://127.0.0.1:{unused_port()}/x"
    cases = [
        (http_server.url("/missing"), "HTTP 404"),
        (http_server.url("/boom"), "HTTP 500"),
        (http_server.url("/sneaky"), "not http(s)"),
        (refused, "connection refused"),
    ]
    for url, message in cases:
        with pytest.raises(FetchError) as err:
            fetch(url)
        assert message in str(err.value) and str(err.value).startswith(url)
    with pytest.raises(FetchError, match="timed out"):
        fetch(http_server.url("/slow"), timeout=0.2)


# -- load_url ------------------------------------------------------------------------


def test_load_url_imports_a_page_with_its_metadata(http_server):
    url = http_server.add_file("/article", ARTICLE)
    article = load_url(url).article
    assert article.title == "Harbour towns brace for record spring tides"
    assert article.url == CANONICAL and article.author == "Maria Okafor"


def test_load_url_without_canonical_uses_the_final_url(http_server):
    http_server.add_file("/de", LATIN1, content_type="text/html")  # charset only in <meta>
    url = http_server.redirect("/short", "/de")
    article = load_url(url).article
    assert article.url == http_server.url("/de")
    assert "Straßenbahn" in article.title


def test_load_url_decodes_by_the_http_charset(http_server):
    url = http_server.add_file("/de", LATIN1, content_type="text/html; charset=ISO-8859-1")
    assert "Bürgermeisterin" in load_url(url).article.text


def test_load_url_refuses_what_is_not_html(http_server):
    url = http_server.add("/data.json", b'{"a": 1}', content_type="application/json")
    with pytest.raises(IngestError, match="not a web page"):
        load_url(url)
    url = http_server.add("/feed.xml", b"<?xml version='1.0'?><rss/>", content_type=None)
    with pytest.raises(IngestError, match="not a web page"):
        load_url(url)


def test_load_url_turns_fetch_errors_into_ingest_errors(http_server):
    with pytest.raises(IngestError, match="HTTP 404") as err:
        load_url(http_server.url("/missing"))
    assert str(err.value).startswith(http_server.url("/missing"))


def test_load_url_takes_a_fetch_function():
    from reader.core.net import Fetched

    def fake(url: str, **_: object) -> Fetched:
        return Fetched(url, 200, ARTICLE.read_bytes(), "text/html", "utf-8", None, None, False)

    assert load_url("http://x.example/a", fetch=fake).article.url == CANONICAL


def _scripted_page(body_html: str, stated: str) -> str:
    """A page that draws its story with script: its HTML holds little, its JSON-LD the text."""
    import json

    data = {"@context": "https://schema.org", "@type": "OpinionNewsArticle", "headline": "Tides and towns",
            "author": {"@type": "Person", "name": "Ann Lee"}, "articleBody": stated}
    return (f'<html><head><title>Tides and towns</title><script type="application/ld+json">{json.dumps(data)}'
            f'</script></head><body><div id="app">{body_html}</div><script>render()</script></body></html>')


def test_a_page_drawn_by_script_gives_the_text_its_json_ld_states(monkeypatch: pytest.MonkeyPatch):
    """As a real opinion page did: the extractor (trafilatura) found only a photo caption."""
    import reader.core.ingest.html as html_module

    monkeypatch.setattr(html_module, "article_body", lambda tree, url: None)
    stated = ("The harbour town voted on Monday to raise the sea wall by a metre.\n"
              "Residents said the \u001b[2J tides had reached the church twice this winter.")
    article = load_html(_scripted_page("<figure><figcaption>The sea wall. Photo: AP</figcaption></figure>", stated)).article
    assert [b.text for b in article.blocks] == [
        "The harbour town voted on Monday to raise the sea wall by a metre.",
        "Residents said the [2J tides had reached the church twice this winter.",
    ]
    assert (article.title, article.author) == ("Tides and towns", "Ann Lee")


def test_a_page_whose_html_holds_the_text_keeps_it_over_its_json_ld():
    shown = "".join(f"<p>Paragraph {i} of the story as the page shows it, with enough words to read.</p>" for i in range(4))
    article = load_html(_scripted_page(f"<article>{shown}</article>", "A summary the page states in its data.")).article
    assert "as the page shows it" in article.text and "A summary the page states" not in article.text
