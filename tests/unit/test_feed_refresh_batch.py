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
