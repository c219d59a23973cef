"""The library's article list: a `FixedRows` OptionList, which lays out and draws only the
rows on screen.

(`ListView` builds a widget per row and took 11 s for 2,000 articles; a plain OptionList
laid out every row's text to learn its height: 5 s at 10,000 articles.) Each row is
built from plain strings into `Content`: titles and bylines come from strangers.

A row's `Option` is made once per `show()` (in the density shown only) with a deferred
prompt: its `Content` is built the first time the row is drawn, so opening a library of
10,000 articles costs what the rows on screen cost. Filtering and sorting only choose
which `Option`s to hand to the list, matching against folded (lower-case, accent-free)
keys made at the first filter, so typing a filter stays instant with thousands of articles.

Two densities: two lines per article with a rule between them, or `compact`, one line
each (flags, date, source, title, as newsboat lists them). Lines never wrap: a line
longer than the list is cut with an ellipsis, so every row's height is known unmeasured.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from rich.cells import cell_len, set_cell_size
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.core.model import Article
from reader.core.ordering import ordered
from reader.tui.textual_private import reuse_option
from reader.tui.widgets.fixed_rows import FixedRows, Prompt
from reader.tui.widgets.safe import clean, plain

UNREAD_MARK = "●"
STAR_MARK = "★"
SEPARATOR = " · "
DETAILS = "dim"  # the details line: checked for contrast on the list and on its cursor row

VIEWS: tuple[str, ...] = ("all", "unread", "starred", "annotated", "orphans")
TAG_VIEW = "tag:"
FEED_VIEW = "feed:"
DATE_WIDTH = 12  # "12 Mar 2025", "added 12 Mar"
SOURCE_WIDTH = 18
RECENT_DAYS = 300  # an added day shown without its year stays unambiguous


def format_date(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def list_date(article: Article, today: date | None = None) -> str:
    """The one-line list's date: the published day, or for an undated article the day it
    was added, said as such (it sorts by it, but it is not the article's date)."""
    if article.published:
        return format_date(article.published)
    added = article.added.date()
    if ((today or date.today()) - added).days < RECENT_DAYS:  # the day and month say it
        return f"added {added.day} {added:%b}"
    return f"added {added.year}"


def fold(text: str) -> str:
    """`text` for matching: case-folded, accents dropped ("Élan" -> "elan")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _fit_details(head: str, tags: list[str], flags: int, width: int | None) -> tuple[str, list[str]]:
    """The details and tags cut so that the line, with its `flags` marks, fits `width`: the
    tags go first (cut with "…"), then the details; the star and unread marks always show."""
    if width is None:
        return head, tags
    tail = flags * (len(SEPARATOR) + 1)
    tags_text = " ".join(tags)
    if cell_len(head) + (len(SEPARATOR) + cell_len(tags_text) if tags else 0) + tail <= width:
        return head, tags
    room = width - cell_len(head) - tail - len(SEPARATOR)
    if tags and room >= 3:  # "#a…" at least
        return head, [set_cell_size(tags_text, room - 1).rstrip() + "…"]
    room = width - tail
    return (set_cell_size(head, max(room - 1, 0)).rstrip() + "…" if room > 1 else ""), []


def article_prompt(article: Article, notes: int = 0, width: int | None = None) -> Content:
    """Two lines: the title, then source · author · date · minutes · notes · #tags · star · unread
    mark. At `width`, the tags are cut (then the details) so the star and unread marks show."""
    title = " ".join(article.title.split()) or "(untitled)"  # one line: the row's height is fixed
    details = [
        clean(" ".join(part.split()))
        for part in (article.source, article.author)
        if part and part.strip()
    ]
    details.append(format_date(article.published) if article.published else f"added {format_date(article.added.date())}")
    details.append(f"{article.reading_time} min")
    if notes:
        details.append(f"{notes} note" if notes == 1 else f"{notes} notes")
    head, tags = _fit_details(SEPARATOR.join(details), [f"#{tag}" for tag in article.tags],
                              article.starred + (not article.read), width)
    parts: list[str | Content | tuple[str, str]] = [
        plain(title, "bold" if not article.read else ""),
        "\n",
        (head, DETAILS),
    ]
    if tags:
        parts.append((SEPARATOR, DETAILS))
        for index, tag in enumerate(tags):
            if index:
                parts.append(" ")
            parts.append(plain(tag, "$secondary"))
    if article.starred:
        parts += [(SEPARATOR, DETAILS), (STAR_MARK, "$warning")]
    if not article.read:
        parts += [(SEPARATOR, DETAILS), (UNREAD_MARK, "$accent")]
    return Content.assemble(*parts, strip_control_codes=False)


def fitted(text: str, width: int) -> str:
    """`text` padded or cut (with "…") to exactly `width` characters."""
    return text.ljust(width) if len(text) <= width else text[: width - 1] + "…"


def compact_prompt(article: Article, notes: int = 0) -> Content:
    """One line: unread and star marks, date, source, title, then notes and #tags."""
    parts: list[str | Content | tuple[str, str]] = [
        (UNREAD_MARK, "$accent") if not article.read else " ",
        (STAR_MARK, "$warning") if article.starred else " ",
        " ",
        (list_date(article).rjust(DATE_WIDTH), DETAILS),
        "  ",
        plain(fitted(" ".join((article.source or "").split()), SOURCE_WIDTH), DETAILS),
        "  ",
        plain(" ".join(article.title.split()) or "(untitled)", "bold" if not article.read else ""),
    ]
    if notes:
        parts.append((f"{SEPARATOR}{notes} note{'s' * (notes != 1)}", DETAILS))
    if article.tags:
        parts.append(" ")
        parts.append(plain(" ".join(f"#{tag}" for tag in article.tags), "$secondary"))
    return Content.assemble(*parts, strip_control_codes=False)


def _two_lines(row: Row, width: int | None = None) -> Content:
    return article_prompt(row.article, row.notes, width)


def _one_line(row: Row) -> Content:
    return compact_prompt(row.article, row.notes)


@dataclass
class Row:
    """One article, the counts it is shown and sorted with, and its options (two lines, one
    line), each made the first time it is listed and drawn the first time it is seen."""

    article: Article
    notes: int
    orphans: int = 0  # notes a refresh could not place
    options: dict[bool, Option] = field(default_factory=dict)  # compact? -> its option
    _key: str | None = None

    @property
    def key(self) -> str:
        """Folded title, source, author and #tags: what the plain word filter matches."""
        if self._key is None:
            article = self.article
            searchable = [article.title, article.source or "", article.author or "", *(f"#{t}" for t in article.tags)]
            self._key = fold("\n".join(searchable))
        return self._key

    def option_for(self, compact: bool) -> Option:
        if compact not in self.options:
            self.options[compact] = Option(Prompt(_one_line if compact else _two_lines, self, sized=not compact),
                                            id=self.article.id)
        return self.options[compact]


def _row(article: Article, notes: int, orphans: int = 0) -> Row:
    return Row(article, notes, orphans)


def _sorted(rows: list[Row], sort: str) -> list[Row]:
    return ordered(rows, sort, lambda row: row.article, lambda row: row.notes)


def in_view(row: Row, view: str) -> bool:
    article = row.article
    if view == "unread":
        return not article.read
    if view == "starred":
        return article.starred
    if view == "annotated":
        return row.notes > 0
    if view == "orphans":
        return row.orphans > 0
    if view.startswith(TAG_VIEW):
        return view[len(TAG_VIEW) :] in article.tags
    if view.startswith(FEED_VIEW):
        return article.feed == view[len(FEED_VIEW) :]
    return True


class ArticleList(FixedRows):
    """Articles, filtered and sorted; Enter or a click asks to open the highlighted one."""

    ROW_HEIGHT = 2  # two lines and a rule below all but the last; compact: one line

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
        self._rows: list[Row] = []
        self._orders: dict[str, list[Row]] = {}
        self._shown: list[Row] = []
        self.filter_text = ""
        # The ids the search index chose for `filter_text`; None: match the words against the rows.
        self.filter_matches: frozenset[str] | None = None
        self.filter_view = "all"
        self.sort_by = "date"
        self.compact = False

    # -- data ---------------------------------------------------------------------------

    def show(
        self, articles: list[Article], note_counts: dict[str, int], orphan_counts: dict[str, int] | None = None
    ) -> None:
        """Replace the rows, keeping the highlight on the same article if it is still here.

        The list is read again on every return from an article: a row whose article and
        counts are unchanged is kept as it was (its options and drawn prompt with it), so a
        return makes one new row, not 2,000, and the sorted orders stay when nothing moved."""
        orphans = orphan_counts or {}
        before = {row.article.id: row for row in self._rows}
        rows: list[Row] = []
        for article in articles:
            notes, lost = note_counts.get(article.id, 0), orphans.get(article.id, 0)
            kept = before.get(article.id)
            if kept is None or kept.notes != notes or kept.orphans != lost or kept.article != article:
                kept = _row(article, notes, lost)
            rows.append(kept)
        if len(rows) != len(self._rows) or any(new is not old for new, old in zip(rows, self._rows)):
            self._orders = {}
        self._rows = rows
        self._apply(keep_place=True)

    def set_compact(self, compact: bool) -> None:
        """One line per article, or two; the highlighted article stays highlighted."""
        self.compact = compact
        self.ROW_HEIGHT = 1 if compact else 2
        self.set_class(compact, "-compact")
        self._apply()

    def arrange(
        self,
        *,
        query: str | None = None,
        view: str | None = None,
        sort: str | None = None,
        matches: frozenset[str] | None | bool = False,
    ) -> None:
        """Change the text filter, the side-panel view and/or the sort, and redraw.

        `matches` (the article ids a search chose for `query`) replaces the plain word match;
        None goes back to it; left out, it stays as it was unless `query` changes.
        """
        if query is not None:
            if query != self.filter_text and matches is False:
                self.filter_matches = None
            self.filter_text = query
        if matches is not False:
            self.filter_matches = matches  # type: ignore[assignment]
        if view is not None:
            self.filter_view = view
        if sort is not None:
            self.sort_by = sort
        self._apply()

    @property
    def articles(self) -> list[Article]:
        """Every article given to `show()`, in the library's order."""
        return [row.article for row in self._rows]

    @property
    def note_counts(self) -> dict[str, int]:
        return {row.article.id: row.notes for row in self._rows}

    @property
    def shown_ids(self) -> list[str]:
        """The ids of the articles on the list now, top to bottom."""
        return [row.article.id for row in self._shown]

    @property
    def total(self) -> int:
        return len(self._rows)

    def matching_in_all(self) -> int:
        """How many articles the filter's words match in the whole library, whatever the view."""
        matching = self._filter_match()
        return sum(1 for row in self._rows if matching(row))

    def _filter_match(self) -> Callable[[Row], bool]:
        """Whether a row matches the filter: the ids a search chose, else all the filter's words."""
        words, matches = fold(self.filter_text).split(), self.filter_matches
        if matches is not None:
            return lambda row: row.article.id in matches
        return lambda row: all(word in row.key for word in words)

    def _apply(self, *, keep_place: bool = False) -> None:
        """Choose and draw the rows. The highlighted article stays highlighted; if it left the
        list, the highlight goes to the top, or with `keep_place` (the same rows, read again:
        an article just marked read left the Unread view) to the row that took its place."""
        current = self.highlighted_article_id
        place = self.highlighted or 0
        if self.sort_by not in self._orders:
            self._orders[self.sort_by] = _sorted(self._rows, self.sort_by)
        matching = self._filter_match()
        view = self.filter_view
        self._shown = [
            row for row in self._orders[self.sort_by] if (view == "all" or in_view(row, view)) and matching(row)
        ]
        options: list[Option | None] = []
        for row in self._shown:
            if options and not self.compact:
                options.append(None)  # a separator line between articles
            options.append(reuse_option(row.option_for(self.compact)))  # rows are reused
        self.set_options(options)
        ids = self.shown_ids
        if current in ids:
            self.highlighted = ids.index(current)
        elif ids:
            self.highlighted = min(place, len(ids) - 1) if keep_place else 0

    @property
    def highlighted_article(self) -> Article | None:
        index = self.highlighted
        return self._shown[index].article if index is not None and 0 <= index < len(self._shown) else None

    def next_unread(self) -> str | None:
        """The first unread article below the highlighted one, wrapping to the top; None if none."""
        shown = self._shown
        start = (self.highlighted + 1) if self.highlighted is not None else 0
        for step in range(len(shown)):
            row = shown[(start + step) % len(shown)]
            if not row.article.read:
                return row.article.id
        return None

    def highlight_article(self, article_id: str | None) -> None:
        """Move the highlight to an article, if it is on the list (after reading with [ and ])."""
        ids = self.shown_ids
        if article_id in ids:
            self.highlighted = ids.index(article_id)

    # -- events -------------------------------------------------------------------------

    @property
    def highlighted_article_id(self) -> str | None:
        option = self.highlighted_option
        return option.id if option is not None else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Opened(event.option.id))
