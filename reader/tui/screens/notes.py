"""The Notes screen: search every note as you type, in the query language of `reader.core.search`.

Layout: the query Input (focused), a status line ("12 notes", or the parse error with a
caret under the spot, or "did you mean"), the results, and on the right the tags of the
results with counts (choosing one adds `tag:x`). Enter on a result opens its article with
the passage selected and in view. A malformed query never crashes: the last good results
stay on screen under the message.

Saved searches are note searches: `ctrl+s` keeps the query under a name; the library's
side panel lists them with their counts and runs them here.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Static

from reader.core.store import Library, LibraryError
from reader.tui.widgets.safe import clean
from reader.tui.messages import IndexReady, LibraryChanged
from reader.tui.navigation import open_article
from reader.tui.state.outside import OutsideChanges
from reader.tui.screens.note_changes import delete_note, edit_note, stored_note
from reader.tui.widgets.typed import after_typed_keys
from reader.tui.widgets.bars import KeyBar, TitleBar
from reader.tui.widgets.note_results import NoteResults, TagFacets

LIMIT = 200


def plural(count: int, word: str = "note") -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


class SaveSearch(ModalScreen[str | None]):
    """Ask for a saved search's name; Enter keeps it, Escape cancels."""

    DEFAULT_CSS = """
    SaveSearch {
        align: center middle;
    }
    SaveSearch > Vertical {
        width: 60;
        height: auto;
        border: round $accent;
        padding: 0 1;
        background: $surface;
    }
    SaveSearch #save-hint {
        color: $text-muted;
    }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="notes.save_cancel", tooltip="Do not save the search")]
    AUTO_FOCUS = "#save-name"

    def __init__(self, query: str) -> None:
        super().__init__()
        self.query_text = query

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content("Save this search as:"), markup=False)
            yield Input(value=clean(self.query_text), id="save-name", compact=True)
            yield Static(Content(f"Query: {clean(self.query_text)}\nenter save · esc cancel"), id="save-hint")

    @on(Input.Submitted, "#save-name")
    def submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class NotesScreen(Screen[None]):
    """Every note, searched as you type."""

    AUTO_FOCUS = "#query"

    DEFAULT_CSS = """
    NotesScreen #notes-body {
        height: 1fr;
    }
    NotesScreen #notes-main {
        width: 1fr;
    }
    NotesScreen #query {
        margin: 0 1;
    }
    NotesScreen #status {
        height: auto;
        padding: 0 2;
        color: $text-muted;
    }
    NotesScreen #status.-error {
        color: $error;
    }
    NotesScreen NoteResults {
        height: 1fr;
        border: none;
        padding: 0 1;
        background: $background;
    }
    NotesScreen NoteResults:focus {
        border: none;
    }
    NotesScreen NoteResults > .option-list--option {
        padding: 0 1;
    }
    NotesScreen #facets {
        width: 28;
        height: 1fr;
        border-left: vkey $foreground 15%;
    }
    NotesScreen TagFacets {
        width: 100%;
        height: 1fr;
        border: none;
        background: $background;
    }
    NotesScreen TagFacets:focus {
        border: none;
    }
    NotesScreen #facets:focus-within {
        border-left: vkey $accent;
    }
    NotesScreen #facets-title {
        padding: 0 1;
        color: $text-muted;
    }
    """

    BINDINGS = [
        Binding("escape", "back", "Back", id="notes.back", tooltip="Back to where you were"),
        Binding("ctrl+s", "save", "Save search", id="notes.save", priority=True,
                tooltip="Keep this query as a saved search (shown in the library's side panel)"),
        Binding("down", "focus_results", "Results", id="notes.results", show=False,
                tooltip="Move from the query to the results"),
        Binding("e", "edit_note", "Edit note", id="notes.edit",
                tooltip="Edit the highlighted note: its text, tags and colour (z undoes)"),
        Binding("d", "delete_note", "Delete note", id="notes.delete",
                tooltip="Delete the highlighted note (z brings it back)"),
    ]

    def __init__(self, library: Library, query: str = "") -> None:
        super().__init__()
        self.library = library
        self.initial_query = query
        self.last_good: Any | None = None  # the last SearchResult shown
        self._shown_at: tuple[int, int, str] | None = None  # (index, its generation, query) of the results on screen
        self.outside = OutsideChanges(self, library, self.follow_outside_changes,
                                      ready=lambda: self.search.index is not None)  # a build under way: looked at once done
        self.error = ""

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="notes-body"):
            with Vertical(id="notes-main"):
                yield Input(
                    value=clean(self.initial_query),
                    placeholder="Search notes: words, \"a phrase\", tag:x, person:rubio, since:7d, -word, a OR b",
                    id="query",
                    select_on_focus=False,  # back from the results, typing goes on after the query
                )
                yield Static("", id="status", markup=False)
                yield NoteResults(id="results")
            with Vertical(id="facets"):
                yield Static("Tags (enter adds tag:x)", id="facets-title", markup=False)
                yield TagFacets(id="tags")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = "Notes"
        if self.search.ready:  # the index is built already (an earlier search): results at once
            self.run_query()
        self.outside.seen()  # before the index reads the library
        self.outside.start()

    def follow_outside_changes(self) -> None:
        """A note another process kept (`reader note`, a sync, a second app) is found by the
        open query (`OutsideChanges`: a stat of the library every two seconds while this screen shows)."""
        self.on_screen_resume()  # the index re-reads what changed; the query runs again if it did

    def select_query(self) -> None:
        """Opened again: the query focused and selected, so typing starts a new one."""
        if self.is_mounted:
            field = self.query_one("#query", Input)
            self.set_focus(field)
            field.select_all()

    def set_query(self, query: str) -> None:
        """Search for `query` (a saved search) from now on."""
        if self.is_mounted:
            self.query_one("#query", Input).value = clean(query)  # Input.Changed runs it
        else:
            self.initial_query = query

    def on_screen_resume(self) -> None:
        """First show, and every return from an article (a note may have been added there)."""
        self.search.refresh()
        index = self.search.index
        if index is not None and self._shown_at == (id(index), index.generation, self.query_text):
            return  # nothing changed since these results were shown: they and the place in them stay
        self.run_query()

    @property
    def search(self) -> Any:
        return self.app.search  # type: ignore[attr-defined]

    @property
    def query_text(self) -> str:
        return self.query_one("#query", Input).value

    # -- searching ------------------------------------------------------------------------

    def run_query(self, *_: object) -> None:
        index = self.search.request()
        if index is None:
            self._status("Building the search index…" if not self.search.error else self.search.error)
            return
        self._search(index)

    def on_index_ready(self, message: IndexReady) -> None:
        self._search(message.index)

    def _search(self, index: Any) -> None:
        from reader.core.search.hints import said_besides
        from reader.core.search.query import QueryError

        text = self.query_text
        try:
            result = index.search(text if text.strip() else None, limit=LIMIT)
        except QueryError as error:
            self.error = error.message
            kept = "\n(the notes below are still those of the last query that worked)" if self.last_good else ""
            self._status(f"{error.message}\n{error.pointer(text)}{kept}", error=True)
            return
        self.error = ""
        self.last_good = result
        did_you_mean, hints = said_besides(text, result.suggestions)
        # A new query starts at its best match; the same one again (back from an article) keeps the place.
        same_query = self._shown_at is not None and self._shown_at[2] == text
        self.query_one(NoteResults).show(result.hits, keep_highlight=same_query)
        self._shown_at = (id(index), index.generation, text)
        self.query_one(TagFacets).show(result.tag_counts)
        status = plural(result.total)
        if result.total > len(result.hits):
            status += f" (first {len(result.hits)} shown)"
        damaged = [path for path in self.library.unreadable if path.parent == self.library.layout.notes]
        if not result.total:
            status = "No notes match." if text.strip() or damaged else "No notes yet: select a passage in an article and press a."
            if did_you_mean:
                status += " " + did_you_mean
        status += "".join(f"\n{hint}" for hint in hints)
        if damaged:  # their notes are not gone: say where they are
            files = f"{len(damaged)} notes file{'s' * (len(damaged) != 1)}"
            status += f"\n{files} could not be read, so their notes are not listed: `reader doctor` can restore them."
        self._status(status)

    def _status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#status", Static)
        status.set_class(error, "-error")
        status.update(Content(clean(text)))

    @on(Input.Changed, "#query")
    def query_changed(self) -> None:
        self.run_query()

    @on(Input.Submitted, "#query")
    def query_submitted(self) -> None:
        self.action_focus_results()

    @on(TagFacets.Chosen)
    def tag_chosen(self, event: TagFacets.Chosen) -> None:
        field = self.query_one("#query", Input)
        term = f"tag:{event.tag}" if " " not in event.tag else f'tag:"{event.tag}"'
        if term not in field.value.split():
            field.value = f"{field.value.rstrip()} {term}".strip()  # Input.Changed runs the query
        field.cursor_position = len(field.value)

    # -- opening a note -------------------------------------------------------------------

    @on(NoteResults.Opened)
    async def open_hit(self, event: NoteResults.Opened) -> None:
        hit = event.hit
        article_id = getattr(hit, "article_id", None) or hit.id
        try:
            annotation = next((a for a in self.library.annotations(article_id) if a.id == hit.id), None)
        except LibraryError as error:
            self.notify(str(error), title="Cannot open the note", severity="error", markup=False)
            self.run_query()
            return
        neighbours: list[str] = []
        for result in self.query_one(NoteResults).hits:
            ident = getattr(result, "article_id", None) or result.id
            if ident not in neighbours:
                neighbours.append(ident)
        span = (annotation.selector.start, annotation.selector.end) if annotation is not None else None
        if await open_article(self.app, self.library, article_id, neighbours, span=span) is None:
            self.run_query()

    # -- changing a note ------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit_note", "delete_note"):
            return self.query_one(NoteResults).has_focus  # keys of the results, not of the query
        return True

    def _highlighted_note(self) -> Any | None:
        hit = self.query_one(NoteResults).highlighted_hit
        return stored_note(self, self.library, hit) if hit is not None else None

    def action_edit_note(self) -> None:
        if (annotation := self._highlighted_note()) is not None:
            edit_note(self, self.library, annotation, self._changed)

    def action_delete_note(self) -> None:
        if (annotation := self._highlighted_note()) is not None:
            delete_note(self, self.library, annotation, self._changed)

    def _changed(self) -> None:
        """A note changed here or was put back (`z`): the results searched again, the place kept."""
        self.search.refresh()
        self.run_query()

    def on_library_changed(self, message: LibraryChanged) -> None:
        if self.is_mounted:
            self._changed()

    # -- actions --------------------------------------------------------------------------

    def action_focus_results(self) -> None:
        results = self.query_one(NoteResults)
        if results.option_count:
            self.set_focus(results)

    def action_focus_query(self) -> None:
        self.set_focus(self.query_one("#query", Input))

    def on_note_results_left_at_top(self, _message: NoteResults.LeftAtTop) -> None:
        """Up from the first result: back to typing, after the query."""
        field = self.query_one("#query", Input)
        field.focus()
        field.action_end()

    def action_back(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        after_typed_keys(self, self._save)

    def _save(self) -> None:
        text = self.query_text.strip()
        if not text:
            self.notify("Type a query first", timeout=3)
            return
        if self.error:
            self.notify(f"Fix the query first: {self.error}", timeout=4, markup=False)
            return

        def named(name: str | None) -> None:
            if not name:
                return
            try:
                self.library.save_search(name, text)
            except (LibraryError, ValueError) as error:
                self.notify(str(error), title="The search was not saved", severity="error", markup=False)
                return
            self.notify(f"Saved search {clean(name)!r}: it is in the library's side panel", timeout=3, markup=False)

        self.app.push_screen(SaveSearch(text), named)
