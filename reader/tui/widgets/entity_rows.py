"""Rows of the Entities screen, an entity's page and the related-articles list.

Pure row builders plus thin `FixedRows` lists (which draw only the rows on screen, so the
thousands of entities of a big library cost nothing to show). Every name, title,
source, quote and note is a stranger's or the user's text: it goes into `Content` as
plain text through `reader.tui.widgets.safe`, never as markup. Type colours come from
`reader.tui.widgets.layers.ENTITY_STYLES`, so a name has the same colour here as in the article.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Collection, Iterable, Sequence
from functools import partial
from typing import Any

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.core.model import ENTITY_LABELS, ENTITY_TYPES
from reader.tui.widgets.layers import ENTITY_STYLES, QUOTE_STYLE
from reader.tui.widgets.safe import clean, plain
from reader.tui.widgets.fixed_rows import FixedRows, Prompt
from reader.tui.widgets.note_results import format_day
from reader.tui.widgets.note_text import note_preview
from reader.core.quotemarks import excerpt, quoted

SEPARATOR = " · "
NAME_WIDTH = 32
MIN_NAME_WIDTH = 12
MARK = "●"
# The keys every list of these screens moves with, besides the arrows, Home and End.
MOVE_KEYS = [
    Binding("j", "cursor_down", "Down", show=False, tooltip="Next row"),
    Binding("k", "cursor_up", "Up", show=False, tooltip="Previous row"),
    Binding("g", "first", "First", show=False, tooltip="First row"),
    Binding("G", "last", "Last", show=False, tooltip="Last row"),
]


def fold(text: str) -> str:
    """`text` for matching: accents dropped, case folded ("Zelenskyy" ~ "ZELENSKYY", "Mélenchon" ~ "melenchon")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def type_style(kind: str) -> str:
    return ENTITY_STYLES.get(kind, ENTITY_STYLES["MISC"])


def type_label(kind: str) -> str:
    return ENTITY_LABELS.get(kind, kind)  # type: ignore[call-overload,no-any-return]


def counts_text(summary: Any) -> str:
    """`4 articles · 12 mentions · 3 quotes · 1 note`, without the quotes or notes it has none of."""
    counts = [plural(summary.articles, "article"), plural(summary.mentions, "mention")]
    counts += [plural(n, word) for n, word in ((summary.quotes, "quote"), (summary.notes, "note")) if n]
    return SEPARATOR.join(counts)


def entity_row(summary: Any, *, marked: bool = False, width: int = NAME_WIDTH) -> Content:
    """`● Volodymyr Zelensky      4 articles · 12 mentions · 3 quotes · 1 note`."""
    name = " ".join(clean(summary.name).split()) or "(no name)"
    if len(name) > width:
        name = name[: width - 1] + "…"
    return Content.assemble(
        (MARK, "bold $accent") if marked else " ",
        " ",
        plain(name, type_style(summary.type)),
        " " * (width - len(name) + 2),
        (counts_text(summary), "dim"),
        strip_control_codes=False,
    )


def heading_row(kind: str, count: int) -> Content:
    return Content.styled(f"{type_label(kind)} ({count})", "bold")


def grouped(summaries: Iterable[Any]) -> list[tuple[str, list[Any]]]:
    """The summaries by type, in the order of ENTITY_TYPES (unknown types last), each group's order kept."""
    groups: dict[str, list[Any]] = {}
    for summary in summaries:
        groups.setdefault(summary.type, []).append(summary)
    order = {kind: index for index, kind in enumerate(ENTITY_TYPES)}
    return sorted(groups.items(), key=lambda item: (order.get(item[0], len(order)), item[0]))  # type: ignore[arg-type]


def dated(refs: Iterable[Any]) -> bool:
    """Whether any of the articles has a date (else their rows need no date column)."""
    return any(format_day(getattr(ref, "date", None)) for ref in refs)


def article_row(ref: Any, *, width: int = 70, dates: bool = True) -> Content:
    """`12 Mar 2025 · BBC News · Title`: an undated article's date column is blank, without
    its separator; a list of undated articles only (`dates=False`) has no date column."""
    parts: list[Content | str | tuple[str, str]] = []
    if dates:
        day = format_day(getattr(ref, "date", None))
        parts.append((f"{day:<11}{SEPARATOR}" if day else " " * (11 + len(SEPARATOR)), "dim"))
    source = getattr(ref, "source", None)
    if source:
        parts += [plain(excerpt(source, 24), "$text-muted"), (SEPARATOR, "dim")]
    parts.append(plain(excerpt(getattr(ref, "title", "") or "(untitled)", width)))
    return Content.assemble(*parts, strip_control_codes=False)


def quote_row(quote: Any, *, width: int = 90) -> Content:
    """Two lines: date · source · title, then “the quote” (a partial quote says so)."""
    first: list[Content | str | tuple[str, str]] = []
    day = format_day(getattr(quote, "date", None))
    if day:
        first += [(day, "dim"), (SEPARATOR, "dim")]
    if source := getattr(quote, "source", None):
        first += [plain(excerpt(source, 24), "$text-muted"), (SEPARATOR, "dim")]
    first.append(plain(excerpt(getattr(quote, "title", "") or "(untitled)", 60), "$text-muted"))
    second: list[Content | str | tuple[str, str]] = ["  ", plain(quoted(quote.text, width), QUOTE_STYLE)]
    if getattr(quote, "partial", False):
        second.append((" (partial)", "dim"))
    return Content.assemble(*first, "\n", *second, strip_control_codes=False)


def note_row(annotation: Any, title: str = "", *, width: int = 90) -> Content:
    """Two lines: “the passage”, then the note's first line (or "highlight") · the article's title."""
    color = annotation.color if annotation.color in range(1, 6) else 1
    first = note_preview(annotation.note, most=1, width=60, style="bold")  # fixed two-line rows
    second: list[Content | str | tuple[str, str]] = ["  "]
    second.append(first if first.plain else ("highlight", "dim italic"))
    if title:
        second += [(SEPARATOR, "dim"), plain(excerpt(title, 50), "$text-muted")]
    return Content.assemble(
        ("█", f"$hl-{color}"), " ", plain(quoted(annotation.quote, width)), "\n", *second,
        strip_control_codes=False,
    )


def related_row(ref: Any, score: float, *, dates: bool = True) -> Content:
    return Content.assemble(article_row(ref, width=60, dates=dates), (f"{SEPARATOR}{score:.2f}", "dim"),
                            strip_control_codes=False)


def entity_options(summaries: Iterable[Any], marked: Collection[str] = ()) -> tuple[list[Any], list[Option]]:
    """The Entities list's rows (a summary, or None for a type's heading) and one cheap `Option` each.

    No option ids and no prompt built here (thousands of rows); no widget either, so the
    app can make the whole library's in the thread that builds the ledger.
    """
    rows: list[Any] = []
    options: list[Option] = []
    groups = grouped(summaries)
    # The counts start after the longest name shown (up to NAME_WIDTH), so they fit at 80 columns.
    longest = max((len(" ".join(s.name.split())) for _kind, group in groups for s in group), default=0)
    build = partial(entity_row, width=max(min(longest, NAME_WIDTH), MIN_NAME_WIDTH))
    for kind, group in groups:
        options.append(Option(heading_row(kind, len(group)), disabled=True))
        rows.append(None)
        options.extend([Option(Prompt(build, summary, summary.name in marked)) for summary in group])
        rows.extend(group)
    return rows, options


class EntityRows(FixedRows):
    """Every entity, grouped by type under disabled headings; `space` marks rows, `m` merges them."""

    BINDINGS = [
        *MOVE_KEYS,
        Binding("space", "toggle_mark", "Mark ↓", id="entities.mark",
                tooltip="Mark (or unmark) this entity to merge it, and move down to the next name"),
        Binding("m", "merge", "Merge marked", id="entities.merge",
                tooltip="Merge the marked entities into the highlighted one"),
    ]

    class Opened(Message):
        def __init__(self, name: str) -> None:
            super().__init__()
            self.name = name

    class MarksChanged(Message):
        """A row was marked or unmarked (the screen's status counts them)."""

    class MergeAsked(Message):
        def __init__(self, names: list[str], into: str) -> None:
            super().__init__()
            self.names = names
            self.into = into

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.rows: list[Any] = []  # per option: its summary, or None for a heading
        self.marked: list[str] = []  # names, in the order they were marked

    @property
    def summaries(self) -> list[Any]:
        return [row for row in self.rows if row is not None]

    def show(
        self, summaries: Sequence[Any], *, keep: str | None = None, built: tuple[list[Any], list[Option]] | None = None
    ) -> None:
        """Show `summaries` grouped by type; the highlight stays on `keep` (a name) or the current row.

        `built` is `entity_options(summaries)` made beforehand (the app makes the whole
        library's off the UI thread); it is used only when no row is marked.
        """
        current = keep if keep is not None else self.highlighted_name
        marked = set(self.marked)
        rows, options = built if built is not None and not marked else entity_options(summaries, marked)
        self.rows = rows
        if marked:
            names = {summary.name for summary in self.summaries}
            self.marked = [name for name in self.marked if name in names]
        self.set_options(options)
        target = self._option_index(current) if current is not None else None
        if target is None:
            target = next((i for i, row in enumerate(rows) if row is not None), None)
        self.highlighted = target

    def _option_index(self, name: str) -> int | None:
        return next((i for i, row in enumerate(self.rows) if row is not None and row.name == name), None)

    @property
    def highlighted_summary(self) -> Any | None:
        index = self.highlighted
        return self.rows[index] if index is not None and 0 <= index < len(self.rows) else None

    @property
    def highlighted_name(self) -> str | None:
        summary = self.highlighted_summary
        return summary.name if summary is not None else None

    def row_texts(self) -> list[str]:
        """The rows as plain text (tests, and the help of a screen reader)."""
        return [str(self.get_option_at_index(i).prompt) for i in range(self.option_count)]

    def action_toggle_mark(self) -> None:
        summary = self.highlighted_summary
        if summary is None:
            return
        if summary.name in self.marked:
            self.marked.remove(summary.name)
        else:
            self.marked.append(summary.name)
        assert self.highlighted is not None
        build = self.get_option_at_index(self.highlighted).prompt.build  # the list's name column
        self.replace_option_prompt_at_index(self.highlighted, Prompt(build, summary, summary.name in self.marked))
        if any(row is not None for row in self.rows[self.highlighted + 1 :]):
            self.action_cursor_down()  # to the next name, never round to the top
        self.post_message(self.MarksChanged())

    def action_merge(self) -> None:
        into = self.highlighted_name
        if into is None:
            return
        self.post_message(self.MergeAsked([name for name in self.marked if name != into], into))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        summary = self.highlighted_summary
        if summary is not None:
            self.post_message(self.Opened(summary.name))


class ItemList(FixedRows):
    """A list of things (articles, quotes, notes) where Enter asks to open the chosen one."""

    DEFAULT_CSS = """
    ItemList > .option-list--option-disabled {
        color: $text-muted;
    }
    """
    BINDINGS = MOVE_KEYS

    class Opened(Message):
        def __init__(self, item: Any, source: ItemList) -> None:
            super().__init__()
            self.item = item
            self.source = source

        @property
        def control(self) -> ItemList:
            return self.source

    def __init__(self, *, id: str | None = None, empty: str = "Nothing here", row_height: int = 1) -> None:
        super().__init__(id=id, markup=False)
        self.items: list[Any] = []
        self.empty = empty
        self.ROW_HEIGHT = row_height

    def show(self, items: Sequence[Any], build: Callable[[Any], Content], *, top: bool = False) -> None:
        """Show `items`, each drawn by `build(item)` (ROW_HEIGHT lines) when it comes into view;
        the highlight stays on the same row number if there still is one, or goes to the `top`."""
        was = None if top else self.highlighted
        self.items = list(items)
        options = [Option(Prompt(build, item), id=str(index)) for index, item in enumerate(self.items)]
        if not options:
            options.append(Option(Content.styled(self.empty, "italic"), disabled=True))
        self.set_options(options)
        if not self.items:
            self.highlighted = None
        else:
            self.highlighted = was if was is not None and was < len(self.items) else 0

    @property
    def highlighted_item(self) -> Any | None:
        option = self.highlighted_option
        if option is None or option.id is None:
            return None
        return self.items[int(option.id)]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Opened(self.items[int(event.option.id)], self))


class QuoteRows(ItemList):
    """Quotes by the entity; `h` keeps the highlighted one as a highlight on its article."""

    BINDINGS = [
        Binding("h", "keep_quote", "Keep as highlight", id="entity.keep_quote",
                tooltip="Save the highlighted quote as a highlight on its article"),
    ]

    class Keep(Message):
        def __init__(self, quote: Any) -> None:
            super().__init__()
            self.quote = quote

    def action_keep_quote(self) -> None:
        if (quote := self.highlighted_item) is not None:
            self.post_message(self.Keep(quote))
