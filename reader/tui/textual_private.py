"""Every use of a private part of the pinned textual 8.2.8, in one place.

Textual's public API covers nearly everything the reader does; these few private parts
buy speed where it shows (a screen drawn before its first opening, list rows reused).
Each is named here, so an upgrade of textual has one file to check, and
tests/tui/test_textual_private.py fails if any of them changes shape or behaviour.

`StyledOnFirstResume` overrides `Screen._on_screen_resume` for the screens that mix it
in. Also relied on, but as overrides that must stay in their class: `FixedRows`
(reader/tui/widgets/fixed_rows.py) replaces `OptionList._update_lines` and
`OptionList._get_option_render` and reads `_line_cache`, `_option_render_cache`,
`_option_to_index`, `_get_visual` and `_get_left_gutter_width`; the test checks those too.
"""

from __future__ import annotations

from typing import Any

from rich.style import Style as RichStyle
from textual import events
from textual.app import App
from textual.binding import BindingsMap
from textual.dom import DOMNode
from textual.widgets.option_list import Option


def start_unseen(app: App[Any], name: str) -> None:
    """Compose, lay out and draw the installed screen `name` without showing it.

    So even its first opening costs what a reopening costs. `App._get_screen` starts an
    installed screen without pushing it; `Screen._refresh_layout` sizes it (painting only
    a current screen); the compositor's `render_full_update` fills the widgets' render
    caches and returns the frame, which is dropped.
    """
    screen = app.get_screen(name)
    if screen.is_running:
        return
    _, mounted = app._get_screen(name)  # noqa: SLF001

    async def lay_out() -> None:
        await mounted
        if screen not in app.screen_stack:  # still unseen
            screen._refresh_layout(app.size)  # noqa: SLF001
            screen._compositor.render_full_update()  # noqa: SLF001

    app.call_later(lay_out)


def bindings_of(node: DOMNode) -> BindingsMap:
    """The bindings `node` defines (its class's and its parents'), with the user's keymap applied.

    The public `Screen.active_bindings` leaves out keys a focused Input would swallow, but
    the command palette must still offer those commands; so it reads each node's own map
    (`DOMNode._bindings`, copied) and the keymap (`App._keymap`), as Textual's binding
    chain does.
    """
    bindings = node._bindings.copy()  # noqa: SLF001
    keymap = node.app._keymap  # noqa: SLF001
    if keymap:
        bindings.apply_keymap(keymap)
    return bindings


def reuse_option(option: Option) -> Option:
    """`option` ready to be set again: OptionList marks "a separator follows" on the option itself."""
    option._divider = False  # noqa: SLF001
    return option


def has_meta(style: RichStyle | None) -> bool:
    """Whether a Rich style carries meta, without decoding it (`Style.meta` unpickles on every read)."""
    return style is not None and style._meta is not None  # noqa: SLF001


def release_render_caches() -> None:
    """Let go of what closed widgets drew.

    Textual 8.2.8 memoises `StylesCache.get_inner_outer` with `functools.lru_cache` on the
    method, so each key holds a widget's `StylesCache`, and with it every line the widget
    drew, for the next 1,024 calls: an article screen's lines (~18,000 objects for a long
    article) outlived the screen. Emptying the memo costs two Style objects per widget at
    its next draw.
    """
    from textual._styles_cache import StylesCache

    StylesCache.get_inner_outer.cache_clear()  # type: ignore[attr-defined]


class StyledOnFirstResume:
    """A screen mixin sparing a screen shown for the first time a second styling of every widget.

    Textual 8.2.8 sends a pushed screen `ScreenResume(refresh_styles=True)`, and its
    `Screen._on_screen_resume` then applies the stylesheet to every node again, though
    each was styled as it mounted just before: a tenth of the time to open a long article.
    The mixin overrides that private handler (so this module owns it) and turns the
    restyle off for the first showing only; a later resume is left as Textual sent it.
    Put it before `Screen` in the bases.
    """

    _styled_once = False

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        if not self._styled_once:
            event.refresh_styles = False
            self._styled_once = True
        super()._on_screen_resume(event)  # type: ignore[misc]


def notify_kept(app: App[Any], message: str, *, title: str = "", severity: Any = "information",
                timeout: float | None = None) -> Any:
    """As `App.notify`, but returns the notification, so it can be withdrawn once what it
    asks for is done (`App.notify` returns None): a how-to toast ("Move the caret to ...,
    then v") that outlived its step stood behind the next screen."""
    from textual.notifications import Notification, Notify

    notification = Notification(message, title, severity, app.NOTIFICATION_TIMEOUT if timeout is None else timeout,
                                markup=False)
    app.post_message(Notify(notification))
    return notification


def withdraw(app: App[Any], notification: Any) -> None:
    """Take a toast made by `notify_kept` off every screen that shows it (`App._unnotify`
    redraws only the current screen's toasts; a screen below a modal keeps its own)."""
    if notification in app._notifications:  # noqa: SLF001
        app._unnotify(notification)  # noqa: SLF001
    show_toasts_everywhere(app)


def show_toasts_everywhere(app: App[Any]) -> None:
    """Redraw the toasts of every screen in the stack, not only the current one's
    (`App._refresh_notifications`): one cleared under a modal screen otherwise stays drawn
    on the screen seen through it."""
    from textual.widgets._toast import ToastRack

    for screen in app.screen_stack:
        for rack in screen.query(ToastRack):
            rack.show(app._notifications)  # noqa: SLF001
