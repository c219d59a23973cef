"""One feed entry -> one article: its stable id, whether its page is needed, and its text.

Every entry a feed carries is imported, whatever it lacks:

* its id comes from its link, else from the feed's URL and its guid, else from the feed's
  URL, its title, date and a hash of its text: refreshing again finds the same id and
  imports nothing. An entry whose page is fetched takes the page's own address instead
  (its canonical URL, as `reader add URL` does), so a page added by hand and the same
  entry are one article whichever came first; the feed remembers the link it had
  (`Feed.links`), so the next refresh knows the entry without fetching its page;
* its text is the feed's full content, else its linked page's article, else the summary
  the feed gave, else its title alone; its title and date are the entry's, else the page's;

and whatever it lacked that the user would miss is said in one line per entry.
"""

from __future__ import annotations

import hashlib
import urllib.parse
from collections import Counter
from dataclasses import dataclass

from reader.core.duplicates import address_ids
from reader.core.feeds.parse import FeedEntry, ParsedFeed
from reader.core.model import Article, Block, Feed, stable_id
from reader.core.urls import is_http_url

UNTITLED = "Untitled entry"


@dataclass(frozen=True)
class Planned:
    """An entry to import: the id its article gets, and the page to fetch for its text."""

    entry: FeedEntry
    id: str
    page: str | None  # the linked page, when the feed has only a summary
    by_link: bool = False  # `id` is its link's: the id its fetched page's address gives takes its place


@dataclass
class Plan:
    """What a refresh does with a feed's entries."""

    planned: list[Planned]  # the entries to import
    skipped: int  # entries already in the library
    notes: list[str]  # what to tell the user
    ids: set[str]  # the id of every entry in the feed (for `Feed.links` to forget the others)


def entry_ids(entry: FeedEntry, feed_url: str) -> list[str]:
    """The id the entry's article gets, then any id an older reader gave it."""
    if entry.link:
        return [stable_id(entry.link)]
    if entry.id:
        return [_guid_id(entry, feed_url), stable_id(entry.id)]
    return [_content_id(entry, feed_url)]


def _guid_id(entry: FeedEntry, feed_url: str) -> str:
    return stable_id(f"{feed_url}\n{entry.id}")


def _content_id(entry: FeedEntry, feed_url: str) -> str:
    published = entry.published.isoformat() if entry.published else ""
    text = entry.id_text if entry.id_text is not None else f"{entry.content}\n{entry.summary}"
    digest = hashlib.sha1(text.encode()).hexdigest()
    return stable_id(f"{feed_url}\n{entry.title}\n{published}\n{digest}")


def plan(entries: list[FeedEntry], feed_url: str, known: dict[str, str], links: dict[str, str] | None = None) -> Plan:
    """The entries not in the library yet with their ids, how many are, and what to say.

    `known` maps the library's article ids to their titles; `links` an entry link's id to
    the id its article took from its page (`Feed.links`). Entries of one feed that
    share a link (a feed whose items all point to its home page) are told apart by their
    guid, else by their text, whatever their order; one of them that an older refresh
    stored under the link is known by its title there. An entry listed twice, the same in
    every part, is imported once."""
    distinct: dict[tuple[object, ...], FeedEntry] = {}
    notes: list[str] = []
    for entry in entries:
        if _fingerprint(entry) in distinct:
            notes.append(f"{entry_name(entry)}: the feed lists this entry twice; imported once")
        else:
            distinct[_fingerprint(entry)] = entry
    shared_links = Counter(e.link for e in distinct.values() if e.link)
    planned: list[Planned] = []
    skipped = 0
    given: set[str] = set()
    links = links or {}
    for entry in distinct.values():
        shared = bool(entry.link) and shared_links[entry.link] > 1
        if shared:
            ids = [_guid_id(entry, feed_url) if entry.id else _content_id(entry, feed_url)]
            if entry.title and known.get(stable_id(entry.link)) == entry.title:
                ids.append(stable_id(entry.link))  # stored when its link was its own
        else:
            # with a link: the same page as an article here, but for utm_source and the like, too
            ids = address_ids(entry.link) if entry.link else entry_ids(entry, feed_url)
        if ids[0] in given:
            notes.append(f"{entry_name(entry)}: the feed lists this entry twice; imported once")
            continue
        given.add(ids[0])
        if any(i in known or links.get(i) in known for i in ids):
            skipped += 1
            continue
        needs_page = not entry.has_full_text and entry.link_is_http
        by_link = bool(entry.link) and not shared
        planned.append(Planned(entry, ids[0], entry.link if needs_page else None, by_link))
    return Plan(planned, skipped, notes, given)


def _fingerprint(entry: FeedEntry) -> tuple[object, ...]:
    return (entry.id, entry.link, entry.title, entry.published, entry.summary, entry.content)


def entry_article(planned: Planned, feed: Feed, parsed: ParsedFeed, *, page: Article | None = None,
                  page_problem: str | None = None) -> tuple[Article, str | None]:
    """The entry as an Article, and the one thing to tell the user about it (or None).

    `page` is its linked page's article when that was fetched and read; `page_problem`
    why it could not be, when it could not. An entry whose id is its link's takes its
    page's id and address (`Planned.by_link`): the page's canonical URL, as
    `reader add URL` gives it."""
    entry = planned.entry
    if page is not None and not page.blocks:
        page = None
    blocks: list[Block] = list(page.blocks or []) if page is not None else []
    note = None
    if not blocks:
        blocks = list(entry.blocks)
        note = _what_was_kept(entry, bool(blocks), planned.page, page_problem)
    title = entry.title or (page.title if page is not None else "") or derived_title(blocks) or UNTITLED
    if not blocks:
        blocks = [Block("paragraph", title)]
    url = entry.link if entry.link_is_http else (entry.id if is_http_url(entry.id) else None)
    article = Article.create(
        title, blocks, author=entry.author or (page.author if page else None),
        source=feed.title or parsed.title or None, url=url,
        published=entry.published or (page.published if page else None),
    )
    article.id = planned.id
    if page is not None and planned.by_link and page.url and not _home_for_a_story(page.url, entry.link):
        article.id, article.url = page.id, page.url
    article.feed = feed.id
    return article, note


def _home_for_a_story(address: str, link: str | None) -> bool:
    """A page whose canonical address is its site's home page when the entry's link is not:
    a site that names its home page on every page would make every story one article."""
    def is_home(url: str) -> bool:
        return urllib.parse.urlsplit(url).path.strip("/") == ""

    return is_home(address) and not is_home(link or "")


def _what_was_kept(entry: FeedEntry, has_text: bool, page: str | None, problem: str | None) -> str | None:
    kept = "kept the summary" if has_text else "imported its title only"
    if page and problem:
        return f"{kept}; the full text could not be fetched ({problem})"
    if has_text:
        return None
    return f"{kept}: the entry has no text" + ("" if page or entry.link else " and no link")


def derived_title(blocks: list[Block]) -> str:
    if not blocks:
        return ""
    from reader.core.ingest.text import derive_title

    return derive_title(blocks)


def entry_name(entry: FeedEntry) -> str:
    """How messages name an entry: its title, else its link or id, else its first words."""
    if entry.title:
        return entry.title
    if entry.link or entry.id:
        return entry.link or entry.id
    words = " ".join(b.text for b in entry.blocks).split()
    return " ".join(words[:8]) + ("…" if len(words) > 8 else "") if words else UNTITLED
