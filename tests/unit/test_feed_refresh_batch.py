"""A refresh of several big feeds: every entry listed with its feed's tags, analysed after,
and nothing lost or doubled when the feeds are parsed in worker processes (issue 16)."""

from __future__ import annotations

from pathlib import Path

import pytest
from httpserver import TestServer

from reader.core.feeds import refresh_feeds
from reader.core.feeds.parsing import IN_WORKER
from reader.core.feeds.refresh import analyse_new
from reader.core.model import Feed
from reader.core.store import Library

WORDS = ("The minister said on Tuesday that talks with Paris and Berlin would resume. "
         "Officials at the Treasury in London declined to comment on the plans. ") * 3


def big_feed(server: TestServer, name: str, count: int) -> str:
    """An RSS feed of `count` full-text entries, bigger than a feed parsed in this process."""
    items = "".join(
        f"<item><title>{name} story {n}</title><link>{server.url(f'/{name}/{n}')}</link>"
        f"<guid>{name}-{n}</guid><content:encoded><![CDATA[<p>{name} {n}. {WORDS}</p><p>{WORDS}</p>]]>"
        f"</content:encoded></item>"
        for n in range(count)
    )
    body = (f"<rss version='2.0' xmlns:content='http://purl.org/rss/1.0/modules/content/'><channel>"
            f"<title>{name}</title>{items}</channel></rss>")
    assert len(body) > IN_WORKER
    return server.add(f"/{name}.xml", body, content_type="application/rss+xml", etag=f'"{name}"')


@pytest.fixture
def library(tmp_path: Path):
    lib = Library(tmp_path / "home")
    yield lib
    lib.close()


def test_big_feeds_are_listed_with_their_tags_then_analysed_and_a_second_refresh_adds_nothing(http_server, library):
    feeds = [library.subscribe(Feed.create(big_feed(http_server, name, 160), tags=[name])) for name in ("world", "tech")]

    reports = refresh_feeds(library, feeds, analyse=False)

    assert [len(r.new) for r in reports] == [160, 160] and not any(r.errors or r.error for r in reports)
    listed = {a.id: a for a in library.articles()}
    assert len(listed) == 320
    assert {a.title for a in listed.values() if a.tags == ["world"]} == {f"world story {n}" for n in range(160)}
    assert all(library.analysis(a.id) is None for a in reports[0].new)  # not yet: the list came first

    assert analyse_new(library, [a for r in reports for a in r.new]) == 320
    analysis = library.analysis(reports[1].new[7].id)
    assert analysis is not None and {"Paris", "Berlin"} <= {e.name for e in analysis.entities}

    again = refresh_feeds(library, library.feeds())
    assert [len(r.new) for r in again] == [0, 0] and len(library.articles()) == 320


def test_a_refresh_analyses_its_new_articles_by_default(http_server, library):
    feeds = [library.subscribe(Feed.create(big_feed(http_server, name, 160))) for name in ("a", "b")]
    reports = refresh_feeds(library, feeds)
    assert all(library.analysis(a.id) is not None for r in reports for a in r.new)
    assert sum(len(r.new) for r in reports) == 320


def test_a_feeds_articles_that_could_not_be_stored_come_at_the_next_refresh(http_server, library, monkeypatch):
    """The feed's ETag is kept only with its articles: a save that fails does not leave the
    server answering 304 Not Modified, with the articles never stored."""
    import errno
    import os

    feed = library.subscribe(Feed.create(big_feed(http_server, "world", 160)))
    real_replace = os.replace
    failures = []

    def disk_full_once(source: object, target: object) -> None:
        if Path(str(target)).name == "library.json" and not failures:
            failures.append(target)
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", disk_full_once)
    [report] = refresh_feeds(library, [feed], analyse=False)
    assert report.new == [] and len(report.errors) == 160 and library.articles() == []
    monkeypatch.undo()

    [again] = refresh_feeds(library, library.feeds(), analyse=False)
    assert not again.not_modified and len(again.new) == 160 and len(library.articles()) == 160
    assert library.feeds()[0].etag == '"world"'
    [third] = refresh_feeds(library, library.feeds(), analyse=False)
    assert third.not_modified


def test_what_a_refresh_learnt_of_a_feed_is_saved_with_its_articles_and_synced(http_server, library, tmp_path):
    from reader.core.sync.engine import sync

    feed = library.subscribe(Feed.create(big_feed(http_server, "world", 160), tags=["news"]))
    [report] = refresh_feeds(library, [feed], analyse=False)
    assert report.feed.title == "world" and report.feed.etag == '"world"' and report.feed.checked is not None
    other = Library(library.home)  # another process reads the feed as saved
    [stored] = other.feeds()
    assert (stored.title, stored.etag, stored.checked) == ("world", '"world"', report.feed.checked)
    assert len(other.articles()) == 160
    target = tmp_path / "target"
    target.mkdir()
    sync(library, str(target))
    elsewhere = Library(tmp_path / "elsewhere")
    sync(elsewhere, str(target))
    assert [(f.title, f.tags) for f in elsewhere.feeds()] == [("world", ["news"])]
    assert len(elsewhere.articles()) == 160
