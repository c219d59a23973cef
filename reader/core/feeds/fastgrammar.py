"""The grammar fastxml reads: the namespaces, elements and attributes it knows feedparser reads
as it does, and which of them feedparser keeps apart from every field `parse` takes.

A feed with anything else goes to feedparser. Names are lxml's ("{namespace}local").
"""

from __future__ import annotations

import re
from typing import Any

ATOM = "http://www.w3.org/2005/Atom"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
DC = "http://purl.org/dc/elements/1.1/"
XML = "http://www.w3.org/XML/1998/namespace"
XML_LANG = f"{{{XML}}}lang"
RSS1 = "http://purl.org/rss/1.0/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDF_ABOUT = f"{{{RDF}}}about"

# Namespaces a feed may declare, each with the prefix feedparser gives it, which the feed
# must use too (feedparser maps a document's prefixes onto its own: a known namespace under
# another known one's prefix reads as the other). Atom's prefix is feedparser's '' (no prefix).
PREFIXES = {
    ATOM: "", RSS1: "", CONTENT: "content", DC: "dc", "http://purl.org/dc/terms/": "dcterms",
    "http://search.yahoo.com/mrss/": "media", "http://search.yahoo.com/mrss": "media",
    "http://wellformedweb.org/commentAPI/": "wfw", "http://purl.org/rss/1.0/modules/slash/": "slash",
    "http://purl.org/rss/1.0/modules/syndication/": "sy", "http://rssnamespace.org/feedburner/ext/1.0": "feedburner",
    "http://www.itunes.com/DTDs/PodCast-1.0.dtd": "itunes", "http://www.georss.org/georss": "georss",
    "http://webns.net/mvcb/": "admin", "http://madskills.com/public/xml/rss/module/trackback/": "trackback",
    RDF: "rdf", "http://purl.org/rss/1.0/modules/taxonomy/": "taxo",
}

QUERY_FIX = re.compile("&([A-Za-z0-9_]+);")
HTML_TYPES = frozenset(("text/html", "application/xhtml+xml"))
TEXT_TYPES = frozenset((None, "text", "html", "text/plain", "text/html"))  # read as they are, never base64

RSS_VERSIONS = {"0.91": "rss091u", "0.92": "rss092", "0.93": "rss093", "0.94": "rss094"}
# Elements whose text and attributes feedparser keeps apart from every field read here.
CHANNEL_LEAVES = frozenset((
    "description", "language", "copyright", "managingEditor", "webMaster", "pubDate", "lastBuildDate",
    "category", "generator", "docs", "ttl", "rating", "cloud",
    "{http://purl.org/rss/1.0/modules/syndication/}updatePeriod",
    "{http://purl.org/rss/1.0/modules/syndication/}updateFrequency",
    "{http://purl.org/rss/1.0/modules/syndication/}updateBase",
))
IMAGE_LEAVES = frozenset(("url", "title", "link", "width", "height", "description"))
SKIP_LISTS = {"skipHours": "hour", "skipDays": "day"}
ITEM_LEAVES = frozenset((
    "category", "comments", "enclosure", "source", f"{{{DC}}}subject",
    "{http://search.yahoo.com/mrss/}thumbnail", "{http://search.yahoo.com/mrss/}content",
    "{http://wellformedweb.org/commentAPI/}commentRss", "{http://purl.org/rss/1.0/modules/slash/}comments",
))
ITEM_FIELDS = {
    "title": "title", "link": "link", "guid": "guid", "description": "description",
    f"{{{CONTENT}}}encoded": "content", "author": "author", f"{{{DC}}}creator": "author",
    "pubDate": "published", f"{{{DC}}}date": "updated",
}
NO_PREFIX = {ATOM: (None, "atom"), RSS1: (None,)}  # feedparser's '' namespaces, as a feed may write them
R = f"{{{RSS1}}}"


def rss1(names: Any) -> Any:
    """RSS 2.0's element names, in the RSS 1.0 namespace (feedparser reads both the same)."""
    if isinstance(names, dict):
        return {(name if name.startswith("{") else R + name): kind for name, kind in names.items()}
    return frozenset(name if name.startswith("{") else R + name for name in names)


RSS1_FIELDS = rss1(ITEM_FIELDS)
RSS1_LEAVES = rss1(ITEM_LEAVES)
RDF_LISTS = frozenset((f"{R}items", f"{{{RDF}}}Seq", f"{{{RDF}}}li"))
RDF_PARTS = {f"{R}image": rss1(("title", "url", "link")), f"{R}textinput": rss1(("title", "description", "name",
                                                                                          "link"))}
RDF_CHANNEL_LEAVES = rss1(("description", "image", "textinput")) | frozenset(
    f"{{{DC}}}{name}" for name in ("date", "creator", "language", "rights", "publisher", "subject"))
A = f"{{{ATOM}}}"
ATOM_LEAVES = frozenset((f"{A}category", f"{A}rights", f"{A}subtitle", f"{A}generator", f"{A}icon", f"{A}logo"))
PERSON = frozenset((f"{A}name", f"{A}email", f"{A}uri"))
LINK_ATTRS = frozenset(("href", "rel", "type", "hreflang", "title", "length"))
