"""An article read for a screen to show: the one place the app reads an article's text."""

from __future__ import annotations

from typing import Any

from textual.app import App

from reader.core.model import Article
from reader.core.store import Library, LibraryError
from reader.core.store.errors import explained, with_hint


def read_for_screen(app: App[Any], library: Library, article_id: str) -> Article | None:
    """The article to show, its text checked against its backup copy (a change on disk
    that still reads is shown, with a warning saying so); None, said, when it cannot be read."""
    try:
        article = library.article(article_id, check_copy=True)
    except LibraryError as error:  # removed by another process, or unreadable
        app.notify(explained(error), title="Cannot open the article", severity="error", markup=False)
        return None
    if damaged := library.unreadable.pop(library.layout.body(article_id), None):  # said here, not again by the list
        app.notify("\n".join(with_hint([damaged])), title="The article's text file was changed", severity="warning",
                   markup=False, timeout=15)
    return article
