"""The command palette offers every key's command, so nothing needs its key remembered.

`ReaderCommands` lists the bindings of the screen the palette was opened over
(and of the app) by their description; choosing one runs the binding's action with
`App.run_action` in the namespace that defines it, exactly as pressing the key would.
Keys come from the same bindings (`textual_private.bindings_of`), so a key remapped in keymap.toml shows its new key here too.

Each screen one can go to has one entry: Notes and Entities are the app's own keys
(ctrl+f, ctrl+n); "Library" goes back down the stack to the article list, each screen
leaving as its own "back" would (an article keeps its reading place).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import partial

from textual.actions import parse as parse_action
from textual.app import App
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode
from textual.screen import Screen

from reader.tui.textual_private import bindings_of


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

    Bindings of the screen and the app are all offered, even a key a focused Input would
    swallow; of widgets only those with an id (the app's own), not Textual's cursor keys.
    Bindings without a description, or whose action is currently unavailable
    (`check_action`), are left out.
    """
    app = screen.app
    commands: list[Command] = []
    seen: set[str] = set()
    for node in binding_nodes(screen):
        own_bindings = isinstance(node, Screen) or node is app
        keys_of: dict[str, list[Binding]] = {}
        for _key, binding in bindings_of(node):
            keys_of.setdefault(binding.id or f"{id(node)}:{binding.action}", []).append(binding)
        for ident, same in keys_of.items():
            binding = same[0]
            if not binding.description or ident in seen or (not own_bindings and not binding.id):
                continue
            if not available(node, binding.action):
                continue
            seen.add(ident)
            keys = ", ".join(dict.fromkeys(app.get_key_display(b) for b in same))
            help_text = f"{binding.tooltip} ({keys})" if binding.tooltip else f"Key: {keys}"
            commands.append(Command(binding.description, help_text, binding.action, node))
    return commands


def available(node: DOMNode, action: str) -> bool:
    """False only when the target's `check_action` hides or disables the action.

    The target is found as `App.run_action` finds it: "app.x" runs on the app,
    "screen.x" on the screen, "focused.x" on the focused widget, a bare "x" on `node`.
    """
    try:
        destination, name, parameters = parse_action(action)
        target = node if not destination else node.app if destination == "app" else getattr(node.app, destination)
        return target is None or bool(target.check_action(name, parameters))
    except Exception:  # noqa: BLE001 - a broken action or check must not break the palette
        return True


async def go_to_library(app: App[object]) -> None:
    """Close every screen above the library, each by its own `back` action when it has one."""
    from reader.tui.screens.library import LibraryScreen

    while len(app.screen_stack) > 1 and not isinstance(app.screen, LibraryScreen):
        screen = app.screen
        if hasattr(screen, "action_back"):
            await app.run_action("back", screen)
        else:
            app.pop_screen()
        if app.screen is screen:  # it would not go: never loop
            return


def library_command(screen: Screen[object]) -> Command | None:
    """The "Library" entry, over any screen but the library itself."""
    from reader.tui.screens.library import LibraryScreen

    if isinstance(screen, LibraryScreen):
        return None
    return Command("Library", "Back to the article list (the Library screen)", "", screen)


def theme_commands(app: App[object]) -> list[tuple[str, Command]]:
    """"Theme: reader-light" for each of reader's themes (shipped and the user's), so typing
    "light" finds the theme among the commands and not only under Textual's theme list."""
    names = getattr(app, "reader_themes", ())
    return [(name, Command(f"Theme: {name}", "Switch to this colour theme (remembered)", "", app)) for name in names]


async def choose_theme(app: App[object], name: str) -> None:
    app.theme = name


async def run_command(command: Command) -> None:
    """Run the command's action where its binding lives, as its key would."""
    await command.namespace.app.run_action(command.action, command.namespace)


class ReaderCommands(Provider):
    """Command palette provider: the current screen's keys, by what they do."""

    def _commands(self) -> list[tuple[Command, Callable[[], Awaitable[None]]]]:
        found = [(command, partial(run_command, command)) for command in screen_commands(self.screen)]
        if (library := library_command(self.screen)) is not None:
            found.append((library, partial(go_to_library, self.app)))
        found += [(command, partial(choose_theme, self.app, name)) for name, command in theme_commands(self.app)]
        return found

    async def discover(self) -> Hits:
        for command, run in self._commands():
            yield DiscoveryHit(command.title, run, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command, run in self._commands():
            if (score := matcher.match(command.title)) > 0:
                yield Hit(score, matcher.highlight(command.title), run, text=command.title, help=command.help)
