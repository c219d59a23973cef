"""The article screen's side panel (entities, quotes, notes, links): shown, hidden, on which tab.

A mixin of `ArticleScreen`, kept apart so the screen stays one idea per file. The panel
sits beside the text when the terminal has room for both (PANEL_MIN_WIDTH), at the start
and as the terminal is resized; once the reader shows or hides it (`p`, a tab's key, a
click on a name) it stays as they chose.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.widget import Widget

if TYPE_CHECKING:
    from reader.tui.screens.article import ArticleScreen
    from reader.tui.widgets.article_panel import ArticlePanel

PANEL_MIN_WIDTH = 100  # columns: a 60-column text beside the 40-column panel


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

    def on_resize(self: ArticleScreen, event: events.Resize) -> None:
        self.fit_panel(event.size.width)

    def entity_in_view(self: ArticleScreen) -> str | None:
        """The name the panel's Entities tab shows highlighted: ctrl+n opens the Entities
        screen on it."""
        return self.panel.current_entity() if self.panel.display else None

    def fit_panel(self: ArticleScreen, width: int) -> None:
        """Beside the text when there is room for both, unless the reader chose."""
        if not self.panel_by_hand and fit_beside(self.panel, width, self.reading):
            self.refresh_bindings()

    def action_show_entity(self: ArticleScreen, index: int) -> None:
        """A click on an entity: its mentions in the panel, counted from this one."""
        if self.analysis is None or not isinstance(index, int) or not 0 <= index < len(self.analysis.entities):
            return
        entity = self.analysis.entities[index]
        self.open_panel().show_entity(entity.name, at=entity.start)

    def open_panel(self: ArticleScreen) -> ArticlePanel:
        """The panel, shown; showing it is the reader's choice (it no longer follows the width)."""
        panel = self.panel
        self.panel_by_hand |= not panel.display
        panel.display = True
        return panel

    def action_toggle_panel(self: ArticleScreen) -> None:
        panel = self.panel
        self.panel_by_hand = True
        panel.display = not panel.display
        if not panel.display:
            self.reading.focus()
        self.refresh_bindings()

    def action_panel(self: ArticleScreen, tab: str) -> None:
        self.open_panel().show_tab(tab)  # type: ignore[arg-type]
        self.refresh_bindings()

    def action_mention(self: ArticleScreen, step: int) -> None:
        self.panel.step(step)
