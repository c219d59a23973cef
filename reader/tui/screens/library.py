"""The library screen: every article, filtered as you type; choosing one opens the reader.

Layout: a side panel of views (All, Unread, Starred, Annotated, each tag, then the saved
searches) on the left; on the right a filter line (an Input and the current sort) above
the article list.

The `/` filter speaks the search language (`is:starred tag:x title:foo "a phrase"`): the
app's search index chooses the articles, the list keeps its sort. Until the index is built
(in a thread, the first time it is needed) the filter matches words in the title, source,
author and tags. A malformed query shows its message under the filter; the list stays.
Saved searches are note searches: choosing one opens the Notes screen with it.

The reader keys (j/k, n, u, A, ...) are in `library_keys`. Each subscribed feed is a view
in the side panel; R refreshes the feed under the panel's cursor, or every feed when it is
on no feed.
"""

from __future__ import annotations

from textual import events, on
import re
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Static

from reader.core.store import Library, LibraryError
from reader.core.store.errors import explained
from reader.tui.commands.keymap import key_for
from reader.tui.widgets.safe import clean
from reader.tui.messages import FeedsRefreshed, IndexReady, LibraryChanged
from reader.tui.navigation import open_article
from reader.tui.screens.article_side import fit_beside  # the same room as the article's panel
from reader.tui.screens.library_keys import CHANGE_BINDINGS, COMPACT_BINDING, MOVE_BINDINGS, ReaderKeys, plural
from reader.tui.state.damage import DamageWarning
from reader.tui.state.outside import OutsideChanges
from reader.tui.state.undo import Change
from reader.core.ordering import SORTS
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.bars import KeyBar, TitleBar
from reader.tui.widgets.library_sidebar import SEARCH_VIEW, LibrarySidebar

TAG_WORD = re.compile(r"(^|[\s(])#(?=\w)")
SORT_LABELS = {"date": "newest", "title": "title A–Z", "source": "source A–Z", "notes": "most notes"}
MAX_WIDTH = 120  # the filter and the list stop here on a wide screen: lines stay readable


class LibraryScreen(ReaderKeys, Screen[None]):
    """The list of articles; it re-reads the library whenever it comes back into view."""

    AUTO_FOCUS = "ArticleList"

    DEFAULT_CSS = """
    LibraryScreen #main {
        height: 1fr;
    }
    LibraryScreen #content {
        max-width: MAX_WIDTH;
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
    LibraryScreen #filter-error {
        height: auto;
        padding: 0 2;
        color: $error;
        display: none;
    }
    LibraryScreen #sort {
        width: auto;
        height: 1;
        padding: 0 1;
        color: $text-muted;
    }
    """.replace("MAX_WIDTH", str(MAX_WIDTH))

    BINDINGS = [
        Binding("slash", "focus_filter", "Filter", id="library.filter",
                tooltip="Search articles: words, title:x, tag:x, is:starred, since:7d, \"a phrase\""),
        *CHANGE_BINDINGS,
        Binding("R", "refresh_feeds", "Refresh", id="library.refresh_feeds",
                tooltip="Fetch new articles: the feed under the side panel's cursor, else every feed, in the background"),
        COMPACT_BINDING,
        Binding("s", "cycle_sort", "Sort", id="library.sort", tooltip="Sort by date, title, source or notes"),
        Binding("v", "focus_views", "Views", id="library.views",
                tooltip="Choose All, Unread, Starred, Annotated, a feed or a tag"),
        Binding("p", "toggle_views", "Side panel", id="library.toggle_views", show=False,
                tooltip="Show or hide the side panel of views and feeds"),
        Binding(
            "escape", "clear_filter", "Clear filter", id="library.clear", show=False,
            tooltip="Clear the filter and go back to the list",
        ),
        Binding("down", "focus_list", "Articles", id="library.list", show=False,
                tooltip="Move from the filter to the list, as on the Notes and Entities screens"),
        *MOVE_BINDINGS,
    ]

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.outside = OutsideChanges(self, library, self.follow_outside_changes)
        self.damage = DamageWarning(self, library)  # the damaged files a read went on without
        self._panel_by_hand = False  # `v` or `p` showed or hid the side panel: a resize leaves it so
        self._did_you_mean = ""  # the filter's "Did you mean ...?" when it matched nothing

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="main"):
            yield LibrarySidebar(id="views")
            with Vertical(id="content"):
                with Horizontal(id="filter-bar"):
                    yield Input(placeholder="/ filter: words, #tag, is:starred, since:7d",
                                id="filter", compact=True)
                    yield Static("", id="sort", markup=False)
                yield Static("", id="filter-error", markup=False)
                yield ArticleList(id="articles")
                yield Static("Your library is empty.", id="empty", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.articles.set_compact(self.app.settings.compact)  # type: ignore[attr-defined]
        self._fit_panel(self.app.size.width)
        self._show_sort()
        self.outside.start()

    def on_resize(self, event: events.Resize) -> None:
        self._fit_panel(event.size.width)

    def _fit_panel(self, width: int) -> None:
        """Below PANEL_MIN_WIDTH columns the titles get the room (at start, and when the
        terminal narrows); `v` or `p` shows the panel, and then resizes leave it as chosen."""
        if not self._panel_by_hand:
            fit_beside(self.query_one(LibrarySidebar), width, self.articles)

    def follow_outside_changes(self) -> None:
        """Show what another process (`reader add`, `reader tag`, a second app) changed in the
        library (`OutsideChanges`: a stat every two seconds while the list is on screen)."""
        self.search.refresh()  # so the filter finds what was added, as the list shows it
        self.reload()

    def on_screen_resume(self) -> None:
        """Runs on first show and on every return from an article (read marks change)."""
        self.search.refresh()
        self.reload()

    @property
    def articles(self) -> ArticleList:
        return self.query_one(ArticleList)

    def reload(self) -> None:
        self.outside.seen()
        try:
            articles = self.library.articles()
            counts, orphans = self.library.note_tallies()
        except LibraryError as error:
            self.notify(explained(error), title="Cannot read the library", severity="error", markup=False, timeout=30)
            return
        self.damage.tell()
        try:
            feeds = self.library.feeds()
        except LibraryError:
            feeds = []  # the feeds' entries are a convenience: the articles are shown
        sidebar = self.query_one(LibrarySidebar)
        sidebar.show(articles, counts, orphans, feeds)
        self.articles.filter_view = sidebar.current  # a tag that is gone falls back to All
        self.articles.show(articles, counts, orphans)
        self._show_searches()
        if self.articles.filter_text.strip():
            self._search_articles()  # stars, tags and notes may have changed while away
        self._show_count()

    # -- the search index -------------------------------------------------------------------

    @property
    def search(self) -> Any:
        return self.app.search  # type: ignore[attr-defined]

    def _show_searches(self) -> None:
        """The saved searches in the side panel, counted once the index is there."""
        try:
            searches = self.library.searches()
        except LibraryError as error:
            self.notify(str(error), title="Cannot read the saved searches", severity="error", markup=False)
            return
        sidebar = self.query_one(LibrarySidebar)
        index = self.search.request() if searches else None
        sidebar.show_searches(searches, self._count_searches(index, searches) if index is not None else None)

    def _count_searches(self, index: Any, searches: dict[str, str]) -> dict[str, int]:
        counts: dict[str, int] = {}
        for name, query in searches.items():
            try:
                counts[name] = index.search(query, limit=0).total
            except ValueError:  # QueryError: a query saved by an older version, say
                counts[name] = 0
        return counts

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """The filter focused: the user is about to search, so the index is loaded (or built)
        now, while they type; the app does not load it before anyone asks."""
        if event.widget.id == "filter":
            self.search.request()

    def on_index_ready(self, message: IndexReady) -> None:
        index = message.index
        sidebar = self.query_one(LibrarySidebar)
        if sidebar.searches:
            sidebar.show_searches(sidebar.searches, self._count_searches(index, sidebar.searches))
        if self.articles.filter_text.strip():
            self._search_articles()
            self._show_count()

    def _search_articles(self) -> None:
        """Choose the articles for the filter's query with the index (words only, until it is built)."""
        text = self.articles.filter_text
        error_line = self.query_one("#filter-error", Static)
        self._did_you_mean = ""
        if not text.strip():
            error_line.display = False
            self.articles.arrange(matches=None)
            return
        index = self.search.request()
        if index is None:
            return  # the plain word match meanwhile
        from reader.core.search.query import QueryError

        query = TAG_WORD.sub(r"\1tag:", text)  # `#politics`, as the old filter took it, is `tag:politics`
        try:
            result = index.search(query, articles=True, limit=None)
        except QueryError as error:
            error_line.update(Content(clean(f"{error.message}\n{error.pointer(query)}")))
            error_line.display = True
            return  # the last list stays
        error_line.display = False
        ids = frozenset(getattr(hit, "article_id", None) or hit.id for hit in result.hits)
        if not ids:  # as the Notes screen and `reader search` say it: one source (search.hints)
            from reader.core.search.hints import said_besides

            did_you_mean, hints = said_besides(query, result.suggestions)
            self._did_you_mean = " ".join(filter(None, [did_you_mean, *hints]))
        self.articles.arrange(matches=ids)

    def _show_count(self) -> None:
        articles = self.articles
        shown, total = len(articles.shown_ids), articles.total
        empty = self.query_one("#empty", Static)
        empty.display = not shown
        elsewhere = articles.matching_in_all() if not shown and total and articles.filter_view != "all" else 0
        empty.update("Your library is empty." if not total else
                     f"No match in this view ({plural(elsewhere)} in All)." if elsewhere else
                     " ".join(filter(None, ["No articles match.", self._did_you_mean])))
        filtered = articles.filter_text.strip() or articles.filter_view != "all"
        if not filtered:
            self.sub_title = plural(total)
            return
        parts = [f"{shown} of {plural(total)}"]
        if articles.filter_view != "all":
            sidebar = self.query_one(LibrarySidebar)
            parts.append(clean(sidebar.label(articles.filter_view)))
            if (feed := sidebar.feeds.get(articles.filter_view)) is not None and feed.failed:
                parts.append(clean(f"last refresh failed: {feed.failed}"))
        self.sub_title = " · ".join(parts)

    def _show_sort(self) -> None:
        self.query_one("#sort", Static).update(
            Content.assemble(  # the line is muted already: no dim on top
                "sort: ", (SORT_LABELS[self.articles.sort_by], "bold"), f" ({key_for(self, 'library.sort')})"
            )
        )

    # -- actions --------------------------------------------------------------------------

    def action_focus_filter(self) -> None:
        self.set_focus(self.query_one("#filter", Input))

    def action_focus_list(self) -> None:
        self.set_focus(self.articles)

    def action_focus_views(self) -> None:
        """`v` goes to the side panel (showing it if hidden), and from there back to the list."""
        sidebar = self.query_one(LibrarySidebar)
        self._panel_by_hand |= not sidebar.display
        sidebar.display = True
        self.set_focus(self.articles if sidebar.has_focus else sidebar)

    def action_toggle_views(self) -> None:
        sidebar = self.query_one(LibrarySidebar)
        self._panel_by_hand = True
        sidebar.display = not sidebar.display
        if not sidebar.display and sidebar.has_focus:
            self.articles.focus()

    def action_cycle_sort(self) -> None:
        articles = self.articles
        articles.arrange(sort=SORTS[(SORTS.index(articles.sort_by) + 1) % len(SORTS)])
        self._show_sort()

    def action_refresh_feeds(self) -> None:
        from reader.tui.state.feeds import refresh_feeds_in_background

        feed = self.query_one(LibrarySidebar).highlighted_feed
        refresh_feeds_in_background(self, self.library, only=feed)

    def on_feeds_refreshed(self, _message: FeedsRefreshed) -> None:
        self.reload()

    def on_library_changed(self, _message: LibraryChanged) -> None:
        """An undo changed articles: read them again (the list and the side panel's counts)."""
        self.reload()

    def action_clear_filter(self) -> None:
        field = self.query_one("#filter", Input)
        if field.value:
            field.value = ""  # Input.Changed re-filters
            self.articles.arrange(query="")
            self._show_count()
        self.articles.focus()

    @on(Input.Changed, "#filter")
    def filter_changed(self, event: Input.Changed) -> None:
        text = event.value
        if not text.strip():
            self.query_one("#filter-error", Static).display = False
            self.articles.arrange(query=text, matches=None)
        elif self.search.ready:
            self.articles.filter_text = text
            self._search_articles()  # a malformed query keeps the last list
        else:
            self.articles.arrange(query=text, matches=None)  # plain words while the index is built
            self._search_articles()
        if text.strip():
            self.articles.action_first()  # a new query starts at its first match, not the row remembered
        self._show_count()

    @on(Input.Submitted, "#filter")
    def filter_submitted(self) -> None:
        """Enter opens the first article the filter found (as the README says), whichever row
        the list had highlighted before the query was typed."""
        articles = self.articles
        articles.focus()
        if articles.shown_ids:
            articles.action_first()
            articles.action_select()

    @on(LibrarySidebar.Chosen)
    def view_chosen(self, event: LibrarySidebar.Chosen) -> None:
        sidebar = self.query_one(LibrarySidebar)
        if event.view.startswith(SEARCH_VIEW):
            query = sidebar.searches.get(event.view.removeprefix(SEARCH_VIEW))
            if query is not None:
                self.app.open_notes(query)  # type: ignore[attr-defined]
            return
        sidebar.choose(event.view)
        self.articles.arrange(view=sidebar.current)
        self._show_count()
        self.articles.focus()

    @on(LibrarySidebar.DeleteSearch)
    def delete_search(self, event: LibrarySidebar.DeleteSearch) -> None:
        """Forget a saved search, as a change `z` takes back (and the undo's `z` makes again)."""
        library, name = self.library, event.name
        try:
            query = library.searches().get(name)
            library.delete_search(name)
        except LibraryError as error:
            self.notify(str(error), title="The search was not deleted", severity="error", markup=False)
            return
        if query is not None:
            self.app.undo.remember(Change(f"deleted the saved search {clean(name)!r}",
                                          lambda: library.save_search(name, query),
                                          redo=lambda: library.delete_search(name)))
        self._show_searches()
        undo = key_for(self, "app.undo")
        self.notify(f"Deleted the saved search {clean(name)!r}. Press {undo} to undo.", timeout=4, markup=False)

    @on(ArticleList.Opened)
    async def open_article(self, event: ArticleList.Opened) -> None:
        articles = self.articles
        screen = await open_article(
            self.app, self.library, event.article_id, articles.shown_ids, on_close=articles.highlight_article
        )
        if screen is None:  # removed by another process, or unreadable
            self.reload()
