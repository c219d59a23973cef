"""The Entities screen: every person, place and organisation across the library.

Opened from anywhere with the app's "app.entities" key (ctrl+n, "names"). Rows are
grouped by type ("People (12)", ...); each shows the name in its type's colour and how
many articles, mentions, quotes and notes it has. Typing in the filter narrows the
list (case and accents do not matter); Enter opens the entity's page.

Merging duplicates the analyser split ("Zelenskyy" / "Zelensky"): `space` marks rows,
`m` merges the marked ones into the highlighted one after a question that says what
becomes what (screens/entity_merge.py). The merge is the ledger's (`Ledger.merge`, as
`reader entity X --merge-into Y`), which stores it, so it persists and applies to
articles added later. `s` splits a name joined into the highlighted entity
(automatically, as "Blair" into "Tony Blair", or by a merge) back out, for good
(`Ledger.split`). `z` takes a merge or a split back.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, Static

from reader.core.store import Library, LibraryError
from reader.tui.widgets.safe import clean
from reader.tui.messages import LedgerReady, LibraryChanged
from reader.tui.screens.entity_merge import ConfirmMerge, alias_undo
from reader.tui.screens.entity_split import ChooseSplit
from reader.tui.state.outside import OutsideChanges
from reader.tui.state.undo import Change
from reader.tui.widgets.bars import KeyBar, TitleBar
from reader.tui.screens.entities_filter import match_keys
from reader.tui.widgets.entity_rows import EntityRows, fold


PAGE_SCREEN = "entity-page"  # the installed entity page screen, shown again for each entity
PREFETCH_AFTER = 0.15  # seconds the highlight rests on a row before its page is read ahead


class EntitiesScreen(Screen[None]):
    """Every entity, grouped by type, filtered as you type."""

    AUTO_FOCUS = "#entity-filter"

    DEFAULT_CSS = """
    EntitiesScreen #entity-filter {
        margin: 0 1;
    }
    EntitiesScreen #entity-status {
        height: auto;
        padding: 0 2;
        color: $text-muted;
    }
    EntitiesScreen EntityRows {
        height: 1fr;
        border: none;
        padding: 0 1;
        background: $background;
    }
    EntitiesScreen EntityRows:focus {
        border: none;
    }
    EntitiesScreen EntityRows > .option-list--option-disabled {
        color: $text;
    }
    """

    BINDINGS = [
        Binding("escape", "back", "Back", id="entities.back", tooltip="Back to where you were"),
        Binding("slash", "focus_filter", "Filter", id="entities.filter", tooltip="Type to narrow the list"),
        Binding("down", "focus_rows", "Entities", id="entities.rows", show=False,
                tooltip="Move from the filter to the list"),
        Binding("s", "split", "Split", id="entities.split",
                tooltip="Keep a name joined into this entity apart from it"),
    ]

    def __init__(self, library: Library, query: str = "") -> None:
        super().__init__()
        self.library = library
        self.initial_query = query
        self.all: list[Any] = []  # every summary, as the ledger gave them
        self._shown: object = None  # the ledger's summaries list now on screen (same object: nothing to redo)
        self._folded: list[str] | None = None  # their names (and joined names) folded for the filter, made when first needed
        self._ready_page: Any = None  # the highlighted entity's page, read while the user looked at the row
        self._prefetch: Timer | None = None
        # `reader entity X --merge-into Y`, a note or an article added elsewhere: the list follows.
        self.outside = OutsideChanges(self, library, self.follow_outside_changes,
                                      ready=lambda: self.state.ledger is not None)

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical(id="entities-main"):
            yield Input(
                value=clean(self.initial_query),
                placeholder="Filter names (enter opens the first; space marks a name and moves down, m merges)",
                id="entity-filter",
            )
            yield Static("", id="entity-status", markup=False)
            yield EntityRows(id="entity-rows")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = "Entities"
        self.outside.start()
        if self.state.ready:  # the ledger is built already (related articles, a read-ahead): rows at once
            self.load()

    def on_screen_resume(self) -> None:
        """First show, and every return from a page or an article (a note or a merge may have changed counts)."""
        self.outside.seen()
        self.state.refresh()
        self.load()

    @property
    def state(self) -> Any:
        return self.app.entities  # type: ignore[attr-defined]

    @property
    def rows(self) -> EntityRows:
        return self.query_one(EntityRows)

    @property
    def filter_text(self) -> str:
        return self.query_one("#entity-filter", Input).value

    # -- the list ---------------------------------------------------------------------------

    def load(self) -> None:
        ledger = self.state.request()
        if ledger is None:
            self._status(self.state.error or "Gathering the names in your library…")
            return
        self._show(ledger)

    def on_ledger_ready(self, message: LedgerReady) -> None:
        self._show(message.ledger)

    def _show(self, ledger: Any, keep: str | None = None) -> None:
        self._ready_page = None  # the ledger may have changed under it
        summaries = ledger.summaries()
        if summaries is self._shown and keep is None:
            return  # the app keeps this screen: reopening it with nothing changed redraws nothing
        self._shown = summaries
        self.all = list(summaries)
        self._folded = None
        self.apply_filter(keep=keep)

    def apply_filter(self, keep: str | None = None) -> None:
        wanted = fold(self.filter_text.strip())
        if wanted:
            if self._folded is None:  # names and the names joined into them (Tories: Conservative Party)
                self._folded = match_keys(self.all, self.state.ledger)
            shown = [summary for summary, name in zip(self.all, self._folded) if wanted in name]
        else:
            shown = self.all
        self.rows.show(shown, keep=keep, built=None if wanted else self.state.rows_for(self._shown))
        self._count(len(shown), filtered=bool(wanted))

    def _count(self, shown: int, *, filtered: bool) -> None:
        """The status line: how many names are listed (of how many) and how many are marked."""
        if not self.all:
            self._status("No names yet: open an article so its people, places and organisations are found.")
        elif not shown:
            self._status("No name matches the filter.")
        else:
            status = f"{shown} entity" if shown == 1 else f"{shown} entities"
            if filtered:
                status += f" of {len(self.all)}"
            if marked := self.rows.marked:
                status += f" · {len(marked)} marked: m merges them into the highlighted name, esc unmarks"
            self._status(status)

    def _status(self, text: str) -> None:
        self.query_one("#entity-status", Static).update(Content(clean(text)))

    @on(Input.Changed, "#entity-filter")
    def filter_changed(self) -> None:
        if self.state.ready:
            self.apply_filter()

    @on(Input.Submitted, "#entity-filter")
    def filter_submitted(self) -> None:
        name = self.rows.highlighted_name
        if name is not None:
            self.open(name)

    # -- opening and merging ----------------------------------------------------------------

    @on(EntityRows.Opened)
    def opened(self, event: EntityRows.Opened) -> None:
        self.open(event.name)

    @on(EntityRows.OptionHighlighted)
    def highlighted(self) -> None:
        """Read the highlighted entity's page once the highlight rests, so Enter shows it at once."""
        if self._prefetch is not None:
            self._prefetch.stop()
        self._prefetch = self.set_timer(PREFETCH_AFTER, self._read_ahead)

    def _read_ahead(self) -> None:
        name, ledger = self.rows.highlighted_name, self.state.ledger
        if name is None or ledger is None or self.app.screen is not self:
            return
        if self._ready_page is None or self._ready_page.name != name:
            try:
                self._ready_page = ledger.page(name)
            except (KeyError, LibraryError):
                self._ready_page = None  # opening it will say why
                return
        self._page_screen(self._ready_page, start=True)

    def _page_screen(self, page: Any, *, start: bool = False) -> Any:
        """The app's one entity page screen (made with `page` the first time)."""
        from reader.tui.screens.entity_page import EntityPageScreen

        return self.app.installed(PAGE_SCREEN, lambda: EntityPageScreen(self.library, page), start=start)

    def open(self, name: str) -> None:
        from reader.tui.screens.entity_page import EntityPageScreen

        ledger = self.state.ledger
        if ledger is None:
            return
        page = self._ready_page
        if page is None or page.name != name:
            try:
                page = ledger.page(name)
            except (KeyError, LibraryError) as error:
                self.notify(str(error), title="Cannot open the entity", severity="error", markup=False)
                return
        screen = self._page_screen(page)
        if screen in self.app.screen_stack:
            screen = EntityPageScreen(self.library, page)  # a second page on the stack is a screen of its own
        elif screen.page is not page:
            screen.show(page)
        self.app.push_screen(screen)

    @on(EntityRows.MarksChanged)
    def marks_changed(self) -> None:
        self._count(len(self.rows.summaries), filtered=bool(self.filter_text.strip()))

    @on(EntityRows.MergeAsked)
    def merge_asked(self, event: EntityRows.MergeAsked) -> None:
        if not event.names:
            hint = ("Now move to the name to keep them under and press m" if self.rows.marked else
                    "Mark the names to merge with space first, then highlight the one to keep and press m")
            self.notify(hint, timeout=4, markup=False)
            return
        names, into = event.names, event.into

        def answered(yes: bool | None) -> None:
            if yes:
                self.merge(names, into)

        self.app.push_screen(ConfirmMerge(names, into), answered)

    def merge(self, names: list[str], into: str) -> None:
        """The merge `reader entity NAME --merge-into TARGET` makes (`Ledger.merge`), remembered for `z`."""
        ledger = self.state.ledger
        if ledger is None:
            return
        try:
            before = self.library.aliases()
            ledger.merge(self.library, names, into)
            revert = alias_undo(self.library, ledger, before)
        except (KeyError, ValueError, LibraryError) as error:
            self.notify(str(error), title="The names were not merged", severity="error", markup=False)
            return
        said = " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
        self.app.undo.remember(Change(f"merged {said} into {into}", revert))  # type: ignore[attr-defined]
        self.rows.marked = []
        self._show(ledger, keep=into)
        self.notify(clean(f"{said} {'is' if len(names) == 1 else 'are'} now {into} (z undoes)"),
                    title="Merged", timeout=4, markup=False)

    def action_split(self) -> None:
        ledger, name = self.state.ledger, self.rows.highlighted_name
        if ledger is None or name is None:
            return
        try:
            joined = [n for n in ledger.page(name).aliases if ledger.joined_into(n) == name]
        except (KeyError, LibraryError) as error:
            self.notify(str(error), title="Cannot split", severity="error", markup=False)
            return
        if not joined:
            self.notify(clean(f"No other name is joined into {name}"), timeout=3, markup=False)
            return

        def answered(spelling: str | None) -> None:
            if spelling:
                self.split(spelling, name)

        self.app.push_screen(ChooseSplit(name, joined), answered)

    def split(self, spelling: str, entity: str) -> None:
        ledger = self.state.ledger
        if ledger is None:
            return
        try:
            before = self.library.aliases()
            left = ledger.split(self.library, spelling)
            revert = alias_undo(self.library, ledger, before)
        except (ValueError, LibraryError) as error:
            self.notify(str(error), title="The name was not split", severity="error", markup=False)
            return
        self._show(ledger, keep=entity)
        if left is not None:
            self.app.undo.remember(Change(f"kept {spelling} apart from {left}", revert))  # type: ignore[attr-defined]
            self.notify(clean(f"Kept {spelling} apart from {left} (z undoes)"), timeout=3, markup=False)

    def on_library_changed(self, message: LibraryChanged) -> None:
        """An undo (of a merge, a split or a note) may change names and counts: the list again."""
        self.follow_outside_changes()

    def follow_outside_changes(self) -> None:
        """Names and counts again after a change the list does not show yet (an undo here, or
        another process: `OutsideChanges`), the highlight kept on its name if it is still listed."""
        ledger = self.state.ledger
        if ledger is not None and self.is_mounted:
            self.state.refresh()
            self._show(ledger, keep=self.rows.highlighted_name)

    # -- actions ----------------------------------------------------------------------------

    def action_focus_rows(self) -> None:
        if self.rows.highlighted_summary is not None:
            self.set_focus(self.rows)

    def action_focus_filter(self) -> None:
        self.set_focus(self.query_one("#entity-filter", Input))

    def set_filter(self, text: str) -> None:
        """Filter on `text` from now on (the name an article's panel showed)."""
        if self.is_mounted:
            self.query_one("#entity-filter", Input).value = clean(text)  # Input.Changed filters
        else:
            self.initial_query = text

    def select_filter(self) -> None:
        """Opened again: the filter focused and selected, so typing starts a new one (Enter
        and the arrows still act on the old)."""
        if self.is_mounted:
            field = self.query_one("#entity-filter", Input)
            self.set_focus(field)
            field.select_all()

    def action_back(self) -> None:
        """One step back: the marks, then from the list to the filter, then out of the screen."""
        if self.rows.has_focus and self.rows.marked:
            self.rows.marked = []
            self.apply_filter()
        elif self.rows.has_focus:
            self.action_focus_filter()
        else:
            self.app.pop_screen()  # not dismiss: the app keeps this screen installed for next time
