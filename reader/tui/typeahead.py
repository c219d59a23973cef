"""Keys typed ahead go where the keys before them led.

Textual hands a key to the widget focused when the app reads it, and that widget's binding
runs only once the key has bubbled back to the app. Keys typed while the app is busy
(leaving an article, under load, or sent at once by a fast typist or tmux) were all read
before the first one's binding had run: `q` `/` `x` `y` handed `/`, `x` and `y` to the
article being left, so the filter opened empty. Here a key whose focused widget does not
read keys itself (no text box) runs its binding at once, in the order typed, so the next
key goes wherever that binding led.
"""

from __future__ import annotations

from textual import events
from textual.app import App
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget


class TypeAhead(App[None]):
    """An App whose bindings run in the order their keys were typed."""

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded and await self._run_binding_now(event):
            return
        await super().on_event(event)

    async def _run_binding_now(self, key: events.Key) -> bool:
        screen = self.screen
        if screen.maximized is not None or (screen.focused is not None and reads_keys(screen.focused, key)):
            return False  # as Textual does it: the widget sees the key first
        active = screen.active_bindings.get(key.key)
        if active is None or not active.enabled:
            return False
        return await self.run_action(active.binding.action, active.node)


def reads_keys(widget: Widget, key: events.Key) -> bool:
    """Whether the widget or a container up to its screen handles keys itself (a text box
    types them; a `key_` method takes one) before any binding is looked at."""
    node: DOMNode | None = widget
    while node is not None:
        kind = type(node)
        if kind._on_key is not Widget._on_key or hasattr(kind, "on_key") or hasattr(node, f"key_{key.name}"):
            return True
        if isinstance(node, Screen):
            return False
        node = node.parent
    return False
