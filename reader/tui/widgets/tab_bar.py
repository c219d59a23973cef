"""The article panel's tab bar: the tab names on one line, the shown one underlined below.

Drawn as Textual's `Tabs` draws it (each name with a cell of padding either side, the
shown or hovered one in the foreground colour, the others muted; the underline bar of
`textual.renderables.bar.Bar` under the shown name), but as one widget: `Tabs` is
nine (a scroller, two rows, a widget per tab, the underline), a tenth of the time to
open an article for the same two lines. A click on a name shows that tab.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

PADDING = 1  # cells either side of a name, as Tab's `padding: 0 1`
BAR, HALF_LEFT, HALF_RIGHT = "━", "╺", "╸"


def underline(width: int, start: int, end: int, lit: RichStyle, dim: RichStyle) -> list[Segment]:
    """The bar under the names, [start, end) lit: what `Bar` draws for whole-cell ends."""
    if not 0 <= start < end <= width:
        return [Segment(BAR * width, dim)]
    segments = [Segment(BAR * max(start - 1, 0), dim)]
    if start > 0:
        segments.append(Segment(HALF_RIGHT, dim))
    segments.append(Segment(BAR * (end - start), lit))
    if end != width:
        segments.append(Segment(HALF_LEFT, dim))
    segments.append(Segment(BAR * max(width - end - 1, 0), dim))
    return [segment for segment in segments if segment.text]


class TabBar(Widget):
    """Tab names (`tabs`: id -> label) over an underline; `active` is the id shown."""

    DEFAULT_CSS = """
    TabBar {
        width: 100%;
        height: 2;
    }
    TabBar > .tab-bar--tab {
        color: $text-muted;
    }
    TabBar > .tab-bar--active {
        color: $foreground;
    }
    TabBar > .tab-bar--underline {
        color: $primary;
        background: $foreground 10%;
    }
    """
    COMPONENT_CLASSES = {"tab-bar--tab", "tab-bar--active", "tab-bar--underline"}

    active: reactive[str] = reactive("")
    hovered: reactive[str | None] = reactive(None)

    class Changed(Message):
        """The tab shown changed (a click, or `active` set)."""

        def __init__(self, bar: TabBar, tab: str) -> None:
            super().__init__()
            self.bar = bar
            self.tab = tab

        @property
        def control(self) -> TabBar:
            return self.bar

    def __init__(self, tabs: Sequence[tuple[str, str]], *, active: str, id: str | None = None) -> None:
        super().__init__(id=id)
        self.tabs = list(tabs)
        self.set_reactive(TabBar.active, active)

    def spans(self) -> list[tuple[str, int, int]]:
        """Each tab's id and [start, end) columns, its padding included."""
        spans, x = [], 0
        for tab, label in self.tabs:
            width = len(label) + 2 * PADDING
            spans.append((tab, x, x + width))
            x += width
        return spans

    def tab_at(self, x: int) -> str | None:
        return next((tab for tab, start, end in self.spans() if start <= x < end), None)

    def watch_active(self, active: str) -> None:
        self.post_message(self.Changed(self, active))

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        if y == 0:
            segments = []
            for (tab, label), (_, start, end) in zip(self.tabs, self.spans(), strict=True):
                lit = tab == self.active or tab == self.hovered
                style = base + self.get_component_rich_style("tab-bar--active" if lit else "tab-bar--tab")
                segments.append(Segment(" " * PADDING + label + " " * PADDING, style))
            return Strip(segments).extend_cell_length(width, base).crop(0, width)
        if y == 1:
            colours = self.get_component_rich_style("tab-bar--underline")
            lit, dim = RichStyle.from_color(colours.color), RichStyle.from_color(colours.bgcolor)
            span = next(((start + PADDING, end - PADDING) for tab, start, end in self.spans() if tab == self.active),
                        (0, 0))
            return Strip([Segment(s.text, base + s.style) for s in underline(width, *span, lit, dim)])
        return Strip.blank(width, base)

    def on_click(self, event: events.Click) -> None:
        """A click on a name, or on the bar under it (as on Textual's underline), shows that tab."""
        if (tab := self.tab_at(event.x)) is not None:
            self.active = tab

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self.hovered = self.tab_at(event.x) if event.y == 0 else None

    def on_leave(self, _event: events.Leave) -> None:
        self.hovered = None
