"""Feeds: read RSS/Atom/RDF (feedparser) and JSON Feed, find the feed a web page names, feed
files, refresh subscriptions (pages that could not be fetched tried again), OPML in and out."""

from reader.core.feeds.opml import OpmlError, export_opml, read_opml
from reader.core.feeds.parse import FeedEntry, FeedError, ParsedFeed, parse_feed
from reader.core.feeds.refresh import FeedReport, fetch_feed, refresh_feed, refresh_feeds

__all__ = [
    "FeedEntry", "FeedError", "FeedReport", "OpmlError", "ParsedFeed", "export_opml", "fetch_feed",
    "parse_feed", "read_opml", "refresh_feed", "refresh_feeds",
]
