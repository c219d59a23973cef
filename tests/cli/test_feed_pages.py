"""A feed entry's linked page: its date and title fill the entry's gaps, its address is the
article's (one article per story, however it came in), and a page that could not be
fetched is tried again at the next refreshes, a bounded number of times."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main

STORY = """<html><head><title>{title} | Estuary News</title>
<meta property="article:published_time" content="2024-05-06T08:00:00Z">
<link rel="canonical" href="{canonical}"></head>
<body><article><h1>{title}</h1><p>{text}</p></article></body></html>"""
SEALS = "Volunteers counted forty grey seal pups on the sandbank this spring, the most in a decade. " * 6


def run(home: Path, *argv: str) -> int:
    return main([*argv, "--home", str(home)])


def run_json(capsys, home: Path, *argv: str):
    capsys.readouterr()
    assert run(home, *argv, "--json") == 0
    return json.loads(capsys.readouterr().out)


def feed_of(server, *items: str) -> str:
    return server.add("/feed.xml", f"<rss version='2.0'><channel><title>Estuary</title>{''.join(items)}</channel></rss>",
                      content_type="application/rss+xml")


def item(link: str, *, title: str = "", date: str = "") -> str:
    title = f"<title>{title}</title>" if title else ""
    date = f"<pubDate>{date}</pubDate>" if date else ""
    return f"<item>{title}<link>{link}</link>{date}<description>Seal pups on the sandbank.</description></item>"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "lib"


def story(server, path: str = "/seals.html", canonical: str = "https://news.example/seals") -> str:
    return server.add(path, STORY.format(title="Seal pups counted on the sandbank", canonical=canonical, text=SEALS))


# -- 4. the page fills what the entry lacks ------------------------------------------------------


def test_an_entry_without_a_date_or_title_takes_its_pages(http_server, home, capsys):
    dated = http_server.add("/dated.html", STORY.format(title="Page title", canonical="https://news.example/dated", text=SEALS))
    feed_of(http_server, item(story(http_server)), item(dated, title="The entry's own title", date="Tue, 04 Mar 2025 18:00:00 GMT"))
    assert run(home, "feed", "add", http_server.url("/feed.xml")) == 0 and run(home, "refresh") == 0
    articles = {a["url"]: a for a in run_json(capsys, home, "ls")}
    seals = articles["https://news.example/seals"]
    assert (seals["title"], seals["published"]) == ("Seal pups counted on the sandbank", "2024-05-06")
    own = articles["https://news.example/dated"]
    assert (own["title"], own["published"]) == ("The entry's own title", "2025-03-04")  # the entry's come first


# -- 5. one article per story ----------------------------------------------------------------------


def test_a_page_a_feed_brought_in_is_not_added_again_by_its_fetched_address(http_server, home, capsys):
    page = story(http_server)
    feed_of(http_server, item(page, title="Seal pups counted on the sandbank"))
    assert run(home, "feed", "add", http_server.url("/feed.xml")) == 0 and run(home, "refresh") == 0
    [article] = run_json(capsys, home, "ls")
    assert article["url"] == "https://news.example/seals"  # the page's own address, as `reader add` gives it
    assert run(home, "add", page) == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        f"exists {page}: same address as {article['id'][:8]}: Seal pups counted on the sandbank")
    assert run(home, "refresh") == 0  # the feed knows the entry by its link: its page is not fetched again
    assert "0 new articles" in capsys.readouterr().out
    assert len(http_server.requests_to("/seals.html")) == 2  # the refresh's, then `reader add`'s
    assert len(run_json(capsys, home, "ls")) == 1


def test_a_page_added_by_hand_is_not_imported_again_from_a_feed(http_server, home, capsys):
    page = story(http_server)
    assert run(home, "add", page) == 0
    [article] = run_json(capsys, home, "ls")
    feed_of(http_server, item(page, title="Seals!"))
    assert run(home, "feed", "add", http_server.url("/feed.xml")) == 0
    capsys.readouterr()
    assert run(home, "refresh") == 0
    out = capsys.readouterr().out
    assert f"exists Seals!: same address as {article['id'][:8]}: Seal pups counted on the sandbank" in out
    assert "0 new articles from 1 feed" in out
    assert run(home, "refresh") == 0
    assert "exists" not in capsys.readouterr().out  # said once; the page is not fetched again
    assert len(http_server.requests_to("/seals.html")) == 2
    assert len(run_json(capsys, home, "ls")) == 1


# -- 6. a page that could not be fetched is tried again --------------------------------------------


def test_a_page_that_could_not_be_fetched_is_fetched_at_the_next_refresh(http_server, home, capsys):
    http_server.add("/seals.html", "down for maintenance", status=503, content_type="text/plain")
    feed_of(http_server, item(http_server.url("/seals.html"), title="Seals on the sandbank"))
    assert run(home, "feed", "add", http_server.url("/feed.xml"), "--tag", "nature") == 0 and run(home, "refresh") == 0
    assert "the next refresh tries again" in capsys.readouterr().err
    [before] = run_json(capsys, home, "ls")
    assert run(home, "note", before["id"][:8], "--quote", "Seal pups", "--note", "how many?") == 0

    story(http_server)
    capsys.readouterr()
    assert run(home, "refresh") == 0
    captured = capsys.readouterr()
    assert f"completed {before['id'][:8]}  Seals on the sandbank: the full text, fetched again, replaces the summary" in captured.out
    assert "Estuary: 0 new, 1 already here, 1 completed" in captured.out and captured.err == ""
    [after] = run_json(capsys, home, "ls")
    assert after["id"] == before["id"] and after["tags"] == ["nature"] and after["published"] == "2024-05-06"
    assert "forty grey seal pups" in run_json(capsys, home, "show", after["id"])["text"]
    [note] = run_json(capsys, home, "notes", after["id"])
    assert note["note"] == "how many?" and note["anchor"]["state"] != "exact"  # kept, re-anchored to the new text
    assert run(home, "refresh") == 0 and capsys.readouterr().err == ""
    assert len(http_server.requests_to("/seals.html")) == 2  # done with: not fetched a third time


def test_feed_ls_lists_what_the_last_refresh_warned_of_without_fetching_again(http_server, home, capsys):
    """The app's refresh toast shows one warning and says `reader feed ls` lists the rest:
    that must not cost a refresh (and a retry of every page)."""
    http_server.add("/seals.html", "down for maintenance", status=503, content_type="text/plain")
    feed_of(http_server, item(http_server.url("/seals.html"), title="Seals on the sandbank"))
    assert run(home, "feed", "add", http_server.url("/feed.xml")) == 0 and run(home, "refresh") == 0
    warned = capsys.readouterr().err.strip().removeprefix("reader: Estuary: ")
    requests = len(http_server.requests_to("/seals.html"))

    assert run(home, "feed", "ls") == 0
    assert f"last refresh: {warned}" in capsys.readouterr().out
    [listed] = run_json(capsys, home, "feed", "ls")
    assert listed["warnings"] == [warned]
    assert len(http_server.requests_to("/seals.html")) == requests  # nothing fetched again

    story(http_server)
    assert run(home, "refresh") == 0
    capsys.readouterr()
    [listed] = run_json(capsys, home, "feed", "ls")
    assert listed["warnings"] == []  # the page came: nothing left to warn of


def test_a_page_is_tried_again_three_times_then_given_up_on(http_server, home, capsys):
    http_server.add("/seals.html", "no", status=500, content_type="text/plain")
    feed_of(http_server, item(http_server.url("/seals.html"), title="Seals on the sandbank"))
    assert run(home, "feed", "add", http_server.url("/feed.xml")) == 0 and run(home, "refresh") == 0
    [article] = run_json(capsys, home, "ls")
    said = []
    for _ in range(4):
        capsys.readouterr()
        assert run(home, "refresh") == 0
        said.append(capsys.readouterr().err.strip())
    lead = "reader: Estuary: Seals on the sandbank: the full text still could not be fetched (HTTP 500 Internal Server Error); "
    assert said == [
        lead + "tried again 1 of 3 times",
        lead + "tried again 2 of 3 times",
        lead + f"gave up after 3 more tries (`reader refresh {article['id'][:8]}` tries again)",
        "",
    ]
    assert len(http_server.requests_to("/seals.html")) == 4  # the first fetch and three more
    assert len(run_json(capsys, home, "ls")) == 1


def test_stories_whose_pages_all_name_the_home_page_stay_apart(http_server, home, capsys):
    for n in (1, 2):
        http_server.add(f"/story/{n}", STORY.format(title=f"Story {n}", canonical=http_server.url("/"), text=SEALS))
    feed_of(http_server, item(http_server.url("/story/1"), title="One"), item(http_server.url("/story/2"), title="Two"))
    assert run(home, "feed", "add", http_server.url("/feed.xml")) == 0 and run(home, "refresh") == 0
    assert sorted((a["title"], a["url"]) for a in run_json(capsys, home, "ls")) == [
        ("One", http_server.url("/story/1")), ("Two", http_server.url("/story/2"))]


def test_a_ctrl_c_during_a_refresh_says_which_feeds_were_refreshed(http_server, home, capsys, monkeypatch):
    """Ctrl+C after the first of two feeds: one line saying what is stored and what is not
    (it exited 130 without a word), and the next refresh does the rest."""
    import reader.cli.feeds as cli_feeds

    feed_of(http_server, item(story(http_server), title="Seals"))
    http_server.add("/other.xml", "<rss version='2.0'><channel><title>Other</title>"
                    + item(story(http_server, "/terns.html", "https://news.example/terns"), title="Terns")
                    + "</channel></rss>", content_type="application/rss+xml")
    for path in ("/feed.xml", "/other.xml"):
        assert run(home, "feed", "add", http_server.url(path)) == 0
    printed = cli_feeds._print_report

    def print_then_ctrl_c(report):
        printed(report)
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_feeds, "_print_report", print_then_ctrl_c)
    capsys.readouterr()
    assert run(home, "refresh") == 130
    err = capsys.readouterr().err
    assert "interrupted after 1 of 2 feeds: 1 new article stored; `reader refresh` refreshes the rest" in err
    assert len(run_json(capsys, home, "ls")) == 1

    monkeypatch.setattr(cli_feeds, "_print_report", printed)
    assert run(home, "refresh") == 0
    assert len(run_json(capsys, home, "ls")) == 2
