"""The user's keymap: `<config_dir>/keymap.toml` remaps keys by binding id.

Every binding in the app has an id ("library.sort", "article.toggle_entities"), so a
user can move a key without touching code:

    [keys]
    "article.toggle_entities" = "e"
    "app.help" = "f1,question_mark"

Textual applies the mapping itself (`App.set_keymap`) whenever it builds a screen's
bindings, so screens created later are remapped too. This module only reads the file
and says what is wrong with it; a broken entry is named and skipped, never fatal, so a
typo cannot stop the reader from starting. An id in a known scope that no binding has
("article.stra") is named once the screens' modules are loaded, after the start
(`unknown_entries`), with the closest id.
"""

from __future__ import annotations

import difflib
import importlib
import pkgutil
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from textual.binding import Binding
from textual.screen import Screen

KEYMAP_FILE = "keymap.toml"

# The part of a binding id before the first "." names where the binding lives. Ids are
# checked only against these: bindings of screens not yet created cannot be listed.
SCOPES: frozenset[str] = frozenset(
    {"app", "ask", "library", "article", "help", "editor", "tags", "panel", "visual", "notes", "entities", "entity"}
)


@dataclass(frozen=True)
class UserKeymap:
    """What `keymap.toml` asked for, and a message for every entry that was skipped."""

    keys: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def keymap_path(config_dir: Path) -> Path:
    return config_dir / KEYMAP_FILE


def load_keymap(config_dir: Path) -> UserKeymap:
    """Read the user's keymap; a missing file is an empty keymap, not a problem."""
    path = keymap_path(config_dir)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return UserKeymap()
    except OSError as error:
        return UserKeymap(problems=[f"Keymap {path} not read: {error.strerror or error}"])
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        return UserKeymap(problems=[f"Keymap {path} not read: not UTF-8 ({error.reason})"])
    except tomllib.TOMLDecodeError as error:
        return UserKeymap(problems=[f"Keymap {path} not read: {error}"])
    return parse_keymap(data, path)


def parse_keymap(data: dict[str, object], path: Path) -> UserKeymap:
    """Check the `[keys]` table of an already parsed keymap file, entry by entry."""
    keys: dict[str, str] = {}
    problems: list[str] = []
    for name in data:
        if name != "keys":
            problems.append(f"Keymap {path}: unknown section {name!r} skipped (only [keys] is read)")
    table = data.get("keys", {})
    if not isinstance(table, dict):
        return UserKeymap(problems=[*problems, f"Keymap {path}: 'keys' must be a table like [keys], not {_kind(table)}"])
    for binding_id, value in table.items():
        problem = entry_problem(binding_id, value)
        if problem:
            problems.append(f"Keymap {path}: entry {binding_id!r} skipped: {problem}")
        else:
            assert isinstance(value, str)
            keys[binding_id] = ",".join(key.strip() for key in value.split(","))
    return UserKeymap(keys, problems)


def entry_problem(binding_id: str, value: object) -> str:
    """Why one `"id" = "keys"` entry cannot be used, or "" when it can."""
    scope = binding_id.split(".", 1)[0]
    if scope not in SCOPES:
        return f"unknown binding id (ids start with one of {', '.join(sorted(SCOPES))})"
    if not isinstance(value, str):
        return f"the keys must be a string like \"ctrl+f\", not {_kind(value)}"
    if not value.strip() or any(not key.strip() for key in value.split(",")):
        return "empty key"
    if any(char.isspace() for key in value.split(",") for char in key.strip()):
        return f"a key name has no spaces (got {value!r}; use \"space\", and commas between keys)"
    return ""


def _kind(value: object) -> str:
    return {dict: "a table", list: "a list", bool: "true/false", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__
    )


def all_binding_ids(*classes: type) -> set[str]:
    """Every binding id the app declares, read from its modules: each class's own BINDINGS
    (of every screen and widget module, and of `classes`: the app's) and the binding lists
    kept apart (visual mode's). Imports every screen and widget module."""
    import reader.tui.screens
    import reader.tui.widgets

    modules = [
        importlib.import_module(f"{package.__name__}.{info.name}")
        for package in (reader.tui.screens, reader.tui.widgets) for info in pkgutil.iter_modules(package.__path__)
    ]
    values = [*classes, *(value for module in modules for value in vars(module).values())]
    ids: set[str] = set()
    for value in values:
        found = vars(value).get("BINDINGS", ()) if isinstance(value, type) else value
        if isinstance(found, (list, tuple)):
            ids.update(b.id for b in found if isinstance(b, Binding) and b.id)
    return ids


def unknown_entries(keys: dict[str, str], path: Path, known: set[str]) -> list[str]:
    """A message for each entry whose id no binding has: Textual would ignore it unsaid."""
    problems = []
    for binding_id in keys:
        if binding_id not in known:
            near = difflib.get_close_matches(binding_id, sorted(known), n=1)
            hint = f"did you mean {near[0]!r}?" if near else "`?` in the app shows each key's id"
            problems.append(f"Keymap {path}: entry {binding_id!r} does nothing: no key has that id; {hint}")
    return problems


def key_for(screen: Screen[object], binding_id: str) -> str:
    """The key that runs a binding on `screen` now, after the user's keymap, as the footer
    shows it: so a hint in a message never names a key the user has moved."""
    for active in screen.active_bindings.values():
        if active.binding.id == binding_id:
            return screen.app.get_key_display(active.binding)
    return "?"
