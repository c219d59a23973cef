"""The annotation editor: a modal for a highlight's note, tags and colour.

The article screen opens it with a `NoteDraft` and gets back an `EditorResult` (or
None when the user cancels), so the screen, not the editor, talks to the library. A
screen that passes `keep` has the save made while the editor is still open: when it
fails, the editor stays with everything typed and says why, so no typed note is lost.
Everything the user or an article wrote (quote, note, tags) is drawn as plain text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Label, Static, TextArea

from reader.core.model import COLORS
from reader.tui.screens.ask import Ask
from reader.tui.textual_private import show_toasts_everywhere
from reader.tui.widgets.bars import KeyBar
from reader.tui.widgets.safe import clean, plain
from reader.tui.widgets.typed import after_typed_keys
from reader.tui.widgets.tag_input import TagInput


@dataclass(frozen=True)
class NoteDraft:
    """What the editor starts from: a new selection or a saved annotation."""

    quote: str  # the highlighted passage, shown literally
    note: str = ""  # Markdown
    tags: tuple[str, ...] = ()
    color: int = 1  # 1..5
    existing: bool = False  # editing a saved annotation: offer Delete


@dataclass(frozen=True)
class EditorResult:
    """What the user chose; the caller stores it."""

    action: Literal["save", "delete"]
    note: str
    tags: list[str]  # normalized with reader.core.model.normalize_tags
    color: int


Keep = Callable[[EditorResult], "str | None"]
"""Saves what the editor holds; the reason, said to the user, when it could not."""

NOT_SAVED_HELP = "Your text is still here: select it and ctrl+c copies it, or fix that and press ctrl+s again."

SWATCH_WIDTH = 5  # cells per swatch, including the gap after it
SHORT_SCREEN = 32  # rows below which the editor's full layout would push its buttons off screen


class ColorChooser(Widget, can_focus=True):
    """Five swatches in the theme's highlight colours; the chosen one is ticked.

    A single focusable widget (not five buttons) so Tab passes over the colours in one
    step; digits 1-5, left/right and clicks change it.
    """

    DEFAULT_CSS = """
    ColorChooser { width: auto; height: 1; padding: 0 1; }
    ColorChooser:focus { background: $primary 40%; }
    """
    BINDINGS = [
        Binding("left", "step(-1)", "Previous colour", show=False, id="editor.color-previous"),
        Binding("right", "step(1)", "Next colour", show=False, id="editor.color-next"),
        *(
            Binding(str(n), f"choose({n})", f"Colour {n}", show=False, id=f"editor.color-{n}")
            for n in COLORS
        ),
    ]

    value: reactive[int] = reactive(1)

    class Changed(Message):
        """The chosen colour changed (so the editor can tint the quote)."""

        def __init__(self, chooser: ColorChooser, value: int) -> None:
            super().__init__()
            self.chooser = chooser
            self.value = value

    def __init__(self, value: int = 1, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(ColorChooser.value, value if value in COLORS else COLORS[0])

    def render(self) -> Content:
        parts: list[Content] = []
        for n in COLORS:
            mark = "✔" if n == self.value else " "
            style = f"bold #000000 on $hl-{n}" if n == self.value else f"#000000 on $hl-{n}"
            parts.append(Content.styled(f"{mark}{n}  ", style))
            parts.append(Content(" "))
        return Content("").join(parts[:-1])

    def watch_value(self, value: int) -> None:
        self.post_message(self.Changed(self, value))

    def action_step(self, delta: int) -> None:
        self.value = (self.value - 1 + delta) % len(COLORS) + 1

    def action_choose(self, n: int) -> None:
        if n in COLORS:
            self.value = n

    def on_click(self, event: events.Click) -> None:
        index = (event.x - 1) // SWATCH_WIDTH  # the 1 is the left padding
        if 0 <= index < len(COLORS):
            self.value = COLORS[index]


class NoteEditor(ModalScreen[EditorResult | None]):
    """New or saved highlight: quote (read-only), Markdown note, tags, colour."""

    DEFAULT_CSS = """
    NoteEditor { align: center middle; }
    NoteEditor > #editor-box {
        width: 84; max-width: 95%; height: auto; max-height: 95%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    NoteEditor #quote-box {
        height: auto; max-height: 6; margin-bottom: 1;
        border-left: thick $hl-1; padding-left: 1;
    }
    NoteEditor #quote-box.-color-2 { border-left: thick $hl-2; }
    NoteEditor #quote-box.-color-3 { border-left: thick $hl-3; }
    NoteEditor #quote-box.-color-4 { border-left: thick $hl-4; }
    NoteEditor #quote-box.-color-5 { border-left: thick $hl-5; }
    NoteEditor #quote { color: $text-muted; text-style: italic; }
    NoteEditor .field-label { color: $text-muted; }
    NoteEditor #note { height: 8; }
    NoteEditor #color-row { height: 1; margin: 1 0; }
    NoteEditor #color-row > Label { width: 8; color: $text-muted; }
    NoteEditor #save-error { height: auto; max-height: 6; color: $error; display: none; }
    NoteEditor #save-error.-shown { display: block; }
    NoteEditor #buttons { height: auto; align-horizontal: right; }
    NoteEditor #buttons > Button { margin-left: 1; }
    /* A short terminal (80x24): a smaller note box and quote, so Save and Cancel stay on screen. */
    NoteEditor.-short #quote-box { max-height: 3; margin-bottom: 0; }
    NoteEditor.-short #note { height: 5; }
    NoteEditor.-short #color-row { margin: 0; }
    /* ... and a save that failed: its reason and the typed note matter more than the quote. */
    NoteEditor.-short.-not-saved #quote-box { display: none; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True, id="editor.save", tooltip="Save the highlight"),
        Binding("escape", "cancel", "Cancel", id="editor.cancel",
                tooltip="Close without saving (asks first when something was typed)"),
        # Priority: the keys typed after a Tab go to the field it moves to, even in a burst
        # (a paste, tmux send-keys) whose keys the note field had queued before it saw the Tab.
        Binding("tab", "app.focus_next", "Next field", show=False, priority=True, id="editor.next",
                tooltip="The next field: note, tags, colour, buttons"),
        Binding("shift+tab", "app.focus_previous", "Previous field", show=False, priority=True, id="editor.previous",
                tooltip="The previous field"),
        # Not priority: in the note and tags fields ctrl+d keeps deleting a character.
        Binding("ctrl+d", "delete", "Delete", id="editor.delete", tooltip="Delete this highlight"),
    ]
    AUTO_FOCUS = "#note"

    def __init__(self, draft: NoteDraft, known_tags: Sequence[str] = (), keep: Keep | None = None) -> None:
        super().__init__()
        self.draft = draft
        self.known_tags = tuple(known_tags)
        self.keep = keep

    def compose(self) -> ComposeResult:
        draft = self.draft
        # It scrolls (to the focused field: Tab brings each into view) where even the short
        # layout does not fit: at 40x12 Tags, Colour and Save were cut off, typed tags unseen.
        with VerticalScroll(id="editor-box", can_focus=False) as box:
            box.border_title = "Edit highlight" if draft.existing else "New highlight"
            with VerticalScroll(id="quote-box", can_focus=False, classes=f"-color-{draft.color}"):
                yield Static(plain(draft.quote), id="quote", markup=False)
            yield Label("Note (Markdown)", classes="field-label")
            # TextArea never parses markup; clean() keeps terminal controls out of it.
            yield TextArea(clean(draft.note), id="note", soft_wrap=True, tab_behavior="focus")
            yield Label("Tags", classes="field-label")
            yield TagInput(draft.tags, self.known_tags, id="tags")
            with Horizontal(id="color-row"):
                yield Label("Colour")
                yield ColorChooser(draft.color, id="color")
            yield Static("", id="save-error", markup=False)
            with Horizontal(id="buttons"):
                yield Button("Save", variant="primary", id="save")
                if draft.existing:
                    yield Button("Delete", variant="error", id="delete")
                yield Button("Cancel", id="cancel")
        yield KeyBar()

    def on_mount(self) -> None:
        note = self.query_one("#note", TextArea)
        note.move_cursor(note.document.end)  # a saved note is added to, not typed over at its start
        self.app.clear_notifications()  # a hint for the article ("Move the caret...") would sit on the editor's border
        show_toasts_everywhere(self.app)  # ... or on the article seen through the editor
        self.call_after_refresh(self._fit_quote)

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.height < SHORT_SCREEN, "-short")
        self.call_after_refresh(self._fit_quote)

    def _fit_quote(self) -> None:
        """The passage in the lines its box has; a longer one says it is cut: its last line
        ends "… (1,397 characters)" (it showed two lines of 1,397 characters with no sign)."""
        box = self.query_one("#quote-box")
        width = box.scrollable_content_region.width
        room = int(box.styles.max_height.value) if box.styles.max_height is not None else 0
        if width < 8 or room < 1:
            return
        lines = plain(self.draft.quote).wrap(width)
        if len(lines) <= room:
            shown = plain(self.draft.quote)
        else:
            suffix = f"… ({len(self.draft.quote):,} characters)"
            last = lines[room - 1].truncate(max(width - len(suffix), 0)).rstrip()
            shown = Content("\n").join([*(line.rstrip() for line in lines[: room - 1]), last + suffix])
        self.query_one("#quote", Static).update(shown)

    def on_color_chooser_changed(self, event: ColorChooser.Changed) -> None:
        box = self.query_one("#quote-box")
        for n in COLORS:
            box.set_class(n == event.value, f"-color-{n}")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        actions = {"save": self.action_save, "delete": self.action_delete, "cancel": self.action_cancel}
        if event.button.id in actions:
            actions[event.button.id]()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "delete" and not self.draft.existing:
            return None  # hidden: there is nothing saved to delete
        return True

    def _result(self, action: Literal["save", "delete"]) -> EditorResult:
        return EditorResult(
            action=action,
            note=self.query_one("#note", TextArea).text.strip(),
            tags=self.query_one("#tags", TagInput).tags,
            color=self.query_one("#color", ColorChooser).value,
        )

    def action_save(self) -> None:
        after_typed_keys(self, self._save)

    def _save(self) -> None:
        """Close with what was typed once it is kept; a save that fails leaves it all here."""
        result = self._result("save")
        problem = self.keep(result) if self.keep is not None else None
        if problem is None:
            self.dismiss(result)
            return
        shown = self.query_one("#save-error", Static)
        shown.update(plain(f"The note was not saved: {problem}\n{NOT_SAVED_HELP}"))
        shown.add_class("-shown")
        self.add_class("-not-saved")

    def action_delete(self) -> None:
        if self.draft.existing:
            after_typed_keys(self, lambda: self.dismiss(self._result("delete")))

    def action_cancel(self) -> None:
        """Close; typed words are never dropped by one stray Esc: ask first when anything changed."""
        if not self.changed():
            self.dismiss(None)
            return

        def answered(drop: bool | None) -> None:
            if drop:
                self.dismiss(None)

        question = "Drop this new highlight and what you typed?" if not self.draft.existing else "Drop your changes?"
        self.app.push_screen(Ask(question, "y drop it · n keep editing"), answered)

    def changed(self) -> bool:
        """Whether the note, tags or colour differ from what the editor opened with."""
        draft, now = self.draft, self._result("save")
        return (now.note != draft.note.strip() or tuple(now.tags) != tuple(draft.tags)
                or now.color != draft.color)
