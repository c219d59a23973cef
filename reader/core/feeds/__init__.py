"""Feeds: read RSS/Atom/RDF (feedparser) and JSON Feed, find the feed a web page names, feed
files, refresh subscriptions (pages that could not be fetched tried again), OPML in and out.

The names below are imported on first use: a parse worker (`parsing`) imports this package
before its module, and needs neither the refresh nor OPML."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.core.feeds.opml import OpmlError, export_opml, read_opml
    from reader.core.feeds.parse import FeedEntry, FeedError, ParsedFeed, parse_feed
    from reader.core.feeds.refresh import FeedReport, fetch_feed, refresh_feed, refresh_feeds

_WHERE = {
    "OpmlError": "opml", "export_opml": "opml", "read_opml": "opml",
    "FeedEntry": "parse", "FeedError": "parse", "ParsedFeed": "parse", "parse_feed": "parse",
    "FeedReport": "refresh", "fetch_feed": "refresh", "refresh_feed": "refresh", "refresh_feeds": "refresh",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"reader.core.feeds.{_WHERE[name]}"), name)
