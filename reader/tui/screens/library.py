"""The library screen: every article, newest first; choosing one opens the reader."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from reader.core.store import Library, LibraryError
from reader.tui.screens.article import ArticleScreen
from reader.tui.widgets.article_list import ArticleList


class LibraryScreen(Screen[None]):
    """The list of articles; it re-reads the library whenever it comes back into view."""

    AUTO_FOCUS = "ArticleList"

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library

    def compose(self) -> ComposeResult:
        yield Header()
        yield ArticleList(id="articles")
        yield Static("Your library is empty.", id="empty", markup=False)
        yield Footer()

    def on_screen_resume(self) -> None:
        """Runs on first show and on every return from an article (read marks change)."""
        self.reload()

    def reload(self) -> None:
        try:
            articles = self.library.articles()
            counts = self.library.note_counts()
        except LibraryError as error:
            self.notify(str(error), title="Cannot read the library", severity="error", markup=False)
            return
        self.query_one(ArticleList).show(articles, counts)
        self.query_one("#empty").display = not articles
        self.sub_title = f"{len(articles)} article" if len(articles) == 1 else f"{len(articles)} articles"

    @on(ArticleList.Opened)
    def open_article(self, event: ArticleList.Opened) -> None:
        try:
            article = self.library.article(event.article_id)
        except LibraryError as error:  # removed by another process, or unreadable
            self.notify(str(error), title="Cannot open the article", severity="error", markup=False)
            self.reload()
            return
        self.app.push_screen(ArticleScreen(self.library, article))
