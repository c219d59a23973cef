"""An entity's page: who or what it is, where it is named, what it said, what you noted.

The name in its type's colour, the type and the other spellings merged into it; then
three stacked lists, sharing the height by what they hold (`SharedHeight`):

- Articles that mention it, newest first (date · source · title); Enter reads one.
- Quotes by it (date · source · title, then the quote); Enter opens the article with
  the quote selected and in view; `h` keeps the quote as a highlight on its article.
- Your notes that mention it or sit on its quotes; Enter opens the passage.

`a`, `q` and `n` move to a list; Tab cycles through them. Everything shown comes from
the ledger's `EntityPage`, drawn as plain text.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from reader.core.store import Library
from reader.tui.messages import LibraryChanged
from reader.tui.navigation import open_article
from reader.tui.screens.note_changes import delete_note, edit_note, keep_highlight, stored_note
from reader.tui.widgets.bars import KeyBar, TitleBar
from reader.tui.widgets.entity_rows import (
    SEPARATOR,
    ItemList,
    QuoteRows,
    article_row,
    dated,
    note_row,
    quote_row,
    type_label,
    type_style,
)
from reader.tui.widgets.safe import clean, plain
from reader.tui.widgets.shared_height import SharedHeight


def page_header(page: Any) -> Content:
    """Name (in its type's colour), then `Person · also “Zelenskyy”, “Zelenskiy”`."""
    second: list[Content | str | tuple[str, str]] = [(type_label(page.type), "$text-muted")]
    aliases = [alias for alias in page.aliases if alias != page.name]
    if aliases:
        second.append((SEPARATOR + "also ", "dim"))
        for index, alias in enumerate(aliases):
            if index:
                second.append((", ", "dim"))
            second.append(plain(f"“{alias}”"))
    return Content.assemble(
        plain(" ".join(page.name.split()) or "(no name)", f"bold {type_style(page.type)}"), "\n", *second,
        strip_control_codes=False,
    )


class EntityPageScreen(Screen[None]):
    """One entity: its articles, its quotes, the notes on it."""

    AUTO_FOCUS = "#entity-articles"

    DEFAULT_CSS = """
    EntityPageScreen #entity-head {
        height: auto;
        padding: 0 2;
    }
    EntityPageScreen ItemList {
        border: none;
        border-top: blank;
        border-title-align: left;
        border-title-style: bold;
        border-title-color: $text-muted;
        padding: 0 1;
        background: $background;
    }
    EntityPageScreen ItemList:focus {
        border: none;
        border-top: blank;
        border-title-color: $accent;
    }
    """

    BINDINGS = [
        Binding("escape", "back", "Back", id="entity.back", tooltip="Back to the list of entities"),
        Binding("a", "focus_list('articles')", "Articles", id="entity.articles", tooltip="The articles naming it"),
        Binding("q", "focus_list('quotes')", "Quotes", id="entity.quotes", tooltip="What it said"),
        Binding("n", "focus_list('notes')", "Notes", id="entity.notes", tooltip="Your notes on it"),
        Binding("e", "edit_note", "Edit note", id="entity.edit_note",
                tooltip="Edit the highlighted note: its text, tags and colour (z undoes)"),
        Binding("d", "delete_note", "Delete note", id="entity.delete_note",
                tooltip="Delete the highlighted note (z brings it back)"),
    ]

    def __init__(self, library: Library, page: Any) -> None:
        super().__init__()
        self.library = library
        self.page = page
        self._filled = False  # the lists show `page` as it is: the next resume need not read it again

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="entity-head")
        with SharedHeight(id="entity-lists"):  # each list as tall as its rows need, as far as they fit
            yield ItemList(id="entity-articles", empty="No article names it")
            yield QuoteRows(id="entity-quotes", empty="No quotes by this name", row_height=2)
            yield ItemList(id="entity-notes", empty="No notes mention it", row_height=2)
        yield KeyBar()

    def on_mount(self) -> None:
        self._fill()

    def show(self, page: Any) -> None:
        """Another entity on this same screen (the Entities screen keeps one: a new screen costs more to draw)."""
        self.page = page
        if self.is_mounted:
            self._fill(top=True)
            self.query_one("#entity-articles", ItemList).focus()

    def on_screen_resume(self) -> None:
        """Back from an article (a note may have been added there): the page read again."""
        if not self._filled:
            self.reload()
        self._filled = False

    def reload(self) -> None:
        state = self.app.entities  # type: ignore[attr-defined]
        state.refresh()
        if state.ledger is None:
            return
        try:
            self.page = state.ledger.page(self.page.name)
        except KeyError:
            return  # merged into another name meanwhile: the page stays as it was
        self._fill()

    def _fill(self, top: bool = False) -> None:
        if len(self.query("#entity-lists > ItemList")) < 3:  # the lists inside SharedHeight may mount after the screen
            self.call_after_refresh(self._fill, top)
            return
        page = self.page
        self._filled = True
        self.sub_title = clean(page.name)
        self.query_one("#entity-head", Static).update(page_header(page))
        counts = {
            "articles": f"Articles ({len(page.articles)}) · newest first",
            "quotes": f"Quotes by {clean(page.name)} ({len(page.quotes)}) · h keeps one as a highlight",
            "notes": f"Your notes ({len(page.notes)})",
        }
        for which, title in counts.items():
            self.query_one(f"#entity-{which}", ItemList).border_title = Content(title)
        titles = {ref.id: ref.title for ref in page.articles}
        self.query_one("#entity-articles", ItemList).show(
            page.articles, partial(article_row, dates=dated(page.articles)), top=top
        )
        self.query_one("#entity-quotes", QuoteRows).show(page.quotes, quote_row, top=top)
        self.query_one("#entity-notes", ItemList).show(
            page.notes, lambda n: note_row(n, titles.get(n.article_id, "")), top=top
        )
        self.query_one(SharedHeight).fit()

    # -- opening ----------------------------------------------------------------------------

    @property
    def article_ids(self) -> list[str]:
        return [ref.id for ref in self.page.articles]

    @on(ItemList.Opened, "#entity-articles")
    async def open_chosen_article(self, event: ItemList.Opened) -> None:
        await open_article(self.app, self.library, event.item.id, self.article_ids)

    @on(ItemList.Opened, "#entity-quotes")
    async def open_quote(self, event: ItemList.Opened) -> None:
        quote = event.item
        await open_article(self.app, self.library, quote.article_id, self.article_ids, span=(quote.start, quote.end))

    @on(ItemList.Opened, "#entity-notes")
    async def open_note(self, event: ItemList.Opened) -> None:
        note = event.item
        span = (note.selector.start, note.selector.end)
        await open_article(self.app, self.library, note.article_id, self.article_ids, span=span)

    @on(QuoteRows.Keep)
    def keep_quote(self, event: QuoteRows.Keep) -> None:
        quote = event.quote
        if keep_highlight(self, self.library, quote.article_id, quote.start, quote.end) is None:
            return
        self.notify(clean(f"Highlight kept on “{quote.title}” (z undoes)"), timeout=3, markup=False)
        self.reload()  # the new highlight sits on its quote: one more note

    # -- changing a note ----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit_note", "delete_note"):
            return self.query_one("#entity-notes", ItemList).has_focus
        return True

    def _highlighted_note(self) -> Any | None:
        shown = self.query_one("#entity-notes", ItemList).highlighted_item
        return stored_note(self, self.library, shown) if shown is not None else None

    def action_edit_note(self) -> None:
        if (annotation := self._highlighted_note()) is not None:
            edit_note(self, self.library, annotation, self.reload)

    def action_delete_note(self) -> None:
        if (annotation := self._highlighted_note()) is not None:
            delete_note(self, self.library, annotation, self.reload)

    def on_library_changed(self, message: LibraryChanged) -> None:
        """An undo may have put a note back or taken one away: the page read again."""
        if self.is_mounted:
            self.reload()

    # -- actions ----------------------------------------------------------------------------

    def action_focus_list(self, which: str) -> None:
        self.set_focus(self.query_one(f"#entity-{which}", ItemList))

    def action_back(self) -> None:
        self.dismiss(None)

