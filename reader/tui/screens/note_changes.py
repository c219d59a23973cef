"""Editing and deleting a note from a list of notes (the Notes screen, an entity's page),
each change remembered for the app's `z`.

The list shows a note as the search index or the ledger last saw it; the change is made
on the note as stored now (`Library.edit_annotation` changes only what the user changed),
and undone through the same calls. The screen passes `done`, which redraws its list.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen

from reader.core.model import Annotation
from reader.core.store import Library, LibraryError
from reader.core.store.errors import explained
from reader.tui.commands.keymap import key_for
from reader.tui.screens.editor import EditorResult, NoteDraft, NoteEditor
from reader.tui.state.undo import Change

Done = Callable[[], object]


def short(text: str, words: int = 6) -> str:
    """The first words of a passage, for an undo label ("deleted the note on 'Marco Rubio said…'")."""
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def stored_note(screen: Screen[Any], library: Library, shown: Any) -> Annotation | None:
    """The note a list row shows (a search hit or a ledger's note), as stored now; None, said, if gone."""
    article_id = getattr(shown, "article_id", None)
    try:
        found = next((a for a in library.annotations(article_id) if a.id == shown.id), None) if article_id else None
    except LibraryError as error:
        screen.notify(str(error), title="Cannot read the note", severity="error", markup=False)
        return None
    if found is None:
        screen.notify("That note is gone (deleted elsewhere?)", severity="warning", timeout=4)
    return found


def remember(
    screen: Screen[Any], label: str, revert: Callable[[], object], article_id: str, redo: Callable[[], object]
) -> None:
    screen.app.undo.remember(Change(label, revert, (article_id,), redo))  # type: ignore[attr-defined]


def edit_note(screen: Screen[Any], library: Library, annotation: Annotation, done: Done) -> None:
    """The note in the editor; saved (only what changed) or deleted as the user chooses. A save
    that fails leaves the editor open with what was typed (`NoteEditor`'s `keep`)."""
    draft = NoteDraft(annotation.quote, annotation.note, tuple(annotation.tags), annotation.color, existing=True)

    def keep(result: EditorResult) -> str | None:
        try:
            save_edit(screen, library, annotation, result)
        except LibraryError as error:
            return explained(error)
        done()
        screen.notify(f"Note saved ({key_for(screen, 'app.undo')} undoes)", timeout=2)
        return None

    def edited(result: EditorResult | None) -> None:
        if result is not None and result.action == "delete":
            delete_note(screen, library, annotation, done)

    screen.app.push_screen(NoteEditor(draft, known_tags(library), keep), edited)


def known_tags(library: Library) -> dict[str, int]:
    """The tags in use, for the editor's autocomplete (a convenience: none when unreadable)."""
    try:
        return library.tag_counts()
    except LibraryError:
        return {}


def save_edit(screen: Screen[Any], library: Library, annotation: Annotation, result: EditorResult) -> Annotation:
    """Store what the user changed in the editor and remember it for `z`.

    Only the fields this edit changed are written, and `z` (then `z` again) puts back only
    those, each only while it still holds what this edit (or its undo) left: a colour or a
    text another process changed meanwhile is never overwritten (a new user's colour 5,
    set by `reader note --edit`, came back as 4 after undoing a text edit)."""
    note = result.note if result.note != annotation.note else None
    color = result.color if result.color != annotation.color else None
    added = [t for t in result.tags if t not in annotation.tags]
    removed = [t for t in annotation.tags if t not in result.tags]
    saved = library.edit_annotation(annotation, note=note, add_tags=added, remove_tags=removed, color=color)
    before = {"note": annotation.note, "color": annotation.color}
    after = {"note": saved.note, "color": saved.color}
    changed = [name for name, given in (("note", note), ("color", color)) if given is not None]

    def revert() -> object:
        return _swap(library, annotation, {f: (after[f], before[f]) for f in changed}, removed, added)

    def redo() -> object:
        return _swap(library, annotation, {f: (before[f], after[f]) for f in changed}, added, removed)

    remember(screen, f"edited the note on '{short(annotation.quote)}'", revert, annotation.article_id, redo)
    return saved


def _swap(
    library: Library, annotation: Annotation, fields: dict[str, tuple[Any, Any]], add: list[str], remove: list[str]
) -> Annotation:
    """Set each field from its first value to its second, only where the note as stored now still
    holds the first (else another process changed it since: its value stays); tags as asked."""
    now = next((a for a in library.annotations(annotation.article_id) if a.id == annotation.id), annotation)
    wanted = {name: to for name, (was, to) in fields.items() if getattr(now, name) == was}
    return library.edit_annotation(annotation, note=wanted.get("note"), color=wanted.get("color"),
                                   add_tags=add, remove_tags=remove)


def delete_note(screen: Screen[Any], library: Library, annotation: Annotation, done: Done) -> None:
    try:
        gone = library.delete_annotation(annotation) or annotation
    except LibraryError as error:
        screen.notify(str(error), title="The note was not deleted", severity="error", markup=False)
        return
    remember(screen, f"deleted the note on '{short(gone.quote)}'", lambda: library.restore_annotation(gone),
             gone.article_id, lambda: library.delete_annotation(gone))
    done()
    screen.notify(f"Note deleted. Press {key_for(screen, 'app.undo')} to bring it back.", timeout=6)


def keep_highlight(screen: Screen[Any], library: Library, article_id: str, start: int, end: int) -> Annotation | None:
    """A plain highlight on a passage (a quote kept from an entity's page), undone by deleting it;
    None when it was not kept, because of an error or because that passage is kept already."""
    try:
        if any(a.selector.start == start and a.selector.end == end for a in library.annotations(article_id)):
            screen.notify("That passage is kept already", timeout=3)
            return None
        kept = library.annotate(article_id, start, end)
    except (LibraryError, ValueError) as error:
        screen.notify(str(error), title="The highlight was not kept", severity="error", markup=False)
        return None
    remember(screen, f"kept a highlight on '{short(kept.quote)}'", lambda: library.delete_annotation(kept), article_id,
             lambda: library.restore_annotation(kept))
    return kept
