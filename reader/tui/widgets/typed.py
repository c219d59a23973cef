"""Acting on an input's value only after the keys already typed into it.

A priority binding (ctrl+s, enter in a modal) runs its action as its key reaches the app,
while the keys typed just before it may still wait in the focused input's own queue: a
fast typist, a paste or a terminal that sends keys in a burst saved "#en" for "energy".
Queued behind them on the focused widget, the action sees every key the user typed.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import Screen


def after_typed_keys(screen: Screen[object], action: Callable[[], object]) -> None:
    """Run `action` once the focused widget has handled every key sent to it before now."""

    def run() -> None:
        action()  # what it returns (dismiss's awaitable) is not awaited from the screen's own handler

    focused = screen.focused
    if focused is None:
        run()
    else:  # run on the screen: it may close the screen, which the input cannot do from inside it
        focused.call_later(screen.call_later, run)
