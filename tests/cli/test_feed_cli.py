"""`reader feed add|ls|rm|export` and `reader refresh`, against a local HTTP server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.model import Feed
from reader.core.store import Library

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"


def fixture(name: str, base: str) -> bytes:
    return (FIXTURES / name).read_bytes().replace(b"{BASE}", base.encode())


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "lib"


@pytest.fixture
def site(http_server):
    """Every fixture feed served, plus the one linked page a summary-only entry needs."""
    for path, name in [("/rss.xml", "rss20.xml"), ("/atom.xml", "atom.xml"), ("/rdf.xml", "rdf.xml")]:
        http_server.add(path, fixture(name, http_server.base), content_type="application/xml",
                        etag=f'"{name}-1"', last_modified="Wed, 05 Mar 2025 10:00:00 GMT")
    http_server.add_file("/articles/lighthouse.html", FIXTURES / "lighthouse.html")
    http_server.add("/tidewater/ferry", "<html><body><article><p>" + "The ferry leaves earlier. " * 30 + "</p></article></body></html>")
    return http_server


def run(home: Path, *argv: str) -> int:
    return main(["--home", str(home), *argv])


def run_json(capsys, home: Path, *argv: str):
    capsys.readouterr()
    assert run(home, *argv, "--json") == 0
    return json.loads(capsys.readouterr().out)


def test_feed_add_ls_rm(site, home, capsys):
    assert run(home, "feed", "add", site.url("/rss.xml"), "--tag", "Local", "--tag", "news") == 0
    out = capsys.readouterr().out
    assert "added" in out and "Harbour Gazette" in out and "2 entries" in out
    [feed] = run_json(capsys, home, "feed", "ls")
    assert feed["title"] == "Harbour Gazette" and feed["url"] == site.url("/rss.xml")
    assert feed["tags"] == ["local", "news"] and feed["checked"] is None and feed["articles"] == 0
    assert run(home, "feed", "add", site.url("/rss.xml")) == 0  # again: nothing new
    assert "exists" in capsys.readouterr().out and len(run_json(capsys, home, "feed", "ls")) == 1

    assert run(home, "refresh") == 0
    [feed] = run_json(capsys, home, "feed", "ls")
    assert feed["articles"] == 2 and feed["checked"]
    assert run(home, "feed", "ls") == 0
    listing = capsys.readouterr().out
    assert "Harbour Gazette" in listing and "2 articles" in listing and "#local #news" in listing

    assert run(home, "feed", "rm", feed["id"][:6]) == 0
    assert "articles stay" in capsys.readouterr().out
    assert run_json(capsys, home, "feed", "ls") == []
    assert len(run_json(capsys, home, "ls")) == 2


def test_feed_add_refuses_what_is_not_a_feed(http_server, home, capsys):
    url = http_server.add("/page.html", "<html><body><p>Hello</p></body></html>")
    assert run(home, "feed", "add", url) == 1
    assert capsys.readouterr().err == f"reader: {url}: not a feed: it is a web page with no feed link\n"
    assert run(home, "feed", "add", http_server.url("/missing.xml")) == 1
    assert "404" in capsys.readouterr().err
    assert run(home, "feed", "add", "no-such-file.opml") == 1
    assert "no such file" in capsys.readouterr().err
    assert run_json(capsys, home, "feed", "ls") == []


def test_refresh_imports_once_then_sends_validators(site, home, capsys):
    assert run(home, "feed", "add", site.url("/rss.xml"), "--tag", "harbour") == 0
    assert run(home, "feed", "add", site.url("/atom.xml")) == 0
    capsys.readouterr()
    assert run(home, "refresh") == 0
    captured = capsys.readouterr()
    assert "4 new articles from 2 feeds" in captured.out
    assert captured.err == ""  # no progress bar when not on a terminal, no warnings
    articles = run_json(capsys, home, "ls")
    assert len(articles) == 4
    by_title = {a["title"]: a for a in articles}
    assert by_title["Council debates the old quay"]["tags"] == ["harbour"]
    assert by_title["Tides and the new sea wall"]["tags"] == []
    lighthouse = by_title["Lighthouse keeper retires & looks back"]
    assert run(home, "show", lighthouse["id"]) == 0
    assert "paraffin lantern" in capsys.readouterr().out  # the full text, not the summary

    assert run(home, "refresh") == 0
    assert "0 new articles from 2 feeds" in capsys.readouterr().out
    for path in ("/rss.xml", "/atom.xml"):
        last = site.requests_to(path)[-1].headers
        assert last["If-None-Match"] and last["If-Modified-Since"] == "Wed, 05 Mar 2025 10:00:00 GMT"
    assert len(run_json(capsys, home, "ls")) == 4


def test_refresh_one_feed_by_id_prefix(site, home, capsys):
    assert run(home, "feed", "add", site.url("/rss.xml")) == 0
    assert run(home, "feed", "add", site.url("/rdf.xml")) == 0
    rdf = next(f for f in run_json(capsys, home, "feed", "ls") if f["title"] == "Estuary Weekly")
    assert run(home, "refresh", rdf["id"][:8]) == 0
    assert "1 new article from 1 feed" in capsys.readouterr().out
    assert site.requests_to("/rss.xml") and len(site.requests_to("/rss.xml")) == 1  # only `feed add`'s
    assert run(home, "refresh", "zzzz") == 1
    assert "no feed or article" in capsys.readouterr().err


def test_a_dead_feed_fails_on_stderr_while_the_others_import(site, home, capsys):
    assert run(home, "feed", "add", site.url("/rdf.xml")) == 0
    assert run(home, "feed", "add", site.url("/rss.xml")) == 0
    site.routes["/rss.xml"] = (500, {}, b"oops")
    capsys.readouterr()
    assert run(home, "refresh") == 1
    captured = capsys.readouterr()
    assert "Harbour Gazette" in captured.err and "500" in captured.err
    assert "1 new article from 2 feeds; 1 failed" in captured.out
    assert [a["title"] for a in run_json(capsys, home, "ls")] == ["Winter birds return to the mudflats"]



def test_feed_ls_says_which_feed_failed_at_its_last_refresh_until_it_reads_again(site, home, capsys):
    """A new user saw a dead feed listed as "never checked" after a refresh had failed on it."""
    assert run(home, "feed", "add", site.url("/rss.xml")) == 0
    site.routes["/rss.xml"] = (500, {}, b"oops")
    assert run(home, "refresh") == 1
    capsys.readouterr()
    assert run(home, "feed", "ls") == 0
    out = capsys.readouterr().out
    assert "never checked" not in out
    assert "last refresh failed: HTTP 500 Internal Server Error" in out
    [feed] = run_json(capsys, home, "feed", "ls")
    assert feed["failed"] == "HTTP 500 Internal Server Error" and feed["checked"] is not None
    site.add("/rss.xml", fixture("rss20.xml", site.base), content_type="application/xml")
    assert run(home, "refresh") == 0
    capsys.readouterr()
    assert run(home, "feed", "ls") == 0
    assert "failed" not in capsys.readouterr().out


def test_opml_import_then_export_round_trips(http_server, home, tmp_path, capsys):
    opml = tmp_path / "subs.opml"
    opml.write_bytes(fixture("subscriptions.opml", http_server.base))
    assert run(home, "feed", "add", str(opml), "--tag", "imported") == 0
    assert "3 feeds added" in capsys.readouterr().out
    feeds = run_json(capsys, home, "feed", "ls")
    assert sorted((f["title"], f["tags"]) for f in feeds) == [
        ("Estuary Weekly", ["nature", "birds", "imported"]),
        ("Harbour Gazette", ["local", "imported"]),
        ("Tidewater & Co <Notes>", ["local", "coast", "weather", "imported"]),
    ]
    out = tmp_path / "out.opml"
    assert run(home, "feed", "export", "-o", str(out)) == 0
    assert "Wrote 3 feeds" in capsys.readouterr().out
    text = out.read_text(encoding="utf-8")
    assert 'version="2.0"' in text and "Tidewater &amp; Co &lt;Notes&gt;" in text

    other = tmp_path / "other"
    assert run(other, "feed", "add", str(out)) == 0
    capsys.readouterr()
    again = run_json(capsys, other, "feed", "ls")
    assert sorted((f["id"], f["title"], f["url"], f["tags"], f["site_url"]) for f in again) == sorted(
        (f["id"], f["title"], f["url"], f["tags"], f["site_url"]) for f in feeds
    )
    assert run(home, "feed", "export") == 0
    printed = capsys.readouterr().out
    assert printed.startswith("<?xml") and printed.count("<outline") == 3


def test_refresh_an_article_by_id_refetches_it(http_server, home, capsys):
    page = "<html><body><article><h1>A page</h1><p>{}</p></article></body></html>"
    http_server.add("/story", page.format("First version of the story. " * 20))
    url = http_server.add("/feed.xml", f"""<?xml version="1.0"?><rss version="2.0"><channel><title>One</title>
        <item><title>A page</title><link>{http_server.url('/story')}</link><description>Short.</description></item>
        </channel></rss>""", content_type="application/rss+xml")
    assert run(home, "feed", "add", url) == 0 and run(home, "refresh") == 0
    [article] = run_json(capsys, home, "ls")
    http_server.add("/story", page.format("Second version of the story. " * 20))
    assert run(home, "refresh", article["id"][:8]) == 0
    assert "text updated" in capsys.readouterr().out
    assert run(home, "show", article["id"]) == 0
    assert "Second version" in capsys.readouterr().out
    http_server.routes.pop("/story")
    assert run(home, "refresh", article["id"][:8]) == 1
    assert "404" in capsys.readouterr().err


def test_refresh_imports_link_less_entries_and_a_json_feed_once(http_server, home, capsys):
    linkless = http_server.add("/notices.xml", fixture("linkless.xml", http_server.base), content_type="application/rss+xml")
    radio = http_server.add("/radio.json", fixture("jsonfeed-1.1.json", http_server.base), content_type="application/feed+json")
    http_server.add("/elsewhere/ferry-history", "<html><body><article><h1>Ferry history</h1><p>"
                    + "The first ferry crossed the estuary in 1842 with six passengers. " * 12 + "</p></article></body></html>")
    assert run(home, "feed", "add", linkless) == 0 and run(home, "feed", "add", radio) == 0
    assert "2 entries" in capsys.readouterr().out  # the JSON feed's
    assert run(home, "refresh") == 0
    captured = capsys.readouterr()
    assert "6 new articles from 2 feeds" in captured.out
    # one line per entry that lacked something, and no other
    assert captured.err.splitlines() == [
        "reader: Quayside Notices: Harbour office closed on Monday: imported its title only: "
        "the entry has no text and no link",
        "reader: Marsh Radio: Episode 9: the reed cutters: kept the summary; the full text could not be "
        "fetched (HTTP 404 Not Found); the next refresh tries again",
    ]
    titles = {a["title"]: a for a in run_json(capsys, home, "ls")}
    assert run(home, "show", titles["Link: a history of the ferry"]["id"]) == 0
    assert "The first ferry crossed the estuary in 1842" in capsys.readouterr().out  # its linked page
    assert run(home, "refresh") == 0
    captured = capsys.readouterr()
    assert "0 new articles from 2 feeds" in captured.out
    assert captured.err.splitlines() == [  # the one page that could not be fetched is tried again, and only it
        "reader: Marsh Radio: Episode 9: the reed cutters: the full text still could not be fetched "
        "(HTTP 404 Not Found); tried again 1 of 3 times",
    ]
    assert len(run_json(capsys, home, "ls")) == 6


def test_feeds_that_fail_for_one_cause_are_one_line_naming_it_and_how_many(site, home, capsys):
    """Offline, every feed fails alike: one line for the cause (with how many feeds, the
    first few named), not one per feed; another cause keeps its own line; exit 1 as before."""
    assert run(home, "feed", "add", site.url("/rdf.xml")) == 0
    library = Library(home)
    for n in range(5):  # nothing listens on port 1: refused, as a dead network refuses
        library.subscribe(Feed.create(f"http://127.0.0.1:1/feed{n}.xml"))
    library.subscribe(Feed.create(site.url("/gone.xml")))
    library.close()
    capsys.readouterr()
    assert run(home, "refresh") == 1
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert lines[0] == ("reader: 5 feeds failed: connection refused "
                        "(http://127.0.0.1:1/feed0.xml, http://127.0.0.1:1/feed1.xml, http://127.0.0.1:1/feed2.xml, …)")
    assert len(lines) == 2 and "gone.xml" in lines[1] and "404" in lines[1]
    assert "1 new article from 7 feeds; 6 failed" in captured.out


def _one_item_feed(link: str, guid: str) -> str:
    words = "The council met again on Monday to agree the harbour budget for next year. " * 12
    return ('<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Gazette</title><link>http://x/</link>'
            f'<item><title>Budget agreed</title><link>{link}</link><guid>{guid}</guid>'
            f'<description>{words}</description></item></channel></rss>')


def test_an_entry_whose_link_gains_tracking_parameters_is_not_imported_again(http_server, home, capsys):
    """A newsboat user's feed added ?utm_source=rss to an item's link and guid: a second copy
    of the story appeared unread beside the one already read."""
    story = http_server.url("/story")
    http_server.add("/feed.xml", _one_item_feed(story, story), content_type="application/xml")
    assert run(home, "feed", "add", http_server.url("/feed.xml")) == 0
    assert run(home, "refresh") == 0
    tracked = f"{story}?utm_source=rss&amp;utm_medium=feed"
    http_server.add("/feed.xml", _one_item_feed(tracked, tracked), content_type="application/xml")
    capsys.readouterr()
    assert run(home, "refresh") == 0
    assert "0 new, 1 already here" in capsys.readouterr().out
    assert [a["title"] for a in run_json(capsys, home, "ls")] == ["Budget agreed"]



def test_feed_add_of_an_opml_address_subscribes_to_its_feeds(site, home, capsys):
    """A newsboat user gave the address of their subscriptions' OPML: refused before ("save it,
    then `reader feed add FILE`"), though reader knew it was OPML."""
    opml = (f'<?xml version="1.0"?><opml version="2.0"><head><title>subs</title></head><body>'
            f'<outline text="news"><outline type="rss" text="Gazette" xmlUrl="{site.url("/rss.xml")}"/>'
            f'<outline type="rss" text="Estuary" xmlUrl="{site.url("/rdf.xml")}"/></outline></body></opml>')
    site.add("/subs.opml", opml, content_type="text/x-opml")
    capsys.readouterr()
    assert run(home, "feed", "add", site.url("/subs.opml")) == 0
    out = capsys.readouterr().out
    assert f"2 feeds added from {site.url('/subs.opml')}, 0 already subscribed" in out
    feeds = run_json(capsys, home, "feed", "ls")
    assert sorted(f["url"] for f in feeds) == sorted([site.url("/rss.xml"), site.url("/rdf.xml")])
    assert all(f["tags"] == ["news"] for f in feeds)  # the OPML folder, as from a file
