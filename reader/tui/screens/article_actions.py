"""The article screen's actions on the article as a whole: star, read, tags, the next
article, its page in the browser, export, related, and going back.

A mixin of `ArticleScreen`, kept apart so the screen stays one idea per file. Each
change is remembered in the app's undo history right after it is saved, and an undo
(or any change the app makes to this article) arrives as `LibraryChanged`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.widgets import Static

from reader.core.model import Article
from reader.core.store import LibraryError
from reader.tui.article_text import read_for_screen
from reader.tui.messages import LedgerReady, LibraryChanged, RelatedWanted
from reader.tui.widgets.article_header import meta_line

if TYPE_CHECKING:
    from reader.tui.screens.article import ArticleScreen


class ArticleActions:
    """What the reader does to the article itself, and moving on from it."""

    def _update(self: ArticleScreen, change: Callable[[], Article]) -> bool:
        """Make one change to the article as stored and show it in the header; False if it failed."""
        try:
            self.article = change()
        except LibraryError as error:
            self.notify(str(error), title="Cannot save the change", severity="error", markup=False)
            return False
        self.query_one("#meta", Static).update(meta_line(self.article))
        return True

    def _title(self: ArticleScreen) -> str:
        words = self.article.title.split()
        return " ".join(words[:6]) + ("…" if len(words) > 6 else "")

    def action_star(self: ArticleScreen) -> None:
        article_id, before = self.article.id, self.article.starred
        if self._update(lambda: self.library.update_article(article_id, starred=not before)):
            self._remember(f"{'unstarred' if before else 'starred'} '{self._title()}'",
                           lambda: self.library.update_article(article_id, starred=before))
            self.notify("Starred" if self.article.starred else "Star removed", timeout=2)

    def action_toggle_read(self: ArticleScreen) -> None:
        article_id, before = self.article.id, self.article.read
        if self._update(lambda: self.library.update_article(article_id, read=not before)):
            self._remember(f"marked '{self._title()}' {'unread' if before else 'read'}",
                           lambda: self.library.update_article(article_id, read=before))
            self.notify("Marked read" if self.article.read else "Marked unread", timeout=2)

    def action_tag(self: ArticleScreen) -> None:
        from reader.tui.screens.tags import TagsEditor

        article_id, opened_with = self.article.id, list(self.article.tags)

        def tagged(tags: list[str] | None) -> None:
            if tags is None:
                return
            added = [t for t in tags if t not in opened_with]
            removed = [t for t in opened_with if t not in tags]
            if not (added or removed):
                return
            if self._update(lambda: self.library.tag_article(article_id, add=added, remove=removed)):
                self._remember(f"changed the tags of '{self._title()}'",
                               lambda: self.library.tag_article(article_id, add=removed, remove=added))
                self.notify(f"Tags: {' '.join('#' + t for t in self.article.tags) or 'none'}", timeout=2, markup=False)

        self.app.push_screen(TagsEditor(self.article.title, self.article.tags, sorted(self._known_tags())), tagged)

    def _known_tags(self: ArticleScreen) -> dict[str, int]:
        try:
            return self.library.tag_counts()
        except LibraryError:
            return {}  # autocomplete is a convenience

    def on_library_changed(self: ArticleScreen, message: LibraryChanged) -> None:
        """The app changed this article (an undo): its state and notes read again."""
        if self.article.id not in message.article_ids:
            return
        try:
            self.article = self.library.article_state(self.article.id)
        except LibraryError:
            return  # removed meanwhile: the library screen says so on return
        self.query_one("#meta", Static).update(meta_line(self.article))
        self.load_annotations()

    # -- moving on ------------------------------------------------------------------------------

    async def action_neighbour(self: ArticleScreen, step: int) -> None:
        """Read the previous (-1) or next (1) article of the list it was opened from, here."""
        ids = self.neighbours
        here = ids.index(self.article.id) if self.article.id in ids else -1
        target = here + step
        if here < 0 or not 0 <= target < len(ids):
            self.notify("This is the first article" if step < 0 else "This is the last article", timeout=2)
            return
        await self.read_instead(ids[target])

    async def action_unread(self: ArticleScreen, step: int) -> None:
        """The next (1) or previous (-1) unread article of the list it was opened from, going
        round from the end to the top (or the top to the end) as the library's `n` does."""
        ids = self.neighbours
        here = ids.index(self.article.id) if self.article.id in ids else -1
        ahead, behind = ids[here + 1 :], ids[: max(here, 0)]
        if step < 0:
            ahead, behind = behind[::-1], ahead[::-1]
        for index, article_id in enumerate(ahead + behind):
            try:
                if not self.library.article_state(article_id).read:
                    await self.read_instead(article_id)
                    if index >= len(ahead):
                        self.notify("From the top of the list" if step > 0 else "From the end of the list", timeout=2)
                    return
            except LibraryError:
                continue  # removed meanwhile
        self.notify("No other unread article in the list", timeout=2)

    async def read_instead(self: ArticleScreen, article_id: str) -> None:
        """Show another article of the list in this screen, the place in this one kept."""
        article = read_for_screen(self.app, self.library, article_id)
        if article is None:
            return
        self.save_position()
        self._set_article(article)
        panel_shown, tab = self.panel.display, self.panel.active_tab  # as the reader left them, for the next article
        await self.recompose()
        self.panel.display = panel_shown
        if tab:
            self.panel.show_tab(tab, focus=False)  # type: ignore[arg-type]
        self.reading.focus()
        self._open()

    def action_open_article(self: ArticleScreen) -> None:
        """The article's own page in the browser."""
        from reader.tui.commands.browser import NO_ADDRESS

        if not self.article.url:
            self.notify(NO_ADDRESS, timeout=3)
            return
        self.open_in_browser(self.article.url)

    def action_export(self: ArticleScreen) -> None:
        from reader.tui.commands.export import export_notes

        export_notes(self.app, self.library, self.article.id)

    def action_related(self: ArticleScreen) -> None:
        """The related articles: the app opens the list (`reader.tui.navigation`) once the ledger is built."""
        if self.app.entities.request() is None:  # type: ignore[attr-defined]
            self._related_asked = True
            self.notify("Gathering the names in your library…", timeout=2)
            return
        self.app.post_message(RelatedWanted(self))

    def on_ledger_ready(self: ArticleScreen, _message: LedgerReady) -> None:
        if self._related_asked:
            self._related_asked = False
            if self.is_current:
                self.action_related()

    # -- one step back -----------------------------------------------------------------------------

    def action_clear_selection(self: ArticleScreen) -> None:
        self.reading.clear()

    def action_drop_caret(self: ArticleScreen) -> None:
        self.reading.drop_caret()

    def action_leave_panel(self: ArticleScreen) -> None:
        self.reading.focus()

    def action_back(self: ArticleScreen) -> None:
        """Back to the list the article was opened from, the reading place kept."""
        self.save_position()
        self.dismiss(self.article.id)

    def action_close(self: ArticleScreen) -> None:
        """`q`: back in one key, the steps Escape takes one at a time skipped."""
        self.action_back()

    def land(self: ArticleScreen, start: int, end: int) -> None:
        """Opened at a passage (a note, a quote): select it, so `a` or `h` can act on it."""
        self.landed = (start, end)
        self.reading.mark(start, end)

    def back_state(self: ArticleScreen) -> str:
        """Which step Escape takes now: "clear_selection", "leave_panel", "drop_caret" or "back".
        A passage the article was opened at, untouched since, is no step of the reader's own:
        Escape goes back from it at once."""
        reading = self.reading
        if self.landed is not None and not self.panel.has_focus_within and reading.visual is None \
                and reading.selected_range() == self.landed and reading.caret == self.landed[0]:
            return "back"
        if reading.selecting:
            return "clear_selection"
        if self.panel.has_focus_within:
            return "leave_panel"
        if self.reading.caret is not None:
            return "drop_caret"
        return "back"
