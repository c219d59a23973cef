"""`reader feed add` given a web page or a feed file, and `reader add` given a feed or a text document."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from reader.cli import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"
BLOG = """<!DOCTYPE html>
<html><head><title>Harbour blog</title>
{links}
</head><body><p>Posts about the harbour.<br></p></body></html>"""


def fixture(name: str, base: str) -> bytes:
    return (FIXTURES / name).read_bytes().replace(b"{BASE}", base.encode())


def run(home: Path, *argv: str) -> int:
    return main([*argv, "--home", str(home)])


def run_json(capsys, home: Path, *argv: str):
    capsys.readouterr()
    assert run(home, *argv, "--json") == 0
    return json.loads(capsys.readouterr().out)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "lib"


@pytest.fixture
def feeds(http_server):
    http_server.add("/rss.xml", fixture("rss20.xml", http_server.base), content_type="application/xml")
    http_server.add("/atom.xml", fixture("atom.xml", http_server.base), content_type="application/atom+xml")
    http_server.add_file("/articles/lighthouse.html", FIXTURES / "lighthouse.html")
    return http_server


# -- 1. a web page that names its feed -----------------------------------------------------------


def test_feed_add_of_a_web_page_subscribes_to_the_feed_it_names(feeds, home, capsys):
    page = feeds.add("/blog.html", BLOG.format(links='<link rel="alternate" type="application/rss+xml" href="/rss.xml">'))
    assert run(home, "feed", "add", page) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == f"found the feed the page names: {feeds.url('/rss.xml')}"
    assert "added" in out and "Harbour Gazette" in out and "2 entries" in out
    [feed] = run_json(capsys, home, "feed", "ls")
    assert feed["url"] == feeds.url("/rss.xml") and feed["title"] == "Harbour Gazette"
    assert run(home, "refresh") == 0
    assert "2 new articles from 1 feed" in capsys.readouterr().out


def test_of_several_feeds_the_first_is_taken_and_the_others_listed(feeds, home, capsys):
    links = """<link rel="alternate" type="application/json" href="/wp-json/wp/v2/pages/2">
        <link rel="alternate" type="text/html" hreflang="fr" href="/fr/">
        <link rel="alternate" type="application/atom+xml" title="Tidewater (Atom)" href="atom.xml">
        <link rel="alternate" type="application/rss+xml" title="Gazette (RSS)" href="/rss.xml">
        <link rel="alternate" type="application/atom+xml" href="atom.xml">"""
    page = feeds.add("/blog/index.html", BLOG.format(links=links).replace("<head>", '<head><base href="/">'))
    assert run(home, "feed", "add", page) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:3] == [
        f"found the feed the page names: {feeds.url('/atom.xml')}",
        "the page names 1 other feed (`reader feed add URL` subscribes to one):",
        f"  {feeds.url('/rss.xml')}  (Gazette (RSS))",
    ]
    assert [f["url"] for f in run_json(capsys, home, "feed", "ls")] == [feeds.url("/atom.xml")]


def test_a_web_page_without_a_feed_link_and_broken_xml_are_said_plainly(feeds, home, capsys):
    page = feeds.add("/about.html", BLOG.format(links=""))
    assert run(home, "feed", "add", page) == 1
    assert capsys.readouterr().err == f"reader: {page}: not a feed: it is a web page with no feed link\n"
    broken = feeds.add("/broken.xml", '<?xml version="1.0"?>\n<notes>\n<note>open</notes>', content_type="application/xml")
    assert run(home, "feed", "add", broken) == 1
    assert capsys.readouterr().err == f"reader: {broken}: not a feed (malformed XML at line 3)\n"
    dead = feeds.add("/dead.html", BLOG.format(links='<link rel="alternate" type="application/rss+xml" href="/gone.xml">'))
    assert run(home, "feed", "add", dead) == 1
    assert capsys.readouterr().err == (f"reader: {dead}: not a feed: it is a web page, and the feed it names could not "
                                       f"be read: {feeds.url('/gone.xml')} (HTTP 404 Not Found)\n")
    assert run_json(capsys, home, "feed", "ls") == []


# -- 2. a feed file ----------------------------------------------------------------------------


def test_feed_add_of_a_feed_file_subscribes_to_the_file_read_again_at_each_refresh(feeds, home, tmp_path, monkeypatch, capsys):
    www = tmp_path / "www"
    www.mkdir()
    rss = www / "rss.xml"
    rss.write_bytes(fixture("rss20.xml", feeds.base))
    monkeypatch.chdir(tmp_path)
    assert run(home, "feed", "add", "www/rss.xml") == 0
    out = capsys.readouterr().out
    assert "Harbour Gazette" in out and "2 entries" in out and f"read again at each refresh: {rss.as_uri()}" in out
    [feed] = run_json(capsys, home, "feed", "ls")
    assert feed["url"] == rss.as_uri()
    assert run(home, "refresh") == 0
    assert "2 new articles from 1 feed" in capsys.readouterr().out
    assert run(home, "refresh") == 0
    assert "Harbour Gazette: not modified" in capsys.readouterr().out  # the file has not changed
    item = (f"<item><title>Ferry timetable for May</title><link>{feeds.base}/ferry-may</link>"
            "<description>From May the ferry leaves at seven.</description></item>")
    rss.write_bytes(fixture("rss20.xml", feeds.base).replace(b"<item>", item.encode() + b"<item>", 1))
    os.utime(rss, (rss.stat().st_atime, rss.stat().st_mtime + 10))
    assert run(home, "refresh") == 0
    assert "added" in (out := capsys.readouterr().out) and "Ferry timetable for May" in out
    assert len(run_json(capsys, home, "ls")) == 3


def test_feed_add_of_a_file_that_is_no_feed_says_so(home, tmp_path, capsys):
    notes = tmp_path / "notes.txt"
    notes.write_text("Buy rope.\n")
    assert run(home, "feed", "add", str(notes)) == 1
    assert capsys.readouterr().err == f"reader: {notes}: not a feed: it is neither XML nor JSON\n"
    assert run(home, "feed", "add", str(tmp_path)) == 1
    assert "is a folder" in capsys.readouterr().err


# -- 3. `reader add` of a feed, a text or a Markdown document -------------------------------------


@pytest.mark.parametrize("content_type", ["application/xml", "application/rss+xml", "text/xml", "text/plain"])
def test_reader_add_of_a_feed_points_to_feed_add(feeds, home, capsys, content_type):
    url = feeds.add("/feed", fixture("rss20.xml", feeds.base), content_type=content_type)
    assert run(home, "add", url) == 1
    assert f"{url}: this is a feed, not a web page: subscribe to it with `reader feed add {url}`" in capsys.readouterr().err
    assert run_json(capsys, home, "ls") == []


def test_reader_add_of_a_json_feed_points_to_feed_add(feeds, home, capsys):
    url = feeds.add("/feed.json", fixture("jsonfeed-1.1.json", feeds.base), content_type="application/json")
    assert run(home, "add", url) == 1
    assert "this is a feed, not a web page" in capsys.readouterr().err


def test_reader_add_of_plain_text_and_markdown_imports_them(http_server, home, capsys):
    text = "Tide tables for April\n\nHigh water on the first is at 06:12 and again at 18:40.\nLow water follows six hours later.\n"
    txt = http_server.add("/tides.txt", text, content_type="text/plain; charset=utf-8")
    md = http_server.add("/ferry.md", "# Ferry notes\n\nThe *morning* ferry leaves at seven.\n\n- Monday\n- Friday\n",
                         content_type="text/markdown")
    assert run(home, "add", txt, md) == 0
    assert "2 added" in capsys.readouterr().out
    by_url = {a["url"]: a for a in run_json(capsys, home, "ls")}
    assert by_url[txt]["title"] == "Tide tables for April" and by_url[md]["title"] == "Ferry notes"
    assert "High water on the first is at 06:12" in run_json(capsys, home, "show", by_url[txt]["id"])["text"]
    assert run(home, "add", txt) == 0  # the same address: the same article
    assert "already in the library" in capsys.readouterr().out
