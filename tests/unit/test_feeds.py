"""Feeds: parsing RSS/Atom/RDF (broken ones too), refresh against a local server, OPML."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.feeds import FeedError, export_opml, parse_feed, read_opml, refresh_feed, refresh_feeds
from reader.core.feeds.parse import html_blocks
from reader.core.model import Feed
from reader.core.store import Library

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"
XML = "application/xml"


def fixture(name: str, base: str = "http://example.test") -> bytes:
    return (FIXTURES / name).read_bytes().replace(b"{BASE}", base.encode())


def serve(server, path: str, name: str, **kwargs) -> str:
    kwargs.setdefault("content_type", "application/rss+xml")
    return server.add(path, fixture(name, server.base), **kwargs)


@pytest.fixture
def library(tmp_path: Path):
    lib = Library(tmp_path / "home")
    yield lib
    lib.close()


# -- parsing -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "version", "title", "count"),
    [("rss20.xml", "rss20", "Harbour Gazette", 2), ("atom.xml", "atom10", "Tidewater Notes", 2),
     ("rdf.xml", "rss10", "Estuary Weekly", 1)],
)
def test_parses_rss_atom_and_rdf(name, version, title, count):
    parsed = parse_feed(fixture(name), content_type=XML)
    assert (parsed.version, parsed.title, len(parsed.entries)) == (version, title, count)
    assert parsed.warnings == []
    first = parsed.entries[0]
    assert first.link.startswith("http://example.test/") and first.published is not None
    assert first.has_full_text


def test_entry_fields():
    rss = parse_feed(fixture("rss20.xml"), content_type=XML)
    quay, lighthouse = rss.entries
    assert quay.id == "gazette-1" and quay.author == "Mara Quill" and str(quay.published) == "2025-03-04"
    assert quay.content and "What comes next" in quay.content
    assert lighthouse.title == "Lighthouse keeper retires & looks back"
    assert not lighthouse.has_full_text  # a one-line description is a summary
    atom = parse_feed(fixture("atom.xml"), content_type=XML)
    assert atom.entries[0].author == "Ida Brandt" and not atom.entries[1].has_full_text


def test_a_latin1_feed_declared_utf8_is_read_with_a_warning():
    parsed = parse_feed(fixture("latin1-declared-utf8.xml"), content_type=XML)
    assert parsed.title == "Café du Port"
    assert parsed.entries[0].title == "Le café rouvre après l'été"
    assert parsed.warnings == ["declared UTF-8, but the bytes are not UTF-8; read as Windows-1252 (guessed)"]


def test_malformed_xml_that_can_be_read_is_imported_with_a_warning():
    parsed = parse_feed(fixture("malformed.xml"), content_type=XML)
    assert parsed.entries[0].title == "Storm damages the pier & the boardwalk"
    assert any("malformed" in w for w in parsed.warnings)


@pytest.mark.parametrize("body", [b"", b"<html><body><p>Not a feed</p></body></html>", b"\x00\x01garbage"])
def test_what_is_not_a_feed_is_a_clear_error(body):
    with pytest.raises(FeedError) as error:
        parse_feed(body, url="http://example.test/x", content_type="text/html")
    assert str(error.value).startswith("http://example.test/x: ")


@pytest.mark.parametrize(("body", "reason"), [
    (b"<html><head><title>x</title></head><body><p>Not a feed</body></html>", "not a feed: it is a web page with no feed link"),
    (b"<!DOCTYPE html>\n<meta charset=utf-8><p>bare", "not a feed: it is a web page with no feed link"),
    (b'<?xml version="1.0"?>\n<list>\n<a>one</b></list>', "not a feed (malformed XML at line 3)"),
    (b"<list>\n<a>one</b></list>", "not a feed (malformed XML at line 2)"),
    (b"<?xml version='1.0'?><catalog><book/></catalog>",
     "not a feed: an XML document whose root element is <catalog>, not <rss>, <feed> or <rdf:RDF>"),
    (b"<opml version='2.0'><body/></opml>",
     "not a feed: it is an OPML list of feeds (`reader feed add` of it subscribes to them)"),
    (b"Just some words.", "not a feed: it is neither XML nor JSON"),
])
def test_why_it_is_not_a_feed_is_said_in_words(body, reason):
    with pytest.raises(FeedError) as error:
        parse_feed(body, url="http://example.test/x", content_type="application/xml")
    assert error.value.reason == reason


def test_a_web_page_names_its_feeds_in_order_made_absolute():
    from reader.core.feeds.parse import WebPageError

    page = b"""<html><head><base href="http://example.test/blog/">
      <link rel="alternate" type="application/json" href="/wp-json/">
      <link rel="stylesheet" href="s.css"><link rel="alternate" type="text/html" href="/fr/">
      <link rel="Alternate feed" type="application/atom+xml; charset=utf-8" href="atom.xml" title=" Posts  ">
      <link rel="alternate" type="application/rss+xml" href="http://other.test/rss">
      <link rel="alternate" type="application/rss+xml" href="atom.xml"></head><body/></html>"""
    with pytest.raises(WebPageError) as error:
        parse_feed(page, url="http://example.test/", content_type="text/html")
    assert [(link.url, link.title) for link in error.value.links] == [
        ("http://example.test/blog/atom.xml", "Posts"), ("http://other.test/rss", "")]
    json_only = b'<html><head><link rel="alternate" type="application/json" href="/feed.json"></head></html>'
    with pytest.raises(WebPageError) as error:
        parse_feed(json_only, url="http://example.test/a/", content_type="text/html")
    assert [link.url for link in error.value.links] == ["http://example.test/feed.json"]  # JSON Feed 1.0's type


# -- refresh -----------------------------------------------------------------------------------


def test_refresh_imports_new_entries_once_then_asks_conditionally(http_server, library):
    url = serve(http_server, "/rss.xml", "rss20.xml", etag='"v1"', last_modified="Wed, 05 Mar 2025 10:00:00 GMT")
    http_server.add_file("/articles/lighthouse.html", FIXTURES / "lighthouse.html")
    feed = library.subscribe(Feed.create(url, tags=["Local", "harbour"]))

    report = refresh_feed(library, feed)
    assert not report.failed and len(report.new) == 2 and report.skipped == 0
    stored = {f.id: f for f in library.feeds()}[feed.id]
    assert stored.etag == '"v1"' and stored.last_modified == "Wed, 05 Mar 2025 10:00:00 GMT"
    assert stored.title == "Harbour Gazette" and stored.checked is not None

    articles = {a.title: a for a in library.articles()}
    quay = library.article(articles["Council debates the old quay"].id)
    assert quay.feed == feed.id and quay.tags == ["local", "harbour"]
    assert quay.author == "Mara Quill" and str(quay.published) == "2025-03-04" and quay.source == "Harbour Gazette"
    assert "What comes next" in quay.text and "<p>" not in quay.text
    assert quay.url == http_server.url("/articles/quay.html")

    # a second refresh: If-None-Match sent, 304, nothing new
    again = refresh_feed(library, stored)
    sent = http_server.requests_to("/rss.xml")[-1].headers
    assert sent["If-None-Match"] == '"v1"' and sent["If-Modified-Since"] == "Wed, 05 Mar 2025 10:00:00 GMT"
    assert again.not_modified and again.new == []
    assert len(library.articles()) == 2


def test_entries_already_in_the_library_are_skipped(http_server, library):
    url = serve(http_server, "/atom.xml", "atom.xml", content_type="application/atom+xml")
    http_server.add("/tidewater/ferry", "<html><body><article><p>" + "Ferry words here. " * 40 + "</p></article></body></html>")
    feed = library.subscribe(Feed.create(url))
    assert len(refresh_feed(library, feed).new) == 2
    second = refresh_feed(library, library.feeds()[0])  # no validators: a full fetch
    assert second.new == [] and second.skipped == 2
    assert len(http_server.requests_to("/tidewater/ferry")) == 1


def test_a_summary_only_entry_gets_its_full_text_from_the_linked_page(http_server, library):
    url = serve(http_server, "/rss.xml", "rss20.xml")
    http_server.add_file("/articles/lighthouse.html", FIXTURES / "lighthouse.html")
    refresh_feed(library, library.subscribe(Feed.create(url)))
    found = next(a for a in library.articles() if a.title.startswith("Lighthouse"))
    text = library.article(found.id).text
    assert "paraffin lantern" in text and "keeper's cottage will become a small museum" in text
    assert "Copyright" not in text and "hands over the keys" not in text
    assert http_server.requests_to("/articles/quay.html") == []  # full content: no page fetch


def test_when_the_page_cannot_be_fetched_the_summary_is_kept_and_said(http_server, library):
    url = serve(http_server, "/rss.xml", "rss20.xml")  # no /articles/lighthouse.html: 404
    report = refresh_feed(library, library.subscribe(Feed.create(url)))
    assert len(report.new) == 2 and not report.failed
    assert report.warnings == [
        "Lighthouse keeper retires & looks back: kept the summary; the full text could not be fetched "
        "(HTTP 404 Not Found); the next refresh tries again"
    ]
    assert report.errors == []
    found = next(a for a in library.articles() if a.title.startswith("Lighthouse"))
    assert library.article(found.id).text == "After forty years, the keeper hands over the keys."


def test_rdf_broken_encoding_and_malformed_feeds_import(http_server, library):
    feeds = [
        library.subscribe(Feed.create(serve(http_server, f"/{name}", name)))
        for name in ("rdf.xml", "latin1-declared-utf8.xml", "malformed.xml")
    ]
    reports = refresh_feeds(library, feeds)
    assert [len(r.new) for r in reports] == [1, 1, 1] and not any(r.failed for r in reports)
    assert reports[0].warnings == []
    assert any("read as Windows-1252 (guessed)" in w for w in reports[1].warnings)
    assert any("malformed" in w for w in reports[2].warnings)
    titles = {a.title for a in library.articles()}
    assert {"Winter birds return to the mudflats", "Le café rouvre après l'été",
            "Storm damages the pier & the boardwalk"} == titles
    cafe = next(a for a in library.articles() if a.title.startswith("Le café"))
    assert "déjà" in library.article(cafe.id).text


def test_a_dead_feed_fails_clearly_and_the_others_import(http_server, library):
    from httpserver import unused_port

    dead = library.subscribe(Feed.create(f"http://127.0.0.1:{unused_port()}/feed.xml", title="Dead"))
    gone = library.subscribe(Feed.create(http_server.url("/gone.xml"), title="Gone"))
    html = library.subscribe(Feed.create(http_server.add("/page.html", "<html><body>hi</body></html>"), title="Page"))
    good = library.subscribe(Feed.create(serve(http_server, "/rdf.xml", "rdf.xml")))
    reports = refresh_feeds(library, [dead, gone, html, good])
    assert [r.failed for r in reports] == [True, True, True, False]
    assert "refused" in reports[0].error.lower() or "connect" in reports[0].error.lower()
    assert "404" in reports[1].error
    assert reports[2].error == "not a feed: it is a web page with no feed link"
    assert len(reports[3].new) == 1 and len(library.articles()) == 1
    assert {f.id: f for f in library.feeds()}[dead.id].etag is None


def test_progress_is_reported_per_entry(http_server, library):
    url = serve(http_server, "/rdf.xml", "rdf.xml")
    seen = []
    refresh_feed(library, library.subscribe(Feed.create(url)), progress=lambda d, t, w: seen.append((d, t)))
    assert seen == [(0, 1), (1, 1)]


# -- entries without a link or an id, JSON Feed, undeclared encodings ----------------------------


def test_entries_without_a_link_or_an_id_are_imported_and_a_second_refresh_finds_them(http_server, library):
    url = serve(http_server, "/notices.xml", "linkless.xml")
    report = refresh_feed(library, library.subscribe(Feed.create(url)))
    assert not report.failed and report.errors == []
    assert sorted(a.title for a in report.new) == [
        "Harbour office closed on Monday", "Slipway closed for repairs",
        "The fish market opens an hour later on Sundays from May", "Tide tables for April",
    ]
    assert report.warnings == ["Harbour office closed on Monday: imported its title only: the entry has no text and no link"]
    texts = {a.title: library.article(a.id).text for a in report.new}
    assert texts["Slipway closed for repairs"] == "The public slipway is closed until Friday while the concrete is repaired."
    assert texts["Harbour office closed on Monday"] == "Harbour office closed on Monday"
    assert all(a.url is None for a in report.new)

    again = refresh_feed(library, library.feeds()[0])
    assert again.new == [] and again.skipped == 4 and again.warnings == [] and again.errors == []
    assert len(library.articles()) == 4


def test_entries_sharing_a_link_are_told_apart_and_an_entry_listed_twice_is_imported_once(http_server, library):
    item = "<item><title>{}</title><link>{}/</link><description>{}</description></item>"
    home = http_server.base
    body = "<rss version='2.0'><channel><title>Home links</title>{}</channel></rss>".format(
        item.format("Ferry delayed", home, "The morning ferry is delayed by fog.")
        + item.format("Ferry running again", home, "The fog has lifted.")
        + item.format("Ferry running again", home, "The fog has lifted.")
    )
    url = http_server.add("/home.xml", body, content_type="application/rss+xml")
    http_server.add("/", "<html><body><p>Home page</p></body></html>")
    report = refresh_feed(library, library.subscribe(Feed.create(url)))
    assert sorted(a.title for a in report.new) == ["Ferry delayed", "Ferry running again"]
    assert "Ferry running again: the feed lists this entry twice; imported once" in report.warnings
    again = refresh_feed(library, library.feeds()[0])
    assert again.new == [] and again.skipped == 2
    newer = item.format("Ferry timetable for May", home, "From May the ferry leaves at seven.")
    http_server.add("/home.xml", body.replace("<title>Home links</title>", "<title>Home links</title>" + newer),
                    content_type="application/rss+xml")
    third = refresh_feed(library, library.feeds()[0])
    assert [a.title for a in third.new] == ["Ferry timetable for May"] and third.skipped == 2


def test_json_feed_1_0_and_1_1_are_read():
    one = parse_feed(fixture("jsonfeed-1.0.json"), url="http://example.test/log/feed.json",
                     content_type="application/feed+json")
    assert (one.version, one.title, one.site_url, one.warnings) == ("json10", "Estuary Log", "http://example.test/log/", [])
    seals, gauge = one.entries
    assert (seals.id, seals.link, seals.title, seals.author, str(seals.published)) == (
        "2", "http://example.test/log/seals", "Seals on the sandbank", "Nell Ashby", "2025-04-02")
    assert [b.text for b in html_blocks(seals.body)] == [
        "Twelve grey seals were counted on the sandbank at low tide.", "The count is the highest since 2019 & rising."]
    assert (gauge.id, gauge.link, gauge.title) == ("1", None, "")
    blocks = html_blocks(gauge.body)
    assert [(b.kind, b.text) for b in blocks] == [
        ("paragraph", "The new tide gauge is working."), ("item", "• readings every minute"), ("item", "• online from today")]
    assert [m.kind for m in blocks[0].marks] == ["em"]

    eleven = parse_feed(fixture("jsonfeed-1.1.json"), url="http://example.test/radio/feed.json")  # no type: by its look
    assert (eleven.version, eleven.title) == ("json11", "Marsh Radio")
    episode, link = eleven.entries
    assert episode.author == "Ola Fenn, Tam Reed" and str(episode.published) == "2025-03-30"
    assert not episode.has_full_text and html_blocks(episode.body)[0].text.startswith("Two reed cutters")
    assert link.link == "http://example.test/elsewhere/ferry-history" and str(link.published) == "2025-03-28"


@pytest.mark.parametrize("body", [b"{not json", b'{"title": "no items"}', b"[1, 2]"])
def test_what_is_not_a_json_feed_is_a_clear_error(body):
    with pytest.raises(FeedError) as error:
        parse_feed(body, url="http://example.test/f.json", content_type="application/feed+json")
    assert str(error.value).startswith("http://example.test/f.json: not a")


def test_a_json_feed_is_refreshed_and_guid_only_items_are_kept_apart_per_feed(http_server, library):
    first = library.subscribe(Feed.create(serve(http_server, "/a.json", "jsonfeed-1.0.json", content_type="application/feed+json")))
    second = library.subscribe(Feed.create(serve(http_server, "/b.json", "jsonfeed-1.0.json", content_type="application/json")))
    reports = refresh_feeds(library, [first, second])
    # item "2" has a link, so both feeds bring the one article; item "1" has only its id, so each its own
    assert [len(r.new) for r in reports] == [2, 1] and reports[1].skipped == 1
    gauge = [a for a in library.articles() if a.title.startswith("The new tide gauge is working")]
    assert len(gauge) == 2 and {a.feed for a in gauge} == {first.id, second.id}
    assert any(w.startswith("Seals on the sandbank: kept the summary") for w in reports[0].warnings)


@pytest.mark.parametrize(("name", "shown"), [("eucjp-undeclared.xml", "EUC-JP"), ("shiftjis-undeclared.xml", "Shift_JIS")])
def test_a_japanese_feed_that_declares_no_charset_is_read_and_the_guess_is_said(http_server, library, name, shown):
    parsed = parse_feed(fixture(name), content_type="application/rss+xml")
    assert parsed.title == "東京ニュース"
    assert [e.title for e in parsed.entries] == ["新しい橋が開通しました", "港の市場が朝に開きます"]
    assert parsed.warnings == [f"no charset declared; read as {shown} (guessed)"]
    report = refresh_feed(library, library.subscribe(Feed.create(serve(http_server, "/ja.xml", name))))
    assert report.warnings == [f"no charset declared; read as {shown} (guessed)"]
    texts = sorted(library.article(a.id).text for a in report.new)
    assert texts == ["きょう、川に新しい橋ができました。", "市場は毎朝六時に開きます。"]


def test_a_koi8r_feed_that_declares_no_charset_is_read():
    parsed = parse_feed(fixture("koi8r-undeclared.xml"), content_type="text/xml")
    assert parsed.title == "Новости гавани"
    assert [e.title for e in parsed.entries] == ["Мэр открыл новый мост", "Паром ходит по новому расписанию"]
    assert parsed.warnings == ["no charset declared; read as KOI8-R (guessed)"]


# -- OPML ------------------------------------------------------------------------------------------


def test_opml_import_reads_folders_and_categories_as_tags():
    feeds = read_opml(fixture("subscriptions.opml", "http://h"))
    assert [(f.title, f.url, f.tags) for f in feeds] == [
        ("Harbour Gazette", "http://h/rss.xml", ["local"]),
        ("Tidewater & Co <Notes>", "http://h/atom.xml?kind=atom&x=1", ["local", "coast", "weather"]),
        ("Estuary Weekly", "http://h/rdf.xml", ["nature", "birds"]),
    ]
    assert feeds[0].site_url == "http://h/"


def test_opml_export_round_trips_and_escapes():
    feeds = read_opml(fixture("subscriptions.opml", "http://h"))
    text = export_opml(feeds)
    assert '<opml version="2.0">' in text and "&amp;x=1" in text and "Tidewater &amp; Co &lt;Notes&gt;" in text
    import xml.etree.ElementTree as ET

    ET.fromstring(text.encode())  # well-formed
    again = read_opml(text)
    assert [(f.id, f.title, f.url, f.tags, f.site_url) for f in again] == [
        (f.id, f.title, f.url, f.tags, f.site_url) for f in feeds
    ]


@pytest.mark.parametrize("text", ["not xml <", "<html><body/></html>", "<opml version='2.0'><head/></opml>"])
def test_a_bad_opml_file_is_a_clear_error(text):
    from reader.core.feeds import OpmlError

    with pytest.raises(OpmlError):
        read_opml(text)
