"""The article screen's notes: keep a passage, edit or delete a note, each undone by `z`.

A mixin of `ArticleScreen`, kept apart so the screen stays one idea per file. A note
is acted on where the reader points: the one highlighted in the panel's Notes tab when
that tab is shown, else the one under the caret (or the selection). Every change is
remembered in the app's undo history (`reader.tui.state.undo`) right after it is saved.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.core.model import Annotation
from reader.core.store import LibraryError
from reader.core.store.errors import explained
from reader.tui.commands.keymap import key_for
from reader.tui.screens import note_changes
from reader.tui.screens.editor import EditorResult, NoteDraft, NoteEditor
from reader.tui.state.undo import Change

if TYPE_CHECKING:
    from reader.tui.screens.article import ArticleScreen


class NoteActions:
    """Keeping, editing and deleting the article's notes."""

    def action_keep(self: ArticleScreen, with_note: bool) -> None:
        """Keep the selected passage: at once as a highlight, or through the editor (which
        stays open, with what was typed, when the save fails)."""
        chosen = self.reading.selected_range()
        if chosen is None:
            visual = key_for(self, "article.visual")
            self.notify(f"Select a passage first: drag over it, or press {visual} at its start and move the caret",
                        timeout=4)
            return
        start, end = chosen
        if not with_note:
            try:
                self._add_note(start, end, None)
            except (LibraryError, ValueError) as error:
                self.notify(explained(error), title="The highlight was not kept", severity="error", markup=False)
            return

        def keep(result: EditorResult) -> str | None:
            try:
                self._add_note(start, end, result)
            except (LibraryError, ValueError) as error:
                return explained(error) if isinstance(error, LibraryError) else str(error)
            return None

        self.app.push_screen(NoteEditor(NoteDraft(self.text[start:end]), self._known_tags(), keep))

    def _add_note(self: ArticleScreen, start: int, end: int, result: EditorResult | None) -> None:
        """Store the passage (with the editor's note, tags and colour), remembered for `z`."""
        if result is None:
            kept = self.library.annotate(self.article.id, start, end)
        else:
            kept = self.library.annotate(
                self.article.id, start, end, note=result.note, tags=result.tags, color=result.color
            )
        kind = "note" if result and result.note.strip() else "highlight"
        self._remember(f"kept a {kind} on '{note_changes.short(kept.quote)}'", lambda: self.library.delete_annotation(kept),
                       lambda: self.library.restore_annotation(kept))
        self.reading.clear()
        if result is not None:  # a note saved: caret mode is done, the next v places it anew (the README's order)
            self.reading.drop_caret()
        self.load_annotations()
        self.notify("Note kept" if kind == "note" else "Highlight kept", timeout=2)

    def pointed_note(self: ArticleScreen) -> Annotation | None:
        """The note the reader points at: the Notes tab's highlighted one when the focus is in
        the panel; else the one under the selection or the caret; else the tab's, if shown."""
        panel = self.panel
        if panel.has_focus_within:
            return panel.current_note()
        caret = self.reading.caret
        at = self.reading.selected_range() or ((caret, caret) if caret is not None else None)
        if at is not None:
            start, end = at
            for annotation in self.annotations:
                selector = annotation.selector
                if annotation.anchor.state != "orphan" and selector.start <= end and start < selector.end:
                    return annotation
        return panel.current_note()

    def action_edit_note(self: ArticleScreen, index: int | None = None) -> None:
        """`e`, or a click on a highlight in the text (`@click`, with the note's index)."""
        if isinstance(index, int):
            if 0 <= index < len(self.annotations):
                self.edit_note(self.annotations[index])
        elif (note := self.pointed_note()) is not None:
            self.edit_note(note)
        else:
            self._no_note()

    def action_delete_note(self: ArticleScreen) -> None:
        if (note := self.pointed_note()) is not None:
            self.delete_note(note)
        else:
            self._no_note()

    def _no_note(self: ArticleScreen) -> None:
        self.notify(f"Put the caret on a highlight, or choose a note in the Notes tab "
                    f"({key_for(self, 'article.notes')})", timeout=4)

    def edit_note(self: ArticleScreen, annotation: Annotation) -> None:
        """Open a note in the editor to change or delete it (as the Notes screen does)."""
        note_changes.edit_note(self, self.library, annotation, self.load_annotations)

    def delete_note(self: ArticleScreen, annotation: Annotation) -> None:
        note_changes.delete_note(self, self.library, annotation, self.load_annotations)

    def _remember(self: ArticleScreen, label: str, revert: object, redo: object = None) -> None:
        """One change to this article, for the app's `z` (and, with `redo`, a second `z`)."""
        self.app.undo.remember(Change(label, revert, (self.article.id,), redo))  # type: ignore[attr-defined, arg-type]
