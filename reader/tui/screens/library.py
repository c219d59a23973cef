"""The library screen: every article, filtered as you type; choosing one opens the reader.

Layout: a side panel of views (All, Unread, Starred, Annotated, each tag) on the left;
on the right a filter line (an Input and the current sort) above the article list.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

from reader.core.store import Library, LibraryError
from reader.tui.keymap import key_for
from reader.tui.safe import clean
from reader.tui.screens.article import ArticleScreen
from reader.tui.widgets.article_list import SORTS, ArticleList
from reader.tui.widgets.library_sidebar import LibrarySidebar, view_label

SORT_LABELS = {"date": "newest", "title": "title A–Z", "source": "source A–Z", "notes": "most notes"}


def plural(count: int, word: str = "article") -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


class LibraryScreen(Screen[None]):
    """The list of articles; it re-reads the library whenever it comes back into view."""

    AUTO_FOCUS = "ArticleList"

    DEFAULT_CSS = """
    LibraryScreen #main {
        height: 1fr;
    }
    LibraryScreen #filter-bar {
        height: 1;
        padding: 0 1;
    }
    LibraryScreen #filter {
        width: 1fr;
        height: 1;
        border: none;
        padding: 0 1;
    }
    LibraryScreen #sort {
        width: auto;
        height: 1;
        padding: 0 1;
        color: $text-muted;
    }
    """

    BINDINGS = [
        Binding("slash", "focus_filter", "Filter", id="library.filter", tooltip="Filter by title, source, author or #tag"),
        Binding("s", "cycle_sort", "Sort", id="library.sort", tooltip="Sort by date, title, source or notes"),
        Binding("v", "focus_views", "Views", id="library.views", tooltip="Choose All, Unread, Starred, Annotated or a tag"),
        Binding(
            "escape", "clear_filter", "Clear filter", id="library.clear", show=False,
            tooltip="Clear the filter and go back to the list",
        ),
    ]

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield LibrarySidebar(id="views")
            with Vertical(id="content"):
                with Horizontal(id="filter-bar"):
                    yield Input(placeholder="/ to filter: title, source, author, #tag", id="filter", compact=True)
                    yield Static("", id="sort", markup=False)
                yield ArticleList(id="articles")
                yield Static("Your library is empty.", id="empty", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self._show_sort()

    def on_screen_resume(self) -> None:
        """Runs on first show and on every return from an article (read marks change)."""
        self.reload()

    @property
    def articles(self) -> ArticleList:
        return self.query_one(ArticleList)

    def reload(self) -> None:
        try:
            articles = self.library.articles()
            counts = self.library.note_counts()
        except LibraryError as error:
            self.notify(str(error), title="Cannot read the library", severity="error", markup=False)
            return
        sidebar = self.query_one(LibrarySidebar)
        sidebar.show(articles, counts)
        self.articles.filter_view = sidebar.current  # a tag that is gone falls back to All
        self.articles.show(articles, counts)
        self._show_count()

    def _show_count(self) -> None:
        articles = self.articles
        shown, total = len(articles.shown_ids), articles.total
        empty = self.query_one("#empty", Static)
        empty.display = not shown
        empty.update("Your library is empty." if not total else "No articles match.")
        filtered = articles.filter_text.strip() or articles.filter_view != "all"
        if not filtered:
            self.sub_title = plural(total)
            return
        parts = [f"{shown} of {plural(total)}"]
        if articles.filter_view != "all":
            parts.append(clean(view_label(articles.filter_view)))
        self.sub_title = " · ".join(parts)

    def _show_sort(self) -> None:
        self.query_one("#sort", Static).update(
            Content.assemble(
                ("sort: ", "dim"), SORT_LABELS[self.articles.sort_by], (f" ({key_for(self, 'library.sort')})", "dim")
            )
        )

    # -- actions --------------------------------------------------------------------------

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_focus_views(self) -> None:
        self.query_one(LibrarySidebar).focus()

    def action_cycle_sort(self) -> None:
        articles = self.articles
        articles.arrange(sort=SORTS[(SORTS.index(articles.sort_by) + 1) % len(SORTS)])
        self._show_sort()

    def action_clear_filter(self) -> None:
        field = self.query_one("#filter", Input)
        if field.value:
            field.value = ""  # Input.Changed re-filters
            self.articles.arrange(query="")
            self._show_count()
        self.articles.focus()

    @on(Input.Changed, "#filter")
    def filter_changed(self, event: Input.Changed) -> None:
        self.articles.arrange(query=event.value)
        self._show_count()

    @on(Input.Submitted, "#filter")
    def filter_submitted(self) -> None:
        self.articles.focus()

    @on(LibrarySidebar.Chosen)
    def view_chosen(self, event: LibrarySidebar.Chosen) -> None:
        sidebar = self.query_one(LibrarySidebar)
        sidebar.choose(event.view)
        self.articles.arrange(view=sidebar.current)
        self._show_count()
        self.articles.focus()

    @on(ArticleList.Opened)
    def open_article(self, event: ArticleList.Opened) -> None:
        try:
            article = self.library.article(event.article_id)
        except LibraryError as error:  # removed by another process, or unreadable
            self.notify(str(error), title="Cannot open the article", severity="error", markup=False)
            self.reload()
            return
        self.app.push_screen(ArticleScreen(self.library, article, self.articles.shown_ids), self.articles.highlight_article)
