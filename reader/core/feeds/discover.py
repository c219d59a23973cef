"""What `reader feed add` subscribes to: the feed at an address, or the one its web page names.

Given a web page (a blog's home page, an article), the feeds the page names in its
`<link rel="alternate">` elements are tried in the page's order and the first that reads
is the subscription; the user is told which, and which others the page names. Only
http(s) feeds are followed from a page on the web (a page on disk may name a feed file).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.core.feeds.links import FeedLink
from reader.core.feeds.local import is_file_url
from reader.core.feeds.parse import FeedError, ParsedFeed, WebPageError
from reader.core.feeds.refresh import Fetch, fetch_feed
from reader.core.urls import is_http_url, shown_url


@dataclass
class Found:
    """A feed to subscribe to: its address and what it holds, and the page that named it."""

    url: str
    parsed: ParsedFeed
    page: str | None = None  # the web page given, when the feed is one it names
    others: list[FeedLink] = field(default_factory=list)  # the other feeds that page names


def find_feed(url: str, *, fetch: Fetch | None = None) -> Found:
    """The feed at `url`, else the first one the web page at `url` names that reads;
    FeedError saying why there is none."""
    try:
        _got, parsed = fetch_feed(url, fetch=fetch)
    except WebPageError as page:
        return _named_feed(url, page.links, fetch)
    if parsed is None:  # a 304 to a request that asked for none
        raise FeedError(url, "the server answered 304 Not Modified to a plain request")
    return Found(url, parsed)


def _named_feed(page: str, links: list[FeedLink], fetch: Fetch | None) -> Found:
    followable = [link for link in links if is_http_url(link.url) or (is_file_url(page) and is_file_url(link.url))]
    if not followable:
        raise FeedError(page, "not a feed: it is a web page with no feed link")
    failures: list[str] = []
    for link in followable:
        try:
            _got, parsed = fetch_feed(link.url, fetch=fetch)
        except FeedError as error:
            failures.append(f"{shown_url(link.url)} ({error.reason})")
            continue
        if parsed is not None:
            return Found(link.url, parsed, page, [other for other in followable if other is not link])
    what = "the feed it names could not be read" if len(failures) == 1 else f"none of the {len(failures)} feeds it names could be read"
    raise FeedError(page, f"not a feed: it is a web page, and {what}: {'; '.join(failures)}")
