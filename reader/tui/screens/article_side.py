"""The article screen's side panel (entities, quotes, notes, links): shown, hidden, on which tab.

A mixin of `ArticleScreen`, kept apart so the screen stays one idea per file. The panel
sits beside the text when the terminal has room for both (PANEL_MIN_WIDTH), at the start
and as the terminal is resized; once the reader shows or hides it (`p`, a tab's key, a
click on a name) it stays as they chose, except that below PANEL_ROOM_WIDTH it is never
beside the text (at 40 columns the panel took all of it): it comes back on widening.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.widget import Widget

from reader.tui.widgets.article_panel import WIDTH as PANEL_WIDTH

if TYPE_CHECKING:
    from reader.tui.screens.article import ArticleScreen
    from reader.tui.widgets.article_panel import ArticlePanel

PANEL_MIN_WIDTH = 100  # columns: a 60-column text beside the 40-column panel
MIN_TEXT_COLUMNS = 30  # the narrowest text the panel may leave, even when the reader asks for it
PANEL_ROOM_WIDTH = PANEL_WIDTH + MIN_TEXT_COLUMNS  # below it the panel is never beside the text


def fit_beside(panel: Widget, width: int, main: Widget) -> bool:
    """Show a side panel when `width` columns leave room for it beside `main`, else hide it
    (the focus, if it was in the panel, going to `main`): the article's and the library's.
    Whether it changed."""
    wide = width >= PANEL_MIN_WIDTH
    if panel.display == wide:
        return False
    panel.display = wide
    if not wide and panel.has_focus_within:
        main.focus()
    return True


class PanelActions:
    """Showing the panel, its tabs and the mention being stepped through."""

    panel_by_hand: bool
    panel_chosen: bool  # shown or hidden by the reader's hand (when panel_by_hand)

    def on_resize(self: ArticleScreen, event: events.Resize) -> None:
        self.fit_panel(event.size.width)

    def entity_in_view(self: ArticleScreen) -> str | None:
        """The name the panel's Entities tab shows highlighted: ctrl+n opens the Entities
        screen on it."""
        return self.panel.current_entity() if self.panel.display else None

    def fit_panel(self: ArticleScreen, width: int) -> None:
        """Beside the text when there is room for both, unless the reader chose; never where
        the text would keep fewer than MIN_TEXT_COLUMNS."""
        if not self.panel_by_hand:
            if fit_beside(self.panel, width, self.reading):
                self.refresh_bindings()
            return
        show = self.panel_chosen and width >= PANEL_ROOM_WIDTH
        panel = self.panel
        if panel.display != show:
            panel.display = show
            if not show and panel.has_focus_within:
                self.reading.focus()
            self.refresh_bindings()

    def _choose_panel(self: ArticleScreen, shown: bool) -> None:
        """The reader shows or hides the panel: so it stays (where there is room for it)."""
        self.panel_by_hand, self.panel_chosen = True, shown
        self.fit_panel(self.size.width)
        if shown and not self.panel.display:
            self.notify(f"The panel needs {PANEL_ROOM_WIDTH} columns; this terminal has {self.size.width}.",
                        timeout=4)

    def action_show_entity(self: ArticleScreen, index: int) -> None:
        """A click on an entity: its mentions in the panel, counted from this one."""
        if self.analysis is None or not isinstance(index, int) or not 0 <= index < len(self.analysis.entities):
            return
        entity = self.analysis.entities[index]
        self.open_panel().show_entity(entity.name, at=entity.start)

    def open_panel(self: ArticleScreen) -> ArticlePanel:
        """The panel, shown; showing it is the reader's choice (it no longer follows the width)."""
        if not self.panel.display:
            self._choose_panel(True)
        return self.panel

    def action_toggle_panel(self: ArticleScreen) -> None:
        self._choose_panel(not self.panel.display)
        if not self.panel.display:
            self.reading.focus()

    def action_panel(self: ArticleScreen, tab: str) -> None:
        self.open_panel().show_tab(tab)  # type: ignore[arg-type]
        self.refresh_bindings()

    def action_mention(self: ArticleScreen, step: int) -> None:
        self.panel.step(step)
