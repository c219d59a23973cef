"""An entity's page: who or what it is, where it is named, what it said, what you noted.

The name in its type's colour, the type and the other spellings merged into it; then
three stacked lists:

- Articles that mention it, newest first (date · source · title); Enter reads one.
- Quotes by it (date · source · title, then the quote); Enter opens the article with
  the quote selected and in view; `h` keeps the quote as a highlight on its article.
- Your notes that mention it or sit on its quotes; Enter opens the passage.

`a`, `q` and `n` move to a list; Tab cycles through them. Everything shown comes from
the ledger's `EntityPage`, drawn as plain text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from reader.core.store import Library, LibraryError
from reader.tui.safe import clean, plain
from reader.tui.widgets.bars import KeyBar, TitleBar
from reader.tui.widgets.entity_rows import (
    SEPARATOR,
    ItemList,
    QuoteRows,
    article_row,
    note_row,
    quote_row,
    type_label,
    type_style,
)


async def open_article(
    app: App[Any], library: Library, article_id: str, neighbours: Sequence[str] = (), span: tuple[int, int] | None = None
) -> Any | None:
    """Push the article's reading screen; with `span`, that passage selected and in view."""
    from reader.tui.screens.article import ArticleScreen

    try:
        article = library.article(article_id)
    except LibraryError as error:
        app.notify(str(error), title="Cannot open the article", severity="error", markup=False)
        return None
    ids = list(neighbours) if article_id in neighbours else [article_id]
    screen = ArticleScreen(library, article, ids)
    await app.push_screen(screen)
    if span is not None:
        start, end = span
        text_length = len(article.text)
        if 0 <= start < end <= text_length:
            # After the screen's own restore of the reading place, which runs after its first refresh.
            screen.call_after_refresh(lambda: screen.call_after_refresh(screen.reading.mark, start, end))
    return screen


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
        margin-bottom: 1;
    }
    EntityPageScreen .entity-section {
        height: 1fr;
    }
    EntityPageScreen .entity-section-title {
        padding: 0 2;
        text-style: bold;
        color: $text-muted;
    }
    EntityPageScreen .entity-section:focus-within .entity-section-title {
        color: $accent;
    }
    EntityPageScreen ItemList {
        height: 1fr;
        border: none;
        padding: 0 1;
        background: $background;
    }
    EntityPageScreen ItemList:focus {
        border: none;
    }
    EntityPageScreen #entity-quotes {
        height: 2fr;
    }
    """

    BINDINGS = [
        Binding("escape", "back", "Back", id="entity.back", tooltip="Back to the list of entities"),
        Binding("a", "focus_list('articles')", "Articles", id="entity.articles", tooltip="The articles naming it"),
        Binding("q", "focus_list('quotes')", "Quotes", id="entity.quotes", tooltip="What it said"),
        Binding("n", "focus_list('notes')", "Notes", id="entity.notes", tooltip="Your notes on it"),
    ]

    def __init__(self, library: Library, page: Any) -> None:
        super().__init__()
        self.library = library
        self.page = page
        self._shown = False

    def compose(self) -> ComposeResult:
        page = self.page
        yield TitleBar()
        yield Static(page_header(page), id="entity-head")
        with Vertical(classes="entity-section", id="section-articles"):
            yield Static("", classes="entity-section-title", markup=False)
            yield ItemList(id="entity-articles", empty="No article names it")
        with Vertical(classes="entity-section", id="section-quotes"):
            yield Static("", classes="entity-section-title", markup=False)
            yield QuoteRows(id="entity-quotes", empty="No quotes by this name", row_height=2)
        with Vertical(classes="entity-section", id="section-notes"):
            yield Static("", classes="entity-section-title", markup=False)
            yield ItemList(id="entity-notes", empty="No notes mention it", row_height=2)
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = clean(self.page.name)
        self._fill()

    def on_screen_resume(self) -> None:
        """Back from an article (a note may have been added there): the page read again."""
        if self._shown:
            self.reload()
        self._shown = True

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

    def _fill(self) -> None:
        page = self.page
        counts = {
            "articles": f"Articles ({len(page.articles)}) · newest first",
            "quotes": f"Quotes by {clean(page.name)} ({len(page.quotes)}) · h keeps one as a highlight",
            "notes": f"Your notes ({len(page.notes)})",
        }
        for which, title in counts.items():
            self.query_one(f"#section-{which} .entity-section-title", Static).update(Content(title))
        self.query_one("#entity-articles", ItemList).show(page.articles, article_row)
        self.query_one("#entity-quotes", QuoteRows).show(page.quotes, quote_row)
        titles = {ref.id: ref.title for ref in page.articles}
        self.query_one("#entity-notes", ItemList).show(page.notes, lambda n: note_row(n, titles.get(n.article_id, "")))

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
        await open_article(self.app, self.library, quote.article_id, self.article_ids, (quote.start, quote.end))

    @on(ItemList.Opened, "#entity-notes")
    async def open_note(self, event: ItemList.Opened) -> None:
        note = event.item
        span = (note.selector.start, note.selector.end)
        await open_article(self.app, self.library, note.article_id, self.article_ids, span)

    @on(QuoteRows.Keep)
    def keep_quote(self, event: QuoteRows.Keep) -> None:
        quote = event.quote
        try:
            self.library.annotate(quote.article_id, quote.start, quote.end)
        except (LibraryError, ValueError) as error:
            self.notify(str(error), title="The quote was not kept", severity="error", markup=False)
            return
        self.notify(clean(f"Highlight kept on “{quote.title}”"), timeout=3, markup=False)
        self.reload()  # the new highlight sits on its quote: one more note

    # -- actions ----------------------------------------------------------------------------

    def action_focus_list(self, which: str) -> None:
        self.query_one(f"#entity-{which}", ItemList).focus()

    def action_back(self) -> None:
        self.dismiss(None)

