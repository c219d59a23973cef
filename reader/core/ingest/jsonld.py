"""What a page says about itself in JSON-LD (schema.org): the article's headline, authors,
dates and publisher, read from the node that describes the article.

Pages carry many nodes (the site, breadcrumbs, images with their photographers, comments
with their authors); only the article's own node speaks for the article. Authors may be
given by reference (`{"@id": ...}`) to a Person node elsewhere in the graph.
"""

from __future__ import annotations

import html
import json
import re
import urllib.parse
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reader.core.patterns import regex

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# The node types that describe the page's main content, best first.
ARTICLE_TYPES = (
    "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle", "article",
    "blogposting", "socialmediaposting", "discussionforumposting", "liveblogposting", "report",
    "scholarlyarticle", "techarticle", "review", "recipe", "howto", "videoobject", "podcastepisode",
    "webpage", "itempage", "aboutpage", "faqpage", "qapage", "profilepage",
)
_WEAK_TYPES = frozenset({"webpage", "itempage", "aboutpage", "faqpage", "qapage", "profilepage"})
_CONTROL = regex(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_URL = regex(r"^(?:https?:)?//|^/", re.IGNORECASE)
MAX_SCRIPT_CHARS = 1_000_000  # a larger "JSON-LD" block is not metadata


@dataclass(frozen=True)
class LinkedData:
    """The article node's fields, as strings (empty when absent)."""

    headline: str = ""
    authors: tuple[str, ...] = ()  # people only: an organisation is not a byline
    published: str = ""
    modified: str = ""
    publisher: str = ""
    url: str = ""
    description: str = ""
    weak: bool = True  # only a WebPage-like node was found, not an article
    body: str = ""  # the article's text as the page states it (articleBody), its line breaks kept


def read_linked_data(tree: HtmlElement, page_urls: tuple[str | None, ...] = ()) -> LinkedData:
    """The best article node of the page's JSON-LD blocks (an empty LinkedData when none).

    A node whose address is another page's (the video embedded in a story, a related
    article) describes that, not this page: any node of this page goes first."""
    nodes = [node for script in _scripts(tree) for node in _nodes(_load(script))]
    by_id = {node["@id"]: node for node in nodes if isinstance(node.get("@id"), str)}
    paths = {p for p in map(_path, page_urls) if p}
    ranked = sorted(
        ((_elsewhere(node, paths), _rank(node), n, node) for n, node in enumerate(nodes) if _rank(node) < len(ARTICLE_TYPES)),
        key=lambda item: item[:3],
    )
    if not ranked:
        return LinkedData(publisher=_publisher_of_site(nodes))
    _, rank, _, node = ranked[0]
    return LinkedData(
        headline=_text(node.get("headline")) or _text(node.get("name")),
        authors=tuple(_people(node.get("author"), by_id)) or tuple(_people(node.get("creator"), by_id)),
        published=_text(node.get("datePublished")) or _text(node.get("dateCreated")) or _text(node.get("uploadDate")),
        modified=_text(node.get("dateModified")),
        publisher=_name(node.get("publisher"), by_id) or _publisher_of_site(nodes),
        url=_text(node.get("url")) or _url(node.get("mainEntityOfPage")),
        description=_text(node.get("description")),
        weak=ARTICLE_TYPES[rank] in _WEAK_TYPES,
        body=_paragraphs(node.get("articleBody")) if ARTICLE_TYPES[rank] not in _WEAK_TYPES else "",
    )


def _elsewhere(node: dict, paths: set[str]) -> bool:
    """The node names its own address, and it is none of this page's."""
    own = _path(_text(node.get("url")) or _url(node.get("mainEntityOfPage")))
    return bool(paths and own and own not in paths)


def _path(url: str | None) -> str:
    """A page's address as compared here: its path, without host, query, "index.html" or "/"."""
    if not url or not _URL.match(url.strip()):
        return ""  # "mainEntityOfPage": "true" is no address
    try:
        path = urllib.parse.urlsplit(url.strip()).path
    except ValueError:
        return ""
    return path.removesuffix("/index.html").removesuffix("/index.htm").rstrip("/").lower()


def _scripts(tree: HtmlElement) -> list[str]:
    return [
        script.text for script in tree.iter("script")
        if (script.get("type") or "").strip().lower() == "application/ld+json"
        and script.text and len(script.text) < MAX_SCRIPT_CHARS
    ]


def _load(raw: str) -> Any:
    raw = raw.strip().removeprefix("<!--").removesuffix("-->").strip().rstrip(";")
    try:
        return json.loads(_CONTROL.sub(" ", raw), strict=False)
    except ValueError:
        return None


def _nodes(data: Any, depth: int = 0) -> list[dict]:
    """Every object with an @type, graphs and lists opened; main entities too."""
    if depth > 8:
        return []
    if isinstance(data, list):
        return [node for item in data for node in _nodes(item, depth + 1)]
    if not isinstance(data, dict):
        return []
    found = [data] if "@type" in data else []
    for field in ("@graph", "mainEntity", "itemListElement"):
        if field in data:
            found += _nodes(data[field], depth + 1)
    return found


def _types(node: dict) -> list[str]:
    raw = node.get("@type")
    types = raw if isinstance(raw, list) else [raw]
    return [t.rsplit("/", 1)[-1].casefold() for t in types if isinstance(t, str)]


def _rank(node: dict) -> int:
    ranks = [ARTICLE_TYPES.index(t) for t in _types(node) if t in ARTICLE_TYPES]
    return min(ranks) if ranks else len(ARTICLE_TYPES)


def _people(value: Any, by_id: dict[str, dict]) -> list[str]:
    """Names of the people in an author field (strings, Person nodes, references, lists)."""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        if isinstance(item, str):
            names.append(item)
            continue
        if not isinstance(item, dict):
            continue
        if "name" not in item and isinstance(item.get("@id"), str):
            item = by_id.get(item["@id"], item)
        types = _types(item)
        if types and "person" not in types:
            continue  # an organisation (the site itself, most often) is not a byline
        name = _text(item.get("name")) or " ".join(
            filter(None, (_text(item.get("givenName")), _text(item.get("familyName"))))
        )
        if name:
            names.append(name)
    return [name for name in names if name and "://" not in name]


def _name(value: Any, by_id: dict[str, dict]) -> str:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        if "name" not in value and isinstance(value.get("@id"), str):
            value = by_id.get(value["@id"], value)
        return _text(value.get("name"))
    return _text(value)


def _publisher_of_site(nodes: list[dict]) -> str:
    for node in nodes:
        if {"website", "organization", "newsmediaorganization"} & set(_types(node)):
            name = _text(node.get("name"))
            if name:
                return name
    return ""


def _url(value: Any) -> str:
    if isinstance(value, dict):
        return _text(value.get("@id")) or _text(value.get("url"))
    return _text(value)


def _paragraphs(value: Any) -> str:
    """A text field with its paragraphs kept: one per line, each with its spaces collapsed."""
    if not isinstance(value, str):
        return ""
    lines = (" ".join(line.split()) for line in html.unescape(value).splitlines())
    return "\n".join(line for line in lines if line)


def _text(value: Any) -> str:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), "")
    if not isinstance(value, str):
        return ""
    return " ".join(html.unescape(value).split())
