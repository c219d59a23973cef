"""The Textual app: thin. It owns the Library, the themes and the screen stack.

Everything a screen shows comes from `reader.core`; the app only wires them together,
so later issues add screens, panels and commands without growing this file much.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import Any

from textual.app import App
from textual.binding import Binding
from textual.message import Message
from textual.screen import ModalScreen, Screen

from reader.core.paths import bundled
from reader.core.paths import config_dir as default_config_dir
from reader.core.settings import load_settings, save_settings
from reader.core.store import Library, LibraryError
from reader.tui.typeahead import TypeAhead
from reader.tui.commands.keymap import all_binding_ids, key_for, keymap_path, load_keymap, unknown_entries
from reader.tui.commands.palette import ReaderCommands
from reader.tui.messages import BuildFailed, FeedsRefreshed, IndexReady, LedgerReady, LibraryChanged, RelatedWanted
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.library import LibraryScreen
from reader.tui.state.entities import EntityState
from reader.tui.state.search import SearchState
from reader.tui.state.themes import APP_VARIABLES, DEFAULT_THEME, ThemeError, check_with_stylesheet, load_themes
from reader.tui.state.undo import UndoHistory
from reader.tui.textual_private import start_unseen


ENTITIES_SCREEN = "entities"
NOTES_SCREEN = "notes"


class ReaderApp(TypeAhead):
    """A terminal news reader over one Library."""

    TITLE = "reader"
    CSS_PATH = "app.tcss"
    # Screens say what takes focus; nothing is focused by accident (an Input first in
    # a later screen would otherwise swallow single-key bindings).
    AUTO_FOCUS = None
    # Textual's own commands (themes, keys, quit) stay; ours add every key of the screen.
    COMMANDS = App.COMMANDS | {ReaderCommands}
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True, tooltip="Quit reader"),
        Binding("question_mark,f1", "help", "Help", id="app.help", tooltip="Every key on this screen"),
        # ctrl+f: no screen uses it; priority so a focused Input (whose ctrl+f deletes a word) still opens
        # Notes. Not in the footer (the screens' own keys fill it); the help screen and the palette list it.
        Binding("ctrl+f", "notes", "Notes", id="app.notes", priority=True, show=False,
                tooltip="Search all your notes (the Notes screen)"),
        Binding("ctrl+e", "export_all", "Export all notes", id="app.export_all", show=False,
                tooltip="Write every article with notes as Markdown to the export folder"),
        # ctrl+n ("names"): free in every screen and in Input; priority so a focused filter still opens it.
        Binding("ctrl+n", "entities", "Entities", id="app.entities", priority=True, show=False,
                tooltip="Every person, place and organisation in the library (the Entities screen); from an "
                        "article, on the name its panel highlights"),
        # Not priority: a focused Input keeps the letter.
        Binding("z", "undo", "Undo", id="app.undo", show=False,
                tooltip="Take back the last change to tags, star, read state, a note or a merge"),
    ]

    def __init__(self, library: Library, *, config_dir: Path | None = None, read_ahead: float | None = None) -> None:
        super().__init__()
        self.library = library
        # Seconds after start-up before the search index and the entity ledger are built in
        # the background (benches that time a warm screen). None, the app's own: each is
        # built when first asked for (the filter focused, Notes, Entities, related), since
        # together they would more than double the memory of a reader who only reads.
        self.read_ahead = read_ahead
        self.search = SearchState(self, library)  # the search index, built the first time it is needed
        self.entities = EntityState(self, library)  # the entity ledger, built from it the first time it is needed
        self.undo = UndoHistory()  # the user's last change, for `z`
        self.config_dir = config_dir if config_dir is not None else default_config_dir()
        self.keymap_keys: dict[str, str] = {}  # the user's keymap.toml as applied
        self._bundled_themes = load_themes(bundled("themes"))
        self.reader_themes: list[str] = []  # reader's own themes, shipped and the user's: the palette offers each
        for theme in self._bundled_themes.themes:
            self.register_theme(theme)
            self.reader_themes.append(theme.name)
        self.settings = load_settings(self.config_dir)
        if DEFAULT_THEME in self.available_themes:  # else Textual's default, not a crash
            self.theme = DEFAULT_THEME

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return {**super().get_theme_variable_defaults(), **APP_VARIABLES}

    def on_mount(self) -> None:
        self._load_user_themes()
        self._load_keymap()
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self._import_seeds()
        self.push_screen(LibraryScreen(self.library))
        from reader.tui.state.sync import BackgroundSync  # with `reader sync --auto on` only

        self.background_sync = BackgroundSync(self, self.library)
        self.call_after_refresh(self.background_sync.start)
        self.call_after_refresh(self._import_screens)
        if self.read_ahead is not None:
            self.set_timer(self.read_ahead, self._read_ahead)

    def _import_screens(self) -> None:
        """Once the library shows: the other screens' modules imported in a thread, so the
        start does not wait for them and the first Enter does not either."""


        def imports() -> None:
            for module in ("reader.tui.screens.article", "reader.tui.screens.notes"):
                import_module(module)

        self.run_worker(imports, thread=True, group="imports", name="screen imports")
        if self.keymap_keys:
            self.run_worker(self._check_keymap_ids, thread=True, group="imports", name="keymap ids")

    def _check_keymap_ids(self) -> None:
        """Name the keymap's ids that no key has: known only once every screen's module is loaded."""
        path = keymap_path(self.config_dir)
        for problem in unknown_entries(self.keymap_keys, path, all_binding_ids(type(self))):
            self.call_from_thread(self.notify, problem, title="Keymap entry skipped", severity="warning",
                                  timeout=10, markup=False)

    def _load_user_themes(self) -> None:
        """Register the user's themes; a broken one is named in a notification and skipped."""
        loaded = load_themes(self.config_dir / "themes")
        problems = self._bundled_themes.problems + loaded.problems
        for theme in loaded.themes:
            try:
                check_with_stylesheet(theme, self.stylesheet, self.get_theme_variable_defaults())
            except ThemeError as error:
                problems.append(f"Theme file {loaded.paths[theme.name]} skipped: {error}")
            else:
                self.register_theme(theme)
                self.reader_themes.append(theme.name)
        for problem in problems:
            self.notify(problem, title="Theme skipped", severity="warning", timeout=10, markup=False)

    def _load_keymap(self) -> None:
        """Apply the user's keymap.toml; a broken entry is named in a notification and skipped."""
        keymap = load_keymap(self.config_dir)
        self.keymap_keys = keymap.keys
        self.set_keymap(keymap.keys)
        for problem in keymap.problems:
            self.notify(problem, title="Keymap entry skipped", severity="warning", timeout=10, markup=False)

    def _import_seeds(self) -> None:
        """A new user's empty library gets the bundled sample articles.

        The samples are a courtesy: if they cannot be imported the reader still starts.
        The ingest machinery is imported only when the library is empty.
        """
        try:
            # The article list kept beside the index (the one the library screen reads next),
            # not library.json parsed for its ids: ~30 ms and its records kept in memory.
            if self.library.articles():
                return
            from reader.core.seeds import import_seeds_if_empty

            import_seeds_if_empty(self.library)
        except Exception as error:  # noqa: BLE001 - never fail to start over the samples
            self.log.error("seed import failed", error)
            self.notify(
                f"{type(error).__name__}: {error}",
                title="Could not add the sample articles",
                severity="error",
                markup=False,
            )

    def watch_theme(self, theme: str) -> None:
        """Remember the user's choice; failing to is worth a word, not a crash."""
        if theme == self.settings.theme or not self.is_running:
            return
        self.settings.theme = theme
        try:
            save_settings(self.config_dir, self.settings)
        except LibraryError as error:
            self.notify(str(error), title="Theme not remembered", severity="warning", markup=False)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("notes", "entities") and isinstance(self.screen, ModalScreen):
            return False  # an editor or a question is open: its own keys first
        return True

    def action_notes(self) -> None:
        """The Notes screen, from anywhere; if it is open already, back to its query."""
        from reader.tui.screens.notes import NotesScreen

        if isinstance(self.screen, NotesScreen):
            self.screen.action_focus_query()
            return
        self.open_notes()

    def open_notes(self, query: str | None = None) -> None:
        """The app's one Notes screen (its last query kept, selected, so typing replaces it);
        `query` (a saved search) replaces the query."""
        from reader.tui.screens.notes import NotesScreen

        screen = self.installed(NOTES_SCREEN, lambda: NotesScreen(self.library))
        if query is not None:
            screen.set_query(query)
        screen.select_query()
        if not self.back_to(screen):
            self.push_screen(screen)

    def back_to(self, screen: Screen[Any]) -> bool:
        """Close the screens above `screen` (an article opened from it keeps its reading place),
        so Notes or Entities opened again from deeper down are the same screen, not a pile of
        them that Esc must climb down; False when `screen` is not open."""
        if screen not in self.screen_stack:
            return False
        while self.screen is not screen:
            save_position = getattr(self.screen, "save_position", None)
            if save_position is not None:
                save_position()
            self.pop_screen()
        return True

    def action_entities(self) -> None:
        """The Entities screen, from anywhere; if it is open already, back to its filter. From
        an article whose panel shows a name, it opens filtered on that name (Enter: its page)."""
        from reader.tui.screens.entities import EntitiesScreen

        if isinstance(self.screen, EntitiesScreen):
            self.screen.select_filter()
            return
        in_view = getattr(self.screen, "entity_in_view", None)
        name = in_view() if in_view is not None else None
        screen = self.installed(ENTITIES_SCREEN, lambda: EntitiesScreen(self.library))
        if name:
            screen.set_filter(name)
        screen.select_filter()
        if not self.back_to(screen):
            self.push_screen(ENTITIES_SCREEN)

    def installed(self, name: str, make: Callable[[], Screen[Any]], *, start: bool = False) -> Screen[Any]:
        """The screen installed as `name`, made by `make()` the first time; installed screens
        are kept when closed, so opening one again only lays it out and draws it.

        With `start`, a screen not yet shown is composed, laid out and drawn now, unseen,
        so even its first opening costs what a reopening costs (`textual_private.start_unseen`).
        """
        if not self.is_screen_installed(name):
            self.install_screen(make(), name)
        if start:
            start_unseen(self, name)
        return self.get_screen(name)

    def _read_ahead(self) -> None:
        """The search index and the ledger built (the ledger asks for the index first)."""
        self.entities.request()

    # -- what the background work says (reader.tui.messages) ------------------------------

    def running_screens(self) -> list[Screen[Any]]:
        """The screens that can hear a message: the stack, and installed screens made already."""
        screens = list(self.screen_stack)
        for name in (NOTES_SCREEN, ENTITIES_SCREEN):
            if self.is_screen_installed(name):
                screen = self.get_screen(name)
                if screen.is_running and screen not in screens:
                    screens.append(screen)
        return screens

    def tell_screens(self, make: Callable[[], Message]) -> None:
        """A fresh copy of a message (`make()`) to every running screen; those that care handle it."""
        for screen in self.running_screens():
            screen.post_message(make())

    def on_index_ready(self, message: IndexReady) -> None:
        self.entities.index_ready(message.index)
        self.tell_screens(lambda: IndexReady(message.index))

    def on_ledger_ready(self, message: LedgerReady) -> None:
        self.tell_screens(lambda: LedgerReady(message.ledger))

    def on_build_failed(self, message: BuildFailed) -> None:
        if message.build == self.search.name:
            self.entities.index_failed()

    def action_undo(self) -> None:
        try:
            change = self.undo.take_back()
        except LibraryError as error:
            self.notify(str(error), title="Cannot undo", severity="error", markup=False)
            return
        if change is None:
            self.notify("Nothing to undo", timeout=2)
            return
        again = f" ({key_for(self.screen, 'app.undo')} again redoes it)" if change.redo and not change.undone else ""
        self.notify(f"{'Redid' if change.undone else 'Undid'}: {change.label}{again}", timeout=4, markup=False)
        self.tell_screens(lambda: LibraryChanged(change.article_ids))

    def on_feeds_refreshed(self, message: FeedsRefreshed) -> None:
        self.tell_screens(lambda: FeedsRefreshed(message.reports))

    def on_related_wanted(self, message: RelatedWanted) -> None:
        from reader.tui.navigation import show_related

        show_related(message.screen)

    def action_export_all(self) -> None:
        from reader.tui.commands.export import export_notes

        export_notes(self, self.library)

    async def action_quit(self) -> None:
        """Keep the reading place of an open article, then quit."""
        for screen in self.screen_stack:
            save_position = getattr(screen, "save_position", None)  # an ArticleScreen's (imported on first use)
            if save_position is not None:
                save_position()
        await super().action_quit()


def run_app(library: Library) -> None:
    """Run the reader full-screen on `library` until the user quits."""
    ReaderApp(library).run()
