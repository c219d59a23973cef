"""An entry's HTML is read once, by reader's own conversion, not sanitised by feedparser first
(issue 16): hostile HTML still never reaches the screen or the store, relative links are
read as before, and an entry whose id hashes its text keeps the id it had."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import feedparser
import pytest

from reader.cli import main
from reader.core.feeds import parse_feed, refresh_feed, refresh_feeds
from reader.core.feeds.parsing import IN_WORKER
from reader.core.model import Feed, stable_id
from reader.core.store import Library

ESC = "\x1b"
# What must never be seen or kept: script text, handlers, other schemes, escape sequences.
HOSTILE = ("alert", "steal", "javascript", "onclick", "onerror", "<script", "evil.test", "\u202e", ESC)
BAD_HTML = (
    '<p>Storm <b>warning</b> for the coast.<script>alert("one")</script></p>'
    '<p onclick="steal()" style="color:red">Gales <a href="javascript:alert(2)" onmouseover="steal()">here</a> '
    'and <a href="/safety/gales.html">the advice</a>.</p>'
    '<img src="x.png" onerror="alert(3)" alt="a buoy">'
    '<iframe src="http://evil.test/">alert frame</iframe><svg><script>steal()</script></svg>'
    '<style>p { background: url(javascript:alert(4)) }</style>'
    '<p>Clipboard &#27;]52;c;c3RlYWw=&#7; and clear &#x1b;[2J the screen; \u202eright to left.</p>'
)
RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Coast &lt;script&gt;alert(5)&lt;/script&gt;Guard</title><link>{base}/</link>
<item><title>Storm &lt;script&gt;alert(6)&lt;/script&gt;&amp;#27;[31mwarning</title><link>{base}/storm</link>
<guid>storm-1</guid><content:encoded><![CDATA[{html}]]></content:encoded></item>
<item><title>Gales</title><link>{base}/gales</link><description>{escaped}</description></item>
</channel></rss>"""


def hostile_feed(base: str) -> str:
    escaped = BAD_HTML.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return RSS.format(base=base, html=BAD_HTML, escaped=escaped)


def json_feed(base: str) -> str:
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Coast", "items": [
        {"id": "j1", "url": f"{base}/json-storm", "title": f"Raw {ESC}]52;c;eA==\x07escape",
         "content_html": BAD_HTML + f"<p>Raw {ESC}[2J bytes.</p>"}]})


def test_hostile_entry_html_never_reaches_the_screen_or_the_store(http_server, tmp_path: Path, capsys):
    home = tmp_path / "lib"
    rss = http_server.add("/coast.xml", hostile_feed(http_server.base), content_type="application/rss+xml")
    feed_json = http_server.add("/coast.json", json_feed(http_server.base), content_type="application/feed+json")
    for url in (rss, feed_json):
        assert main(["--home", str(home), "feed", "add", url]) == 0
    assert main(["--home", str(home), "refresh"]) == 0

    library = Library(home)
    try:
        articles = [library.article(a.id) for a in library.articles()]
    finally:
        library.close()
    assert len(articles) == 3
    for article in articles:  # what the screen draws: the blocks, their links, the title
        assert "Storm warning for the coast." in article.text or "Raw" in article.title
        assert "Gales here and the advice." in article.text
        seen = [article.title, article.source or "", article.text, *(m.href or "" for b in article.blocks for m in b.marks)]
        assert not [bad for bad in HOSTILE for text in seen if bad in text], seen
        hrefs = {m.href for b in article.blocks for m in b.links()}
        assert hrefs == {http_server.url("/safety/gales.html")}  # made absolute; the javascript: one dropped
    capsys.readouterr()
    for article in articles:
        assert main(["--home", str(home), "show", article.id[:8]]) == 0
    assert main(["--home", str(home), "ls"]) == 0
    shown = capsys.readouterr().out
    assert "Storm warning" in shown and "Gales here" in shown
    assert not [bad for bad in HOSTILE if bad in shown]
    # The store: bodies, mirrors, index, analyses, journal. Not the derived *.cache files: they
    # are marshalled binary, whose integers (an inode, a time in ns) may hold an ESC byte by
    # chance; the article list's strings are read through it above (library.articles()).
    for path in home.rglob("*"):
        if path.is_file() and path.suffix != ".cache":
            kept = path.read_bytes()
            assert not [bad for bad in (*HOSTILE, "\\u001b", "\\u202e") if bad.encode() in kept], path


def test_relative_links_are_read_against_the_entry_base_as_feedparser_resolved_them():
    doc = ('<rss version="2.0" xml:base="http://other.test/dir/"><channel><title>T</title>'
           '<item><title>One</title><link>http://site.test/news/one</link>'
           '<description>&lt;p&gt;See &lt;a href="more.html"&gt;more&lt;/a&gt; and '
           '&lt;a href="/top"&gt;top&lt;/a&gt;.&lt;/p&gt;</description></item></channel></rss>')
    [entry] = parse_feed(doc.encode(), url="http://site.test/feed.xml").entries
    hrefs = [m.href for b in entry.blocks for m in b.links()]
    old = feedparser.parse(doc.encode(), response_headers={"content-location": "http://site.test/feed.xml"},
                           sanitize_html=True, resolve_relative_uris=True).entries[0].summary
    assert hrefs == ["http://other.test/dir/more.html", "http://other.test/top"]
    assert all(f'href="{href}"' in old for href in hrefs)  # what feedparser made of them


def test_an_entry_whose_id_hashes_its_text_keeps_the_id_it_had_when_feedparser_cleaned_it():
    url = "http://site.test/feed.xml"
    doc = ('<rss version="2.0"><channel><title>T</title>'
           '<item><title>Notice</title><description>&lt;p onclick="x()"&gt;Slipway shut.&lt;script&gt;'
           'bad()&lt;/script&gt;&lt;/p&gt;</description></item>'
           '<item><title>Plain</title><description>Tide at six.</description></item></channel></rss>')
    from reader.core.feeds.entries import entry_ids

    entries = parse_feed(doc.encode(), url=url).entries
    cleaned = feedparser.parse(doc.encode(), response_headers={"content-location": url},
                               sanitize_html=True, resolve_relative_uris=True).entries
    for entry, was in zip(entries, cleaned, strict=True):
        digest = hashlib.sha1(f"\n{was.summary}".encode()).hexdigest()
        assert entry_ids(entry, url) == [stable_id(f"{url}\n{was.title}\n\n{digest}")]
    assert "onclick" in entries[0].summary and "onclick" not in cleaned[0].summary  # the case that matters


def test_a_feed_parsed_in_a_worker_stores_what_one_parsed_here_stores(http_server, tmp_path: Path, monkeypatch):
    items = "".join(f"<item><title>Story {n}</title><link>{http_server.url(f'/s/{n}')}</link><content:encoded>"
                    f"<![CDATA[<p>Story {n} <a href='/more/{n}'>more</a>.</p>{BAD_HTML * 3}]]></content:encoded></item>"
                    for n in range(100))
    body = (f"<rss version='2.0' xmlns:content='http://purl.org/rss/1.0/modules/content/'><channel><title>Big</title>"
            f"{items}</channel></rss>")
    assert len(body) > IN_WORKER
    urls = [http_server.add(f"/{name}.xml", body, content_type="application/rss+xml") for name in ("a", "b")]

    def stored(home: Path) -> dict[str, object]:
        library = Library(home)
        try:
            feeds = [library.subscribe(Feed.create(url)) for url in urls]
            reports = refresh_feeds(library, feeds, analyse=False)
            assert [len(r.new) for r in reports] == [100, 0] and not reports[1].errors
            return {a.id: (a.title, library.article(a.id).blocks) for a in library.articles()}
        finally:
            library.close()

    in_workers = stored(tmp_path / "workers")
    monkeypatch.setattr("reader.core.feeds.parsing.IN_WORKER", 10**12)
    assert stored(tmp_path / "here") == in_workers
    assert len(in_workers) == 100


@pytest.mark.parametrize("converted", [True, False])
def test_an_entry_is_converted_once(monkeypatch, converted):
    calls = []
    import reader.core.feeds.parse as parse

    real = parse.html_blocks
    monkeypatch.setattr(parse, "html_blocks", lambda *a: calls.append(a) or real(*a))
    [entry] = parse_feed(hostile_feed("http://site.test").encode(), url="http://site.test/f").entries[:1]
    if converted:
        entry.convert()
    assert entry.has_full_text is False and "Storm warning" in entry.blocks[0].text
    from reader.core.feeds.entries import Planned, entry_article

    article, _ = entry_article(Planned(entry, "x", None), Feed.create("http://site.test/f"), parse_feed(
        hostile_feed("http://site.test").encode(), url="http://site.test/f"))
    assert article.blocks == entry.blocks
    assert [c for c in calls if c[0] == entry.body] == [(entry.body, "http://site.test/f")]  # the feed is its base


def test_refresh_feed_keeps_entries_whose_ids_hash_their_text_across_the_change(http_server, tmp_path: Path):
    """A library refreshed before the change holds ids made from feedparser's cleaned text:
    the same feed refreshed now finds them all (nothing imported twice)."""
    doc = ('<rss version="2.0"><channel><title>T</title>'
           '<item><title>Notice</title><description>&lt;p style="x"&gt;Slipway shut.&lt;/p&gt;</description></item>'
           '</channel></rss>')
    url = http_server.add("/n.xml", doc, content_type="application/rss+xml")
    library = Library(tmp_path / "lib")
    try:
        feed = library.subscribe(Feed.create(url))
        [new] = refresh_feed(library, feed).new
        cleaned = feedparser.parse(doc.encode(), sanitize_html=True).entries[0].summary
        assert new.id == stable_id(f"{url}\nNotice\n\n{hashlib.sha1(f'{chr(10)}{cleaned}'.encode()).hexdigest()}")
        again = refresh_feed(library, library.feeds()[0])
        assert again.new == [] and again.skipped == 1
    finally:
        library.close()
