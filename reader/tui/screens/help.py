"""`?`: every key that works on the screen underneath, with what it does.

A screen whose keys change with its state (the article's caret, its panel's focus) says
how they work now in its `help_text()`, shown above the table as plain text.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Static

COLUMNS = ("key", "does", "id")
GIVE_WAY = (1, 0, 2)  # when the screen is too narrow, the description is cut first, the id last
MIN_WIDTH = 6
TEXT_MIN_HEIGHT = 30  # rows of terminal below which the keys' table gets all the room
# Columns the box takes besides its cells' text: border 2, padding 2, the table's
# scrollbar 2, and one space each side of each of the three cells.
CHROME = 2 + 2 + 2 + 2 * len(COLUMNS)

Row = tuple[str, str, str]


def column_widths(rows: list[Row], budget: int) -> list[int]:
    """Each column as wide as its widest cell, the columns together at most `budget`:
    the ones that matter least give way first, none below MIN_WIDTH."""
    widths = [max([cell_len(title)] + [cell_len(row[i]) for row in rows]) for i, title in enumerate(COLUMNS)]
    excess = sum(widths) - budget
    for i in GIVE_WAY:
        cut = min(max(excess, 0), max(widths[i] - MIN_WIDTH, 0))
        widths[i] -= cut
        excess -= cut
    return widths


def fitted(text: str, width: int) -> str:
    """`text`, or its first cells and "…" when it is wider than `width`."""
    return text if cell_len(text) <= width else set_cell_size(text, width - 1) + "…"


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: auto; max-width: 100%; height: auto; max-height: 80%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    HelpScreen DataTable { height: auto; width: auto; }
    HelpScreen .help-text { dock: top; width: 100%; height: auto; color: $text-muted; padding-bottom: 1; }
    """
    BINDINGS = [
        Binding("escape,question_mark,q,f1", "dismiss", "Close", id="help.close"),
        # The list keys of every other screen move through this one too.
        Binding("j", "table('cursor_down')", "Down", id="help.down", show=False),
        Binding("k", "table('cursor_up')", "Up", id="help.up", show=False),
        Binding("g", "table('scroll_top')", "First", id="help.first", show=False),
        Binding("G", "table('scroll_bottom')", "Last", id="help.last", show=False),
        Binding("space", "table('page_down')", "Page down", id="help.page_down", show=False),
        Binding("b", "table('page_up')", "Page up", id="help.page_up", show=False),
    ]

    def __init__(self, underneath: Screen) -> None:
        super().__init__()
        self.underneath = underneath
        # Read now, while the screen underneath is still the current one: once this modal
        # screen is up, the app hides the keys a modal screen does not take (ctrl+f, ctrl+n).
        self.rows: list[Row] = self._live_keys()
        self.widths: list[int] = []

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static("Keys", classes="help-title", markup=False)
            if text := self.underneath_help():
                yield Static(text, classes="help-text", markup=False)
            yield DataTable(cursor_type="row", zebra_stripes=True)

    def action_table(self, action: str) -> None:
        getattr(self.query_one(DataTable), f"action_{action}")()
        if action == "scroll_top":  # the title above the table too
            self.query_one(VerticalScroll).scroll_home(animate=False)

    def underneath_help(self) -> str:
        """The screen underneath's own word on its keys as they work now (its `help_text()`), if it has one."""
        say = getattr(self.underneath, "help_text", None)
        text = say() if callable(say) else None
        return text if isinstance(text, str) else ""

    def on_mount(self) -> None:
        self._fill(self.app.size.width)
        self._show_text(self.app.size.height)
        self.query_one(DataTable).focus()

    def on_resize(self, event: events.Resize) -> None:
        self._fill(event.size.width)
        self._show_text(event.size.height)

    def _show_text(self, screen_height: int) -> None:
        """The screen's word on its keys, when there is room left for the table under it."""
        for text in self.query(".help-text"):
            text.display = screen_height >= TEXT_MIN_HEIGHT

    def _live_keys(self) -> list[Row]:
        """(key, what it does, id) of every key live on the screen underneath."""
        rows: list[Row] = []
        seen: set[str] = set()
        # Ours first (they have ids), then Textual's own scrolling and focus keys.
        bindings = sorted(self.underneath.active_bindings.values(), key=lambda active: not active.binding.id)
        for active in bindings:
            binding = active.binding
            if binding.id in seen or binding.action == "dismiss":
                continue
            if not binding.id and rows and rows[-1][2]:  # where reader's keys end and Textual's begin
                rows.append(("", "Textual's own keys:", ""))
            seen.add(binding.id or binding.key)
            rows.append((self.app.get_key_display(binding), binding.description or binding.action, binding.id or ""))
        return rows

    def _fill(self, screen_width: int) -> None:
        """(Re)build the table with columns that fit `screen_width` (ids in full if at all possible)."""
        widths = column_widths(self.rows, screen_width - CHROME)
        if widths == self.widths:
            return
        self.widths = widths
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        for title, width in zip(COLUMNS, widths):
            table.add_column(title, width=width)
        for cells in self.rows:  # Text, not str: a cell string would be parsed as markup
            table.add_row(*(Text(fitted(cell, width)) for cell, width in zip(cells, widths)))
        table.move_cursor(row=row)
