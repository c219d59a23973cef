"""The title bar and the key bar every screen has, each one widget.

Textual's `Header` and `Footer` are small trees (an icon, a title, a clock space; one
widget per key, each data-bound and restyled on every screen switch), and building and
styling them was a third of the time it took to open a screen. These draw the same
thing as one line of `Content` each: the app's title and the screen's sub-title; the
screen's active keys, as its bindings say (after the user's keymap), with the command
palette's key on the right. A click on a key presses it; hovering shows its tooltip.

A screen with many keys chooses which to show, and in what order, with a `key_bar()`
method returning binding ids (its own or the app's, shown or not) and `KeyGroup`s
(several keys under one description, `h/j/k/l Caret`); a key that does not work now
(hidden by `check_action`) is left out. The app's shown keys (quit, help) follow.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from reader.tui.widgets.safe import clean


class TitleBar(Widget):
    """`reader — <the screen's sub-title>`, centred."""

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
        text-align: center;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def on_mount(self) -> None:
        self.watch(self.app, "title", self._changed, init=False)
        self.watch(self.screen, "title", self._changed, init=False)
        self.watch(self.screen, "sub_title", self._changed, init=False)

    def _changed(self, _value: object = None) -> None:
        self.refresh()

    def render(self) -> Content:
        return self.heading()

    def heading(self) -> Content:
        title = clean(self.screen.title or self.app.title)
        sub_title = clean(self.screen.sub_title or self.app.sub_title)
        parts: list[Content | str | tuple[str, str]] = [title]
        if sub_title:
            parts += [(" — ", "$text-muted"), (sub_title, "$text-muted")]
        return Content.assemble(*parts)


@dataclass(frozen=True)
class KeyGroup:
    """Several bindings shown as one entry of the key bar: their keys, one description."""

    description: str
    ids: tuple[str, ...]


@dataclass(frozen=True)
class Shown:
    """One entry of the key bar: the key a click presses, how the keys are drawn, what they do."""

    key: str
    display: str
    description: str
    enabled: bool
    tooltip: str
    app: bool  # the app's own (quit, help): never left out for room


@dataclass(frozen=True)
class KeySpot:
    """Where a key is drawn on the bar: cells [start, end)."""

    start: int
    end: int
    key: str
    enabled: bool
    tooltip: str
    index: int  # in `shown_bindings()`; -1: the palette key


class KeyBar(Widget):
    """The screen's keys on one line: ` esc Back  a Articles … ` and `^p palette` on the right."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        width: 100%;
        height: 1;
        text-wrap: nowrap;
        color: $footer-foreground;
        background: $footer-background;
        & > .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
    }
    """

    hovered: reactive[int | None] = reactive(None)

    def __init__(self) -> None:
        super().__init__()
        self._spots: list[KeySpot] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Any) -> None:
        if self.is_attached and screen is self.screen:
            self.refresh()

    def shown_bindings(self) -> list[Shown]:
        """The entries shown: the screen's choice (`key_bar()`) or its shown bindings, in order."""
        layout = getattr(self.screen, "key_bar", None)
        if layout is not None:
            return self._chosen(layout())
        seen: set[str] = set()
        shown = []
        palette = self.app.COMMAND_PALETTE_BINDING
        for key, (node, binding, enabled, tooltip) in self.screen.active_bindings.items():
            if not binding.show or binding.action in seen or key == palette:
                continue
            seen.add(binding.action)
            shown.append(self._shown(key, binding, enabled, tooltip, node is self.app))
        return shown

    def _shown(self, key: str, binding: Binding, enabled: bool, tooltip: str | None, app: bool) -> Shown:
        return Shown(key, self.app.get_key_display(binding), binding.description, enabled,
                     tooltip or binding.tooltip or binding.description, app)

    def _chosen(self, layout: Sequence[str | KeyGroup]) -> list[Shown]:
        """The entries a screen's `key_bar()` names that work now, then the app's shown keys."""
        by_id: dict[str, tuple[str, Any]] = {}
        for key, active in self.screen.active_bindings.items():
            if active.binding.id:
                by_id.setdefault(active.binding.id, (key, active))
        shown: list[Shown] = []
        for entry in layout:
            if isinstance(entry, KeyGroup):
                found = [by_id[i] for i in entry.ids if i in by_id]
                if found:
                    display = "/".join(dict.fromkeys(self.app.get_key_display(a.binding) for _, a in found))
                    tips = "; ".join(a.binding.tooltip or a.binding.description for _, a in found)
                    shown.append(Shown(found[0][0], display, entry.description, True, tips, False))
            elif entry in by_id:
                key, active = by_id[entry]
                shown.append(self._shown(key, active.binding, active.enabled, active.tooltip, False))
        named = {i for entry in layout for i in (entry.ids if isinstance(entry, KeyGroup) else (entry,))}
        for key, (node, binding, enabled, tooltip) in self.screen.active_bindings.items():
            if node is self.app and binding.show and binding.id not in named:
                named.add(binding.id or key)
                shown.append(self._shown(key, binding, enabled, tooltip, True))
        return shown

    @staticmethod
    def fitting(pieces: list[Content], apps: list[bool], width: int) -> list[int]:
        """Which pieces fit in `width`: the screen's keys are left out from the last one on;
        the app's own (quit, help, which lists everything left out) stay."""
        kept = list(range(len(pieces)))
        while sum(pieces[i].cell_length for i in kept) > width:
            dropped = next((i for i in reversed(kept) if not apps[i]), None)
            if dropped is None:
                break
            kept.remove(dropped)
        return kept

    def render(self) -> Content:
        key_style = self.get_visual_style("key-bar--key")
        text_style = self.get_visual_style("key-bar--description")
        shown = self.shown_bindings()
        pieces = [
            self._key(entry, key_style, text_style, index == self.hovered) for index, entry in enumerate(shown)
        ]
        palette = self._palette(key_style, text_style)
        room = self.size.width - (palette[0].cell_length if palette is not None else 0)
        parts: list[Content] = []
        spots: list[KeySpot] = []
        at = 0
        for index in self.fitting(pieces, [entry.app for entry in shown], room):
            entry = shown[index]
            spots.append(KeySpot(at, at + pieces[index].cell_length, entry.key, entry.enabled, entry.tooltip, index))
            parts.append(pieces[index])
            at += pieces[index].cell_length
        if palette is not None and at <= room:
            content, binding = palette
            parts.append(Content(" " * (room - at)))
            parts.append(content)
            spots.append(KeySpot(room, room + content.cell_length, binding.key, True, binding.description, -1))
        self._spots = spots
        return Content.assemble(*parts)

    def _key(self, entry: Shown, key_style: Any, text_style: Any, hovered: bool) -> Content:
        piece = Content.assemble((f" {entry.display} ", key_style), (f"{entry.description} ", text_style))
        if not entry.enabled:
            piece = piece.stylize("dim")
        if hovered:
            piece = piece.stylize("reverse")
        return piece

    def _palette(self, key_style: Any, text_style: Any) -> tuple[Content, Binding] | None:
        if not self.app.ENABLE_COMMAND_PALETTE:
            return None
        found = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
        if found is None:
            return None
        binding = found[1]
        display = self.app.get_key_display(binding)
        return Content.assemble(("▏", "$foreground 20%"), (display, key_style), (f" {binding.description}", text_style)), binding

    def spot_at(self, x: int) -> KeySpot | None:
        return next((spot for spot in self._spots if spot.start <= x < spot.end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        spot = self.spot_at(event.x)
        self.hovered = spot.index if spot is not None else None
        self.tooltip = spot.tooltip if spot is not None else None

    def on_leave(self) -> None:
        self.hovered = None

    def on_click(self, event: events.Click) -> None:
        spot = self.spot_at(event.x)
        if spot is None:
            return
        if spot.enabled:
            self.app.simulate_key(spot.key)
        else:
            self.app.bell()
