"""`t`: tag a whole article in a small modal with one autocompleting input.

The modal returns the normalized tag list (empty clears all tags) or None on cancel;
the screen that opened it stores the result.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.tui.widgets.safe import plain
from reader.tui.widgets.typed import after_typed_keys
from reader.tui.widgets.tag_input import TagInput


class TagsEditor(ModalScreen[list[str] | None]):
    """Edit the tags of the article titled `title` (shown literally)."""

    DEFAULT_CSS = """
    TagsEditor { align: center middle; }
    TagsEditor > #tags-box {
        width: 72; max-width: 95%; height: auto;
        border: round $primary; background: $surface; padding: 0 1;
    }
    TagsEditor #tags-title { text-style: bold; margin-bottom: 1; }
    TagsEditor #tags-hint { color: $text-muted; }
    """
    BINDINGS = [
        # Priority so Enter saves from the input instead of being its submit key.
        Binding("enter", "save", "Save", priority=True, id="tags.save", tooltip="Save these tags"),
        Binding("escape", "cancel", "Cancel", id="tags.cancel", tooltip="Close without saving"),
    ]
    AUTO_FOCUS = "#tags"

    def __init__(self, title: str, tags: Sequence[str], known_tags: Sequence[str] = ()) -> None:
        super().__init__()
        self.article_title = title
        self.initial_tags = tuple(tags)
        self.known_tags = tuple(known_tags)

    def compose(self) -> ComposeResult:
        with Vertical(id="tags-box") as box:
            box.border_title = "Tag article"
            # The title is written by a stranger: a Static of plain Content, never markup.
            yield Static(plain(self.article_title), id="tags-title", markup=False)
            yield TagInput(self.initial_tags, self.known_tags, id="tags")
            yield Static(
                "enter save · esc cancel · → accepts a suggestion · empty clears all tags",
                id="tags-hint",
                markup=False,
            )

    def action_save(self) -> None:
        after_typed_keys(self, lambda: self.dismiss(self.query_one("#tags", TagInput).tags))

    def action_cancel(self) -> None:
        self.dismiss(None)
