"""`?`: every key that works on the screen underneath, with what it does."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Static


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 72; max-height: 80%; border: round $primary; background: $surface; padding: 0 1; }
    HelpScreen DataTable { height: auto; }
    """
    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close", id="help.close")]

    def __init__(self, underneath: Screen) -> None:
        super().__init__()
        self.underneath = underneath

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static("Keys", classes="help-title", markup=False)
            yield DataTable(cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("key", "does", "id")
        seen: set[str] = set()
        # Ours first (they have ids), then Textual's own scrolling and focus keys.
        bindings = sorted(self.underneath.active_bindings.values(), key=lambda active: not active.binding.id)
        for active in bindings:
            binding = active.binding
            if binding.id in seen or binding.action == "dismiss":
                continue
            seen.add(binding.id or binding.key)
            label = binding.description or binding.action
            table.add_row(self.app.get_key_display(binding), label, binding.id or "")
        table.focus()
