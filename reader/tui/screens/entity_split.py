"""Choosing which name joined into an entity to split back out (the Entities screen's `s`).

"Blair" joined into "Tony Blair" where the library decided the article meant him, or a
name the user merged: the entity's other names are listed, Enter keeps the highlighted
one apart for good (`Ledger.split`, done by the Entities screen), Escape does nothing.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static

from reader.tui.widgets.safe import plain


class ChooseSplit(ModalScreen[str | None]):
    """Which of the names joined into an entity to keep apart: Enter splits it, Escape does not."""

    DEFAULT_CSS = """
    ChooseSplit {
        align: center middle;
    }
    ChooseSplit > Vertical {
        width: 70;
        height: auto;
        max-height: 80%;
        border: round $accent;
        padding: 0 1;
        background: $surface;
    }
    ChooseSplit OptionList {
        height: auto;
        max-height: 16;
    }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="entities.split_no", tooltip="Split nothing"),
    ]

    def __init__(self, entity: str, names: list[str]) -> None:
        super().__init__()
        self.entity = entity
        self.names = names

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content.assemble(("Keep apart from ", "bold"), plain(f"“{self.entity}”", "bold"), "?",
                                          strip_control_codes=False), id="split-question")
            yield OptionList(*(plain(name) for name in self.names), id="split-names")
            yield Static(Content("enter splits the name out, for good · escape cancels"), id="split-hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected, "#split-names")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.names[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)
