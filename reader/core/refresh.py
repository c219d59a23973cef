"""Re-fetching one article and carrying its notes over to the new text.

`refresh_article` fetches the article's URL again, replaces its text and metadata (same
id; tags, star, read state and position stay: `Library.replace_body`), and re-anchors
each note with `reader.core.reanchor.reanchor`. A note that cannot be placed is kept as
an orphan with its old selector, and `RefreshReport.unplaced` is the line that says so
(a re-fetch, a feed's retry: whoever called this tells the user); no article and no note
is ever deleted here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from reader.core.model import ANCHOR_STATES, Anchor, Article
from reader.core.reanchor import ORPHAN, reanchor
from reader.core.store.errors import LibraryError
from reader.core.store.library import Library
from reader.core.urls import is_http_url


class RefreshError(LibraryError):
    pass


@dataclass
class RefreshReport:
    article_id: str
    changed: bool  # False: the fetched text was the same, nothing was written
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ANCHOR_STATES, 0))

    @property
    def notes(self) -> int:
        return sum(self.counts.values())

    @property
    def orphans(self) -> int:
        return self.counts["orphan"]

    def summary(self) -> str:
        if not self.changed:
            return f"{self.article_id[:8]}: unchanged"
        states = ", ".join(f"{n} {state}" for state, n in self.counts.items() if n)
        return f"{self.article_id[:8]}: text updated; notes: {states or 'none'}"

    def unplaced(self, title: str = "") -> str | None:
        """The one line to say when the new text left notes unplaced (None when none):
        every place that replaces an article's text says it in these words."""
        if not self.changed or not self.orphans:
            return None
        short = self.article_id[:8]
        notes = "1 note" if self.orphans == 1 else f"{self.orphans} notes"
        on = f"{short} ({title})" if title else short
        return (f"{notes} on {on} could not be found in the new text: kept as "
                f"{'an orphan' if self.orphans == 1 else 'orphans'} (`reader notes {short}` shows them, marked ORPHAN)")


def refresh_article(
    library: Library,
    article_id: str,
    *,
    fetch: Callable[..., Any] | None = None,
    load: Callable[..., Any] | None = None,
) -> RefreshReport:
    """Fetch `article_id`'s URL again; if its text changed, store it and re-anchor its notes.

    `load(url[, fetch=fetch])` returns an `Imported` (or an `Article`); by default
    `reader.core.ingest.html.load_url`. Raises RefreshError for an article without an
    http(s) URL (imported from a file) or when the page now has no text; the fetcher's
    own errors (FetchError, IngestError) pass through unchanged.
    """
    article = library.article(article_id)
    if not article.url or not is_http_url(article.url):
        raise RefreshError(
            f"article {article_id[:8]} was not imported from a web page "
            f"({'no URL' if not article.url else article.url}); there is nothing to re-fetch"
        )
    if load is None:
        from reader.core.ingest.html import load_url as load  # the network only when asked
    loaded = load(article.url) if fetch is None else load(article.url, fetch=fetch)
    fresh: Article = loaded if isinstance(loaded, Article) else loaded.article
    fresh = dataclasses.replace(fresh, id=article.id, url=fresh.url or article.url)
    if fresh.blocks is None or not fresh.text.strip():
        raise RefreshError(f"{article.url}: the page has no article text now; the article was left as it was")

    report = RefreshReport(article_id=article.id, changed=fresh.text != article.text)
    with library.locked():
        notes = library.annotations(article.id)
        if not report.changed:
            for note in notes:
                report.counts[note.anchor.state] += 1
            return report
        new_text = fresh.text
        for note in notes:
            selector, anchor = reanchor(note.selector, new_text)
            if selector is None:
                note.anchor = Anchor(ORPHAN.state, ORPHAN.score)
            else:
                note.selector, note.anchor = selector, anchor
            report.counts[note.anchor.state] += 1
        library.replace_body(fresh)
        if notes:
            library.add_annotations(notes)
    return report
