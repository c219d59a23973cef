"""A yes/no question over the screen: what is about to happen, `y`/Enter does it, `n`/Esc does not.

Merging names and dropping a typed note both ask first; the question says what would be
done and the hint line which keys answer.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.tui.widgets.bars import KeyBar


class Ask(ModalScreen[bool]):
    """Asks `question`; dismissed with True for `y`/Enter, False for `n`/Escape."""

    DEFAULT_CSS = """
    Ask {
        align: center middle;
    }
    Ask > Vertical {
        width: 70;
        max-width: 95%;
        height: auto;
        border: round $accent;
        padding: 0 1;
        background: $surface;
    }
    Ask #ask-hint {
        color: $text-muted;
        margin-top: 1;
    }
    """
    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes", id="ask.yes", tooltip="Yes, do it"),
        Binding("n,escape", "answer(False)", "No", id="ask.no", tooltip="No, go back"),
    ]

    def __init__(self, question: Content | str, hint: str) -> None:
        super().__init__()
        self.question = question
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, id="ask-question", markup=False)
            yield Static(Content(self.hint), id="ask-hint")
        yield KeyBar()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(bool(yes))
