"""The command palette offers every key's command, so nothing needs its key remembered.

`ReaderCommands` lists the bindings of the screen the palette was opened over (and of
the app) by their description; choosing one runs the binding's action in the namespace
that defines it, exactly as pressing the key would. Keys come from the same bindings,
so a key remapped in keymap.toml shows its new key here too.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from textual.binding import Binding, BindingsMap
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode
from textual.screen import Screen


@dataclass(frozen=True)
class Command:
    """One binding offered as a command: what it says, its key, and where it runs."""

    title: str
    help: str
    action: str
    namespace: DOMNode


def binding_nodes(screen: Screen[object]) -> list[DOMNode]:
    """The nodes whose bindings apply on `screen`: focused widget outwards, then the app."""
    focused = screen.focused
    nodes: list[DOMNode] = list(focused.ancestors_with_self) if focused is not None else [screen, screen.app]
    if screen.app not in nodes:
        nodes.append(screen.app)
    return nodes


def screen_commands(screen: Screen[object]) -> list[Command]:
    """Every usable binding on `screen` as a command, most specific first, without repeats.

    Bindings of the screen and the app are all offered; of widgets only those with an
    id (the app's own), not Textual's cursor keys. Bindings without a description, or
    whose action is currently unavailable (`check_action`), are left out.
    """
    app = screen.app
    keymap = app._keymap  # noqa: SLF001 - Textual keeps the keymap here; no public getter
    commands: list[Command] = []
    seen: set[str] = set()
    for node in binding_nodes(screen):
        own_bindings = isinstance(node, Screen) or node is app
        bindings = _node_bindings(node)
        if keymap:
            bindings.apply_keymap(keymap)
        keys_of: dict[str, list[Binding]] = {}
        for _key, binding in bindings:
            keys_of.setdefault(binding.id or f"{id(node)}:{binding.action}", []).append(binding)
        for ident, same in keys_of.items():
            binding = same[0]
            if not binding.description or ident in seen or (not own_bindings and not binding.id):
                continue
            if not _available(node, binding.action):
                continue
            seen.add(ident)
            keys = ", ".join(dict.fromkeys(app.get_key_display(b) for b in same))
            help_text = f"{binding.tooltip} ({keys})" if binding.tooltip else f"Key: {keys}"
            commands.append(Command(binding.description, help_text, binding.action, node))
    return commands


def _node_bindings(node: DOMNode) -> BindingsMap:
    # Textual's own binding chain reads the same map; copy it so the keymap is applied to ours only.
    return node._bindings.copy()  # noqa: SLF001


def _available(node: DOMNode, action: str) -> bool:
    """False only when the node's `check_action` hides or disables the action."""
    try:
        # The same lookup `App.run_action` does ("app.x" runs on the app, "x" on `node`).
        target, name, parameters = node.app._parse_action(action, node)  # noqa: SLF001
        return bool(target.check_action(name, parameters))
    except Exception:  # noqa: BLE001 - a broken action or check must not break the palette
        return True


async def run_command(command: Command) -> None:
    """Run the command's action where its binding lives, as its key would."""
    await command.namespace.app.run_action(command.action, command.namespace)


class ReaderCommands(Provider):
    """Command palette provider: the current screen's keys, by what they do."""

    async def discover(self) -> Hits:
        for command in screen_commands(self.screen):
            yield DiscoveryHit(command.title, partial(run_command, command), help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in screen_commands(self.screen):
            if (score := matcher.match(command.title)) > 0:
                yield Hit(score, matcher.highlight(command.title), partial(run_command, command), text=command.title, help=command.help)
