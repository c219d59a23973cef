"""The reading screen: the article's header and one selectable Static per block.

Opening an article marks it read and returns to where the reader left off; the
position kept is the index of the block at the top of the view, which survives a
change of terminal width (a line number would not).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from reader.core.model import Article
from reader.core.store import Library, LibraryError
from reader.tui.safe import clean, plain
from reader.tui.widgets.article_list import SEPARATOR, format_date
from reader.tui.widgets.block import BlockView


def byline(article: Article) -> str:
    parts = []
    if article.author and article.author.strip():
        parts.append(f"By {article.author.strip()}")
    if article.source and article.source.strip():
        parts.append(article.source.strip())
    return SEPARATOR.join(parts)


def meta_line(article: Article) -> str:
    if article.published:
        parts = [format_date(article.published)]
    else:
        parts = [f"Added {format_date(article.added.date())}"]
    parts.append(f"{article.reading_time} min read")
    parts.append(f"{article.word_count:,} words")
    return SEPARATOR.join(parts)


class ArticleScreen(Screen[None]):
    """One article, read top to bottom; Escape goes back to the library."""

    AUTO_FOCUS = "#reading"
    BINDINGS = [
        Binding("escape", "back", "Library", id="article.back", tooltip="Back to the article list"),
    ]

    def __init__(self, library: Library, article: Article) -> None:
        super().__init__()
        if article.blocks is None:
            raise ValueError("the reader needs the article with its body")
        self.library = library
        self.article = article
        self.blocks = article.blocks

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="reading"):
            yield Static(plain(self.article.title.strip() or "(untitled)"), id="title", markup=False)
            if line := byline(self.article):
                yield Static(plain(line), id="byline", markup=False)
            yield Static(plain(meta_line(self.article)), id="meta", markup=False)
            for index, block in enumerate(self.blocks):
                yield BlockView(index, block)
            if not self.blocks:
                yield Static("This article has no text.", id="no-text", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = clean(self.article.title)
        if not self.article.read:
            self._update(read=True)
        self.call_after_refresh(self.restore_position)

    def restore_position(self) -> None:
        """Scroll so the block the reader last had at the top is at the top again."""
        views = list(self.query(BlockView))
        if 0 < self.article.position < len(views):
            reading = self.query_one("#reading", VerticalScroll)
            reading.scroll_to_widget(views[self.article.position], top=True, animate=False)

    def top_block(self) -> int:
        """Index of the first block still (partly) visible at the top of the view."""
        top = self.query_one("#reading", VerticalScroll).scroll_y
        for view in self.query(BlockView):
            if view.virtual_region.bottom > top:
                return view.index
        return 0

    def save_position(self) -> None:
        position = self.top_block()
        if position != self.article.position:
            self._update(position=position)

    def _update(self, **changes: object) -> None:
        try:
            self.article = self.library.update_article(self.article.id, **changes)
        except LibraryError as error:
            self.notify(str(error), title="Cannot save your place", severity="error", markup=False)

    def action_back(self) -> None:
        self.save_position()
        self.dismiss()
