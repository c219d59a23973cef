"""The library's article list: an OptionList, which draws only the rows on screen.

(`ListView` builds a widget per row and took 11 s for 2,000 articles.) Each row is
built from plain strings into `Content`: titles and bylines come from strangers.
"""

from __future__ import annotations

from datetime import date

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.core.model import Article
from reader.tui.safe import clean, plain

UNREAD_MARK = "●"
SEPARATOR = " · "


def format_date(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def article_prompt(article: Article, notes: int = 0) -> Content:
    """Two lines: the title, then source · author · date · minutes · notes · unread mark."""
    title = article.title.strip() or "(untitled)"
    details = [
        clean(part)
        for part in (article.source, article.author)
        if part and part.strip()
    ]
    details.append(format_date(article.published) if article.published else f"added {format_date(article.added.date())}")
    details.append(f"{article.reading_time} min")
    if notes:
        details.append(f"{notes} note" if notes == 1 else f"{notes} notes")
    parts: list[str | Content | tuple[str, str]] = [
        plain(title, "bold" if not article.read else ""),
        "\n",
        (SEPARATOR.join(details), "dim"),
    ]
    if not article.read:
        parts += [(SEPARATOR, "dim"), (UNREAD_MARK, "$accent")]
    return Content.assemble(*parts, strip_control_codes=False)


class ArticleList(OptionList):
    """Articles, newest first; Enter or a click asks to open the highlighted one."""

    BINDINGS = [
        Binding("enter", "select", "Open", id="library.open", tooltip="Read the highlighted article"),
    ]

    class Opened(Message):
        """The user chose an article to read."""

        def __init__(self, article_id: str) -> None:
            super().__init__()
            self.article_id = article_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)

    def show(self, articles: list[Article], note_counts: dict[str, int]) -> None:
        """Replace the rows, keeping the highlight on the same article if it is still here."""
        current = self.highlighted_article_id
        rows: list[Option | None] = []
        for article in articles:
            if rows:
                rows.append(None)  # a separator line between articles
            rows.append(Option(article_prompt(article, note_counts.get(article.id, 0)), id=article.id))
        self.set_options(rows)
        ids = [article.id for article in articles]
        if current in ids:
            self.highlighted = ids.index(current)
        elif ids:
            self.highlighted = 0

    @property
    def highlighted_article_id(self) -> str | None:
        option = self.highlighted_option
        return option.id if option is not None else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Opened(event.option.id))
