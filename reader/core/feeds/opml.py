"""OPML: subscriptions in (a list of Feeds, folders and categories as tags) and out (OPML 2.0).

Reading takes what feed readers write: `<outline xmlUrl=...>` anywhere under <body>, the
folders (outlines without xmlUrl) around it and its `category` attribute ("a,b" or
"/a/b") as tags. Writing goes through ElementTree, which escapes titles and URLs.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from email.utils import format_datetime
from pathlib import Path

from reader.core.model import Feed, normalize_tags, now

OPML_TITLE = "reader subscriptions"


class OpmlError(Exception):
    """An OPML file that cannot be read, and why."""


def read_opml(source: Path | str | bytes) -> list[Feed]:
    """The feeds listed in an OPML document (a path, or its bytes/text), without repeats."""
    try:
        if isinstance(source, Path):
            data = source.read_bytes()
        else:
            data = source.encode("utf-8") if isinstance(source, str) else source
        root = ET.fromstring(data)
    except OSError as error:
        raise OpmlError(f"{source}: {error.strerror or error}") from error
    except ET.ParseError as error:
        raise OpmlError(f"not valid OPML: {error}") from error
    if root.tag.lower() != "opml":
        raise OpmlError(f"not an OPML file (its root element is <{root.tag}>)")
    body = root.find("body")
    if body is None:
        raise OpmlError("not an OPML file (no <body>)")
    found: dict[str, Feed] = {}
    _walk(body, [], found)
    return list(found.values())


def _walk(node: ET.Element, folders: list[str], found: dict[str, Feed]) -> None:
    for outline in node.findall("outline"):
        attrs = {k.lower(): v for k, v in outline.attrib.items()}
        url = (attrs.get("xmlurl") or "").strip()
        title = (attrs.get("title") or attrs.get("text") or "").strip()
        if url:
            tags = folders + _categories(attrs.get("category", ""))
            feed = found.get(url)
            if feed is None:
                feed = Feed.create(url, title=title, tags=tags)
                feed.site_url = (attrs.get("htmlurl") or "").strip() or None
                found[url] = feed
            else:
                feed.tags = normalize_tags(feed.tags + tags)
            _walk(outline, folders, found)
        else:
            _walk(outline, folders + ([title] if title else []), found)


def _categories(value: str) -> list[str]:
    tags = []
    for part in value.split(","):
        tags.extend(p.strip() for p in part.split("/") if p.strip())
    return tags


def export_opml(feeds: Iterable[Feed], *, title: str = OPML_TITLE) -> str:
    """An OPML 2.0 document listing the feeds, tags as `category`."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = format_datetime(now())
    body = ET.SubElement(root, "body")
    for feed in feeds:
        name = feed.title or feed.url
        attrs = {"type": "rss", "text": name, "title": name, "xmlUrl": feed.url}
        if feed.site_url:
            attrs["htmlUrl"] = feed.site_url
        if feed.tags:
            attrs["category"] = ",".join(feed.tags)
        ET.SubElement(body, "outline", attrs)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
