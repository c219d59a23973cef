"""The library's reader keys, as newsboat and mutt users have them in their fingers.

They are the screen's keys, so they work wherever the focus is but in the filter (an Input
keeps its letters): j/k, g/G, space/b move the article list's cursor (the side panel's
when `v` put the focus there); n goes to the next
unread article; u, A, * and t change read, star and tags, each remembered for the app's
undo (`z`); c shows one line per article, remembered in the settings.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.binding import Binding
from textual.widgets import OptionList

from reader.core.settings import save_settings
from reader.core.store import LibraryError
from reader.tui.commands.keymap import key_for
from reader.tui.state import marks
from reader.tui.state.undo import Change

# The list's own action each moving key runs, wherever the focus is.
MOVES = {"down": "cursor_down", "up": "cursor_up", "first": "first", "last": "last",
         "page_down": "page_down", "page_up": "page_up"}
# Keys that need an article under the cursor, or some article on the list.
NEEDS_ARTICLE = {"toggle_read", "star", "tag", "open_page"}
NEEDS_LIST = {"next_unread", "mark_all_read"}

# Shown in the key bar, in this order; the moving keys are listed by `?`.
CHANGE_BINDINGS = [
    Binding("n", "next_unread", "Next unread", id="library.next_unread",
            tooltip="The next unread article on the list (from the top again at the end)"),
    Binding("u", "toggle_read", "Read/unread", id="library.toggle_read", tooltip="Mark the highlighted article read, or unread"),
    Binding("A", "mark_all_read", "All read", id="library.mark_all_read",
            tooltip="Mark every article on the list read (z takes it back)"),
    Binding("asterisk", "star", "Star", id="library.star", tooltip="Star or unstar the highlighted article"),
    Binding("t", "tag", "Tag", id="library.tag", tooltip="Tag the highlighted article"),
    Binding("o", "open_page", "Open page", id="library.open_page", show=False,
            tooltip="Open the highlighted article's page in the browser ($BROWSER), as o does in the article"),
]
COMPACT_BINDING = Binding("c", "toggle_compact", "Compact", id="library.compact",
                          tooltip="One line per article, or two (remembered)")
MOVE_BINDINGS = [
    Binding("j", "move('down')", "Next article", id="library.down", show=False, tooltip="The next article"),
    Binding("k", "move('up')", "Previous article", id="library.up", show=False, tooltip="The previous article"),
    Binding("g", "move('first')", "First article", id="library.first", show=False, tooltip="The first article"),
    Binding("G", "move('last')", "Last article", id="library.last", show=False, tooltip="The last article"),
    Binding("space", "move('page_down')", "Page down the list", id="library.page_down", show=False,
            tooltip="A page further down the list"),
    Binding("b", "move('page_up')", "Page up the list", id="library.page_up", show=False, tooltip="A page back up the list"),
]


def plural(count: int, word: str = "article") -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


class ReaderKeys:
    """The actions of CHANGE_BINDINGS, COMPACT_BINDING and MOVE_BINDINGS, for the library screen (its `articles`, `library`
    and `reload`)."""

    articles: Any
    library: Any
    app: Any
    reload: Callable[[], None]
    notify: Callable[..., None]
    refresh_bindings: Callable[[], None]
    focused: Any

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys that change an article are shown dimmed while there is none to change."""
        if action in NEEDS_ARTICLE and self.articles.highlighted_article is None:
            return None
        if action in NEEDS_LIST and not self.articles.shown_ids:
            return None
        return True

    def on_option_list_option_highlighted(self) -> None:
        self.refresh_bindings()

    def action_move(self, where: str) -> None:
        """j/k/g/G/space/b: move the cursor of the side panel when it has the focus (`v`),
        else of the article list, whichever part of the screen has the focus."""
        focused = self.focused
        target = focused if isinstance(focused, OptionList) else self.articles
        getattr(target, f"action_{MOVES[where]}")()

    def action_next_unread(self) -> None:
        article_id = self.articles.next_unread()
        if article_id is None:
            self.notify("No unread articles here", timeout=2)
            return
        self.articles.highlight_article(article_id)

    def _remember(self, made: Callable[[], tuple[object, Change] | None], failed: str) -> None:
        """Make one change to an article with `made()`, remember it for undo and show the
        list again; a toast titled `failed` when the library refused it."""
        try:
            result = made()
        except LibraryError as error:
            self.notify(str(error), title=failed, severity="error", markup=False)
            self.reload()  # the article may be gone
            return
        if result is not None:  # None: nothing to change
            self.app.undo.remember(result[1])
            self.reload()

    def action_open_page(self) -> None:
        from reader.tui.commands.browser import NO_ADDRESS, open_in_background

        article = self.articles.highlighted_article
        if article is None:
            return
        if not article.url:
            self.notify(NO_ADDRESS, timeout=3)
            return
        open_in_background(self, article.url)

    def action_toggle_read(self) -> None:
        if (article := self.articles.highlighted_article) is not None:
            self._remember(lambda: marks.toggle_read(self.library, article), "Cannot mark the article")

    def action_star(self) -> None:
        if (article := self.articles.highlighted_article) is not None:
            self._remember(lambda: marks.toggle_star(self.library, article), "Cannot star the article")

    def action_mark_all_read(self) -> None:
        """Every article on the list read, as one change that `z` takes back."""
        try:
            change = marks.mark_read(self.library, self.articles.shown_ids)
        except LibraryError as error:
            self.notify(str(error), title="Cannot mark the articles read", severity="error", markup=False)
            return
        if change is None:
            self.notify("Every article here is read already", timeout=2)
            return
        self.app.undo.remember(change)
        self.reload()
        undo = key_for(self, "app.undo")  # type: ignore[arg-type]
        self.notify(f"Marked {plural(len(change.article_ids))} read. Press {undo} to undo.", timeout=5)

    def action_tag(self) -> None:
        from reader.tui.screens.tags import TagsEditor

        article = self.articles.highlighted_article
        if article is None:
            return

        def tagged(tags: list[str] | None) -> None:
            if tags is not None:
                self._remember(lambda: marks.retag(self.library, article, tags), "Cannot tag the article")

        try:
            known = sorted(self.library.tag_counts())
        except LibraryError:
            known = []  # autocomplete is a convenience
        self.app.push_screen(TagsEditor(article.title, article.tags, known), tagged)

    def action_toggle_compact(self) -> None:
        """One line per article, or two; remembered for the next start."""
        compact = not self.articles.compact
        self.articles.set_compact(compact)
        settings = self.app.settings  # type: ignore[attr-defined]
        settings.compact = compact
        try:
            save_settings(self.app.config_dir, settings)  # type: ignore[attr-defined]
        except LibraryError as error:
            self.notify(str(error), title="Compact rows not remembered", severity="warning", markup=False)
