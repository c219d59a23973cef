"""An entry's linked page, fetched: its article, or why there is none; and second tries.

An entry whose page could not be fetched (the server down or slow, a 404 before the
page is up) keeps its summary, and its feed remembers it (`Feed.retries`). Each later
refresh of the feed fetches the page again, up to RETRIES times: the article then gets
the page's text in place of the summary, its notes carried over as `reader refresh
ARTICLE` does, or after the last try it is given up on, and the user is told how to try
again by hand. A page that was fetched but holds no article is not tried again.
"""

from __future__ import annotations

import dataclasses
from concurrent.futures import Future
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reader.core.feeds.entries import UNTITLED, derived_title
from reader.core.model import Article
from reader.core.urls import is_http_url

if TYPE_CHECKING:
    from reader.core.feeds.pool import FetchPool
    from reader.core.store import Library

RETRIES = 3  # later refreshes that fetch a page again after the first fetch failed


@dataclass(frozen=True)
class PageRead:
    """What a fetched page gave: its article, or why not and whether to fetch it again."""

    article: Article | None
    problem: str | None = None
    retry: bool = False  # it could not be fetched (not: it was fetched and holds no article)


def read_page(page: Future[Any], url: str) -> PageRead:
    """The article on a fetched page, or why there is none."""
    from reader.core.ingest import IngestError, load_url
    from reader.core.net import FetchError

    try:
        got = page.result()
    except FetchError as error:
        return PageRead(None, error.reason, retry=True)
    except Exception as error:  # noqa: BLE001 - any failure keeps the summary
        return PageRead(None, reason(error), retry=True)
    try:
        article = load_url(url, fetch=lambda *_args, **_kwargs: got).article
    except IngestError as error:
        return PageRead(None, error.reason)
    except Exception as error:  # noqa: BLE001 - a page the readers choke on keeps the summary
        return PageRead(None, reason(error))
    if not article.blocks:
        return PageRead(None, "no article text on the page")
    return PageRead(article)


def reason(error: BaseException) -> str:
    return str(error) or type(error).__name__


@dataclass
class Retry:
    """One page fetched again: the article waiting for it, and the earlier tries."""

    article: Article  # as listed (no body)
    tries: int
    page: Future[Any]


def start_retries(retries: dict[str, int], articles: dict[str, Article], pool: FetchPool) -> list[Retry]:
    """Fetch again the pages of the articles in `retries` that are still in the library."""
    started = []
    for article_id, tries in retries.items():
        article = articles.get(article_id)
        if article is not None and article.url and is_http_url(article.url):
            started.append(Retry(article, tries, pool.submit(article.url)))
    return started


def finish_retry(library: Library, retry: Retry) -> tuple[Article | None, str | None, int | None]:
    """Give the article its page's text if the page came this time.

    Returns the article completed (or None), the line to tell the user (or None; when
    completed, the notes the full text has no place for), and the
    tries to remember for it (None: it is done with)."""
    from reader.core.analysis import analysis_for
    from reader.core.refresh import refresh_article

    name, short = retry.article.title, retry.article.id[:8]
    read = read_page(retry.page, retry.article.url or "")
    if read.article is None and read.retry:
        tries = retry.tries + 1
        if tries >= RETRIES:
            return None, (f"{name}: the full text still could not be fetched ({read.problem}); gave up after "
                          f"{RETRIES} more tries (`reader refresh {short}` tries again)"), None
        return None, f"{name}: the full text still could not be fetched ({read.problem}); tried again {tries} of {RETRIES} times", tries
    if read.article is None:
        return None, f"{name}: kept the summary; the page, fetched again, has no article to read ({read.problem})", None
    stored = library.article(retry.article.id)
    fresh = completed(stored, read.article)
    report = refresh_article(library, stored.id, load=lambda *_args, **_kwargs: fresh)
    done = library.article(stored.id)
    analysis_for(library, done)
    return done, report.unplaced(done.title), None  # notes the summary held and the page does not: said


def completed(stored: Article, page: Article) -> Article:
    """The page's article under the stored one's id, the entry's title, byline and date kept
    (a title that was only made up from the summary gives way to the page's)."""
    made_up = stored.title == UNTITLED or stored.title == derived_title(stored.blocks or [])
    return dataclasses.replace(
        page, id=stored.id, title=page.title if made_up and page.title else stored.title,
        author=stored.author or page.author, source=stored.source or page.source,
        published=stored.published or page.published, url=page.url or stored.url,
    )
