"""Read, star and tags changed from the article list, each one remembered for `z`.

Each function makes one change through the `Library` and returns the `Change` that puts
it back (`reader.tui.state.undo`), so the screen only has to remember it. The undo goes
through the same `Library` calls, so it changes exactly what was changed, on what is on
disk then. A `LibraryError` is the caller's to show.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.core.model import Article
from reader.core.store import Library
from reader.tui.state.undo import Change
from reader.tui.widgets.safe import clean

TITLE_IN_LABEL = 40  # characters of a title the undo toast repeats


def named(article: Article) -> str:
    """'Title', cut to fit a toast."""
    title = clean(article.title.strip()) or "(untitled)"
    if len(title) > TITLE_IN_LABEL:
        title = title[: TITLE_IN_LABEL - 1] + "…"
    return f"'{title}'"


def toggle_read(library: Library, article: Article) -> tuple[Article, Change]:
    read = not article.read
    changed = library.update_article(article.id, read=read)
    label = f"marked {named(article)} {'read' if read else 'unread'}"
    return changed, Change(label, lambda: library.update_article(article.id, read=not read), (article.id,))


def mark_read(library: Library, article_ids: Sequence[str]) -> Change | None:
    """Mark these articles read in one write; the change that marks exactly the ones it
    changed unread again (None when every one was read already)."""
    changed = library.mark_read(article_ids)
    if not changed:
        return None
    label = f"marked {len(changed)} article{'s' * (len(changed) != 1)} read"
    return Change(label, lambda: library.mark_read(changed, read=False), tuple(changed))


def toggle_star(library: Library, article: Article) -> tuple[Article, Change]:
    starred = not article.starred
    changed = library.update_article(article.id, starred=starred)
    label = f"{'starred' if starred else 'unstarred'} {named(article)}"
    return changed, Change(label, lambda: library.update_article(article.id, starred=not starred), (article.id,))


def retag(library: Library, article: Article, tags: Sequence[str]) -> tuple[Article, Change] | None:
    """Give the article these tags (None when they are the ones it has); the undo adds back
    the tags taken off and takes off the ones added, leaving any others alone."""
    added = [t for t in tags if t not in article.tags]
    removed = [t for t in article.tags if t not in tags]
    if not added and not removed:
        return None
    changed = library.tag_article(article.id, add=added, remove=removed)
    label = f"tagged {named(article)} {' '.join('#' + t for t in changed.tags) or '(no tags)'}"
    return changed, Change(
        label, lambda: library.tag_article(article.id, add=removed, remove=added), (article.id,)
    )
