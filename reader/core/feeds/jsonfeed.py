"""JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1) -> the entries RSS and Atom give.

feedparser 6.0 does not read JSON Feed, and the format is small: a `title`, a
`home_page_url` and `items`, each with an `id`, a `url` (or `external_url`), a `title`,
HTML or text content, a `summary`, `date_published` and `authors` (1.1) or `author`
(1.0). Anything of the wrong type is ignored rather than trusted.
"""

from __future__ import annotations

import html
import json
import re
import urllib.parse
from datetime import date, datetime
from typing import Any

from reader.core.feeds.parse import FeedEntry, FeedError, ParsedFeed, plain


def parse_json_feed(text: str, *, url: str = "") -> ParsedFeed:
    """Read a JSON Feed document; FeedError when it is not JSON, or not a feed."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise FeedError(url, f"not a JSON feed (invalid JSON: {_first_line(error)})") from None
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise FeedError(url, "not a JSON feed (it has no list of items)")
    version = _string(data.get("version"))
    warnings = [] if version.startswith("https://jsonfeed.org/version/") else [
        "the JSON feed names no JSON Feed version; read as one anyway"
    ]
    feed_author = _authors(data)
    entries = [_entry(item, feed_author, url) for item in data["items"] if isinstance(item, dict)]
    skipped = len(data["items"]) - len(entries)
    if skipped:
        warnings.append(f"{skipped} item{'s' * (skipped != 1)} of the JSON feed {'are' if skipped != 1 else 'is'} "
                        "not an object; left out")
    return ParsedFeed(
        title=plain(_string(data.get("title"))),
        site_url=_absolute(_string(data.get("home_page_url")), url) or None,
        version="json11" if version.endswith("/1.1") else "json10",
        entries=entries,
        warnings=warnings,
    )


def _entry(item: dict[str, Any], feed_author: str | None, feed_url: str) -> FeedEntry:
    content = _string(item.get("content_html")) or _text_html(_string(item.get("content_text")))
    summary = _string(item.get("summary"))
    return FeedEntry(
        id=_string(item.get("id")),
        link=_absolute(_string(item.get("url")) or _string(item.get("external_url")), feed_url) or None,
        title=plain(_string(item.get("title"))),
        author=_authors(item) or feed_author,
        published=_date(_string(item.get("date_published")) or _string(item.get("date_modified"))),
        summary=html.escape(summary),
        content=content,
        summary_may_be_full=False,  # JSON Feed's summary is a summary
    )


def _authors(obj: dict[str, Any]) -> str | None:
    """`authors` (1.1, a list) or `author` (1.0, one object): their names."""
    found = obj.get("authors")
    people = found if isinstance(found, list) else [obj.get("author")]
    names = [plain(_string(p.get("name"))) for p in people if isinstance(p, dict)]
    return ", ".join(dict.fromkeys(n for n in names if n)) or None


def _absolute(link: str, base: str) -> str:
    """A link made absolute against the feed's URL (the spec asks for absolute ones; not all are)."""
    if not link or not base:
        return link
    try:
        return urllib.parse.urljoin(base, link)
    except ValueError:
        return link


def _text_html(text: str) -> str:
    """Plain text as HTML paragraphs, so a '<' in it is text and not a tag."""
    parts = (p.strip() for p in re.split(r"\n\s*\n", text))
    return "".join(f"<p>{html.escape(p)}</p>" for p in parts if p)


def _date(value: str) -> date | None:
    """An RFC 3339 date-time (or just a date) as a date; None when it is not one."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.strip().replace("z", "Z")).date()
    except ValueError:
        pass
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _string(value: Any) -> str:
    """A string field's value; numbers (a 1.0 feed's numeric ids) as text; anything else ''."""
    if isinstance(value, bool):
        return ""
    if isinstance(value, (int, float)):
        return str(value)
    return value.strip() if isinstance(value, str) else ""


def _first_line(error: BaseException) -> str:
    return (str(error).splitlines() or [type(error).__name__])[0][:200]
