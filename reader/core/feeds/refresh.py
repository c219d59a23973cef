"""Refresh subscriptions: fetch each feed (conditionally), turn its new entries into articles.

Each entry gets a stable id (`entries.entry_ids`), so an entry seen before is skipped
without any fetch. A feed that carries full content is converted as it is; an entry
that only carries a summary has its linked page fetched and read, and keeps the summary
(said in one line) when that fails. Pages that could not be fetched are fetched
again at the next refreshes (`pages`). The feeds and the pages are fetched a few at a
time (`pool.FetchPool`: at most 6 at once, 2 per server) while this thread reads and
stores what has arrived, in the feed's order; with several feeds, each is parsed in a
worker process as soon as it arrives, and its new entries' HTML converted there (`parsing`):
this thread then mostly stores. Every failure is reported per feed: one dead feed never
stops the others. A feed file's `file:` address is read from disk (`local`).

A feed's new articles are stored together (one `Library.add_many`, the feed's tags already
on them): the index is written once per feed, not once per entry and again per tag, so
they are listed as soon as the feed is read. Their analysis comes after every feed is
stored, on every core (`analyse_new`); the app runs it after it has shown the new list.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from reader.core.duplicates import address_ids
from reader.core.feeds.analyse import analyse_new
from reader.core.feeds.entries import Plan, Planned, entry_article, entry_name, plan
from reader.core.feeds.local import MAX_BYTES, with_files  # the largest feed read, from the web or a file
from reader.core.feeds.pages import PageRead, Retry, finish_retry, read_page, reason, start_retries
from reader.core.feeds.parse import FeedError, ParsedFeed, parse_feed
from reader.core.feeds.parsing import Parsing
from reader.core.feeds.pool import PER_HOST, WORKERS, FetchPool, interleaved
from reader.core.model import Article, Feed, normalize_tags, now

if TYPE_CHECKING:
    from reader.core.store import Library

TIMEOUT = 20.0
FEEDS_AHEAD = 4  # feeds fetched while the one before is read: its pages are not kept waiting behind all the rest
KEPT_WARNINGS = 50  # of a refresh's warnings, kept with the feed for `reader feed ls`
FEED_ACCEPT = ("application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml, "
               "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5")

# progress(done, total, what): the entries of the feed being refreshed, (0, total, "")
# before the first and once after each, named by `what`; called in the caller's thread.
Progress = Callable[[int, int, str], None]
Fetch = Callable[..., Any]


@dataclass
class FeedReport:
    """What one refresh did to one feed."""

    feed: Feed
    new: list[Article] = field(default_factory=list)
    skipped: int = 0  # entries already in the library
    not_modified: bool = False  # the server answered 304
    error: str | None = None  # the feed could not be fetched or read: nothing imported
    errors: list[str] = field(default_factory=list)  # entries that could not be imported
    warnings: list[str] = field(default_factory=list)  # imported, but worth saying (one per entry)
    existing: list[str] = field(default_factory=list)  # "entry: same address as 3f2a9c1b: Title", once its page was read
    completed: list[Article] = field(default_factory=list)  # had kept the summary; got the full text on a retry

    @property
    def failed(self) -> bool:
        return self.error is not None

    def summary(self) -> str:
        name = self.feed.title or self.feed.url
        if self.error:
            return f"{name}: failed: {self.error}"
        if self.not_modified:
            return f"{name}: not modified" + (f", {len(self.completed)} completed" if self.completed else "")
        parts = [f"{len(self.new)} new", f"{self.skipped} already here"]
        if self.completed:
            parts.append(f"{len(self.completed)} completed")
        if self.errors:
            parts.append(f"{len(self.errors)} failed")
        return f"{name}: {', '.join(parts)}"


def default_fetch() -> Fetch:
    """The network's fetch, which reads a feed file's `file:` address from disk."""
    from reader.core.net import fetch

    return with_files(fetch)


def fetch_feed(url: str, *, fetch: Fetch | None = None, etag: str | None = None,
               last_modified: str | None = None) -> tuple[Any, ParsedFeed | None]:
    """Fetch and parse a feed: (the response, the feed or None when not modified)."""
    from reader.core.net import FetchError

    fetch = with_files(fetch) if fetch else default_fetch()
    try:
        got = fetch(url, timeout=TIMEOUT, max_bytes=MAX_BYTES, etag=etag, last_modified=last_modified,
                    accept=FEED_ACCEPT)
    except FetchError as error:
        raise FeedError(url, error.reason) from error
    return got, read_feed(got, url)


def read_feed(got: Any, url: str) -> ParsedFeed | None:
    """The feed in a response (None for 304 Not Modified); FeedError when there is none."""
    if got.not_modified:
        return None
    if got.status is not None and got.status >= 400:
        raise FeedError(url, f"the server answered {got.status}")
    content_type = got.content_type
    if content_type and got.charset:
        content_type = f"{content_type}; charset={got.charset}"
    return parse_feed(got.body, url=url, content_type=content_type, base=got.url or url)


def refresh_feed(library: Library, feed: Feed, *, fetch: Fetch | None = None,
                 progress: Progress | None = None) -> FeedReport:
    """Import the feed's new entries; store its new ETag/Last-Modified and check time."""
    return refresh_feeds(library, [feed], fetch=fetch, progress=progress)[0]


def refresh_feeds(library: Library, feeds: Iterable[Feed], *, fetch: Fetch | None = None,
                  on_feed: Callable[[Feed], None] | None = None,
                  on_report: Callable[[FeedReport], None] | None = None,
                  progress: Progress | None = None, workers: int = WORKERS,
                  per_host: int = PER_HOST, analyse: bool = True) -> list[FeedReport]:
    """Refresh each feed in turn (fetching the next few ahead); a failing feed is reported and
    the rest go on. With `analyse`, the new articles are analysed once all are stored;
    without, the caller does it (`analyse_new`) when it suits it."""
    feeds = list(feeds)
    waiting = iter(feeds)
    ahead: deque[tuple[Feed, Future[Any]]] = deque()
    reports = []
    here = Known(library)
    with FetchPool(with_files(fetch) if fetch else default_fetch(), workers=workers, per_host=per_host) as pool, \
            Parsing(len(feeds), here.ids(feeds)) as parsing:

        def fetch_ahead() -> None:
            while len(ahead) < FEEDS_AHEAD and (feed := next(waiting, None)) is not None:
                fetched = pool.submit(feed.url, timeout=TIMEOUT, max_bytes=MAX_BYTES, etag=feed.etag,
                                      last_modified=feed.last_modified, accept=FEED_ACCEPT)
                ahead.append((feed, parsing.start(fetched, feed.url, read_feed)))

        fetch_ahead()
        while ahead:
            feed, document = ahead.popleft()
            fetch_ahead()
            if on_feed:
                on_feed(feed)
            report = _refresh(library, feed, document, pool, progress, here)
            here.add(report.new)
            reports.append(report)
            if on_report:
                on_report(report)
    if analyse:
        analyse_new(library, [article for report in reports for article in report.new])
    return reports


class Known:
    """The library's articles as the refresh began, and those it stored since: read once
    per refresh, not once per feed (reading every record is most of planning a feed in a
    big library). An article another program adds meanwhile is found by `add_many`,
    which stores nothing twice: the entry is then counted as already here."""

    def __init__(self, library: Library) -> None:
        self.articles: dict[str, Article] = {}
        self.titles: dict[str, str] = {}  # article ids, and the ids of their addresses untracked
        self.add(library.articles())

    def ids(self, feeds: list[Feed]) -> set[str]:
        """Every id an entry of these feeds may have that is in the library already."""
        return set(self.articles).union(*(feed.links for feed in feeds))

    def add(self, articles: list[Article]) -> None:
        for article in articles:
            self.articles[article.id] = article
            self.titles[article.id] = article.title
            for address in address_ids(article.url) if article.url else ():  # an entry without the tracking
                self.titles.setdefault(address, article.title)


def _refresh(library: Library, feed: Feed, document: Future[Any], pool: FetchPool,
             progress: Progress | None, here: Known) -> FeedReport:
    from reader.core.net import FetchError

    report = FeedReport(feed)
    try:
        got, parsed = document.result()
    except (FeedError, FetchError) as error:
        return _failed(library, report, error.reason)
    except Exception as error:  # noqa: BLE001 - a parser or network surprise fails this feed only
        return _failed(library, report, f"{type(error).__name__}: {error}")
    retries = start_retries(feed.retries, here.articles, pool)
    learnt: dict[str, object] = {"checked": now(), "failed": None}
    failed: dict[str, int] = {}  # the articles that kept their summary this time, to try again
    if parsed is None:
        report.not_modified = True
        tick = _ticker(progress, len(retries))
    else:
        planning = plan(parsed.entries, feed.url, here.titles, feed.links)
        tick = _ticker(progress, len(planning.planned) + len(retries))
        if _import_entries(library, feed, parsed, got, planning, pool, report, failed, tick, learnt,
                           saved_with_articles=not retries):
            return report  # the feed's change was saved with its new articles
    learnt["retries"] = {**_retried(library, retries, report, tick), **failed}
    learnt["warnings"] = kept_warnings(report.warnings)
    report.feed = library.update_feed(feed.id, **learnt)
    return report


def _failed(library: Library, report: FeedReport, reason: str) -> FeedReport:
    """The feed could not be read: said in the report, and kept with the feed (`feed ls`)."""
    from reader.core.store import LibraryError

    report.error = reason
    try:
        report.feed = library.update_feed(report.feed.id, checked=now(), failed=reason, warnings=[])
    except LibraryError:  # removed meanwhile, or the library cannot be written: the report says enough
        pass
    return report


def kept_warnings(warnings: list[str]) -> list[str]:
    """What a feed keeps of its refresh's warnings: a bounded list, so a feed of a thousand
    unreadable entries does not grow the index by a thousand lines."""
    if len(warnings) <= KEPT_WARNINGS:
        return list(warnings)
    return warnings[:KEPT_WARNINGS - 1] + [f"… and {len(warnings) - KEPT_WARNINGS + 1} more"]


def _ticker(progress: Progress | None, total: int) -> Callable[[str], None]:
    """`progress` told of the start, then called once per entry or retry done, named."""
    done = 0
    if progress:
        progress(0, total, "")

    def tick(what: str) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, total, what)

    return tick


def _import_entries(library: Library, feed: Feed, parsed: ParsedFeed, got: Any, planning: Plan, pool: FetchPool,
                    report: FeedReport, failed: dict[str, int], tick: Callable[[str], None],
                    learnt: dict[str, object], saved_with_articles: bool) -> bool:
    """Import the feed's new entries; what the feed learnt goes in `learnt`. With
    `saved_with_articles` (no retry is left to finish, whose outcome the feed would keep),
    the feed's change is saved with its new articles, in one write of the index, and
    True says so (`report.feed` is the feed as saved)."""
    report.warnings.extend(parsed.warnings)
    report.skipped, planned = planning.skipped, planning.planned
    report.warnings.extend(planning.notes)
    pages = {url: pool.submit(url) for url in interleaved(list(dict.fromkeys(p.page for p in planned if p.page)))}
    links = {k: v for k, v in feed.links.items() if k in planning.ids}  # the entries the feed still lists
    read: list[Entry] = []
    for item in planned:
        entry = _read(feed, parsed, item, pages.get(item.page or ""), report, links)
        if entry is not None:
            read.append(entry)
        tick(entry_name(item.entry))
    learnt.update({"etag": got.etag or None, "last_modified": got.last_modified or None, "links": links})
    if not feed.title and parsed.title:
        learnt["title"] = parsed.title
    if not feed.site_url and parsed.site_url:
        learnt["site_url"] = parsed.site_url
    learnt["warnings"] = kept_warnings(report.warnings)
    try:
        saved = _store(library, read, report, failed, (feed.id, learnt) if saved_with_articles else None)
    except _NotStored:  # the feed is fetched in full again next time (not 304 Not Modified), its entries with it
        learnt.update(etag=feed.etag, last_modified=feed.last_modified)
        return False
    if saved is not None:
        report.feed = saved
    return saved is not None


class _NotStored(Exception):
    """A feed's new articles could not be stored (the report says why, for each)."""


@dataclass
class Entry:
    """An entry read into the article to store."""

    name: str
    article: Article
    page_read: bool  # its page was fetched and read (a duplicate is then named)
    retry: bool  # its page could not be fetched: the next refreshes try again


def _read(feed: Feed, parsed: ParsedFeed, item: Planned, page: Future[Any] | None,
          report: FeedReport, links: dict[str, str]) -> Entry | None:
    """Read the entry (and its page) into its article, the feed's tags on it; say what went
    wrong. An entry whose article took its page's address goes in `links`."""
    name = entry_name(item.entry)
    try:
        read = read_page(page, item.page) if page is not None and item.page else PageRead(None)
        article, note = entry_article(item, feed, parsed, page=read.article, page_problem=read.problem)
        if note:
            report.warnings.append(f"{name}: {note}" + ("; the next refresh tries again" if read.retry else ""))
        if article.id != item.id:
            links[item.id] = article.id
        if feed.tags:
            article = replace(article, tags=normalize_tags(list(article.tags) + list(feed.tags)))
    except Exception as error:  # noqa: BLE001 - one bad entry, the others go on
        report.errors.append(f"{name}: {reason(error)}")
        return None
    return Entry(name, article, read.article is not None, read.retry)


def _store(library: Library, entries: list[Entry], report: FeedReport, failed: dict[str, int],
           feed: tuple[str, dict[str, object]] | None = None) -> Feed | None:
    """Store the feed's new articles in one save; an entry whose article is here already is
    skipped (and named when its page said so); one whose page failed is tried again later.
    With `feed` (its id, what it learnt), the feed's change is saved with them, its retries
    those failed pages: the feed as saved (None: not saved, the caller saves it).
    _NotStored when they could not be stored (each entry's error is in the report)."""
    from reader.core.duplicates import same_as

    if not entries:
        return None

    def learnt(results: list[tuple[Article, bool]]) -> dict[str, object]:
        assert feed is not None
        again = {article.id: 0 for entry, (article, created) in zip(entries, results) if created and entry.retry}
        return {**feed[1], "retries": again}

    saved = None
    try:
        if feed is None:
            stored = library.add_many([entry.article for entry in entries])
        else:
            stored, saved = library.add_feed_articles(feed[0], [entry.article for entry in entries], learnt)
    except Exception as error:  # noqa: BLE001 - nothing of this feed stored; the other feeds go on
        report.errors.extend(f"{entry.name}: {reason(error)}" for entry in entries)
        raise _NotStored from error
    for entry, (article, created) in zip(entries, stored):
        if not created:
            report.skipped += 1
            if entry.page_read:  # known only now that its page was read: said once
                report.existing.append(f"{entry.name}: {same_as(article, entry.article)}")
            continue
        if entry.retry:
            failed[article.id] = 0
        report.new.append(article)
    return saved


def _retried(library: Library, retries: list[Retry], report: FeedReport, tick: Callable[[str], None]) -> dict[str, int]:
    """Finish the retries; the ones to try again at the next refresh."""
    again: dict[str, int] = {}
    for retry in retries:
        try:
            article, line, tries = finish_retry(library, retry)
        except Exception as error:  # noqa: BLE001 - one article that cannot be completed; the others go on
            report.errors.append(f"{retry.article.title}: the full text could not be put in ({reason(error)})")
            continue
        finally:
            tick(retry.article.title)
        if article is not None:
            report.completed.append(article)
        if line:
            report.warnings.append(line)
        if tries is not None:
            again[retry.article.id] = tries
    return again
