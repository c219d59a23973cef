"""Themes are data: TOML files turned into Textual `Theme` objects.

The shipped themes live in the bundled `themes/` folder; users add or override one by
dropping a file in `<config>/themes/`. A broken file must never stop the reader, so the
loader hands back the problems next to the themes and the app shows them.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual.color import Color
from textual.css.stylesheet import Stylesheet
from textual.theme import Theme

DEFAULT_THEME = "reader-dark"

# The app's own colours, used by spans and CSS. Themes may override each one; these are
# the fallbacks (`App.get_theme_variable_defaults`). A value is a plain colour: a theme
# variable cannot refer to another, so any alpha goes in the style that uses it.
APP_VARIABLES: dict[str, str] = {
    "entity-person": "#7fb4f0",
    "entity-place": "#8fd18a",
    "entity-org": "#e3a869",
    "entity-misc": "#c79bea",
    "entity-date": "#6fcfcb",
    "quote": "#e8d28a",
    "hl-1": "#e5c03c",
    "hl-2": "#46c03c",
    "hl-3": "#3c9cf0",
    "hl-4": "#e0449c",
    "hl-5": "#b048f0",
    # The article list's and the side panel's cursor row: opaque, so every colour drawn on
    # it (details, tags, marks) can be checked against it (tests/tui/test_theme_contrast.py).
    # A grey that stays a grey (#303030) in a 256-colour terminal; a blue-grey became teal.
    "cursor-row": "#2a2f38",
}


class ThemeError(ValueError):
    """A theme file that cannot become a usable theme; the message says why."""


@dataclass
class LoadedThemes:
    themes: list[Theme] = field(default_factory=list)
    paths: dict[str, Path] = field(default_factory=dict)  # theme name -> its file
    problems: list[str] = field(default_factory=list)

    def skip(self, path: Path, reason: object) -> None:
        self.problems.append(f"Theme file {path} skipped: {reason}")


def theme_from_data(data: dict[str, Any]) -> Theme:
    """Check a theme's data the way applying it would, so a bad one fails here, not later."""
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ThemeError("it needs a name")
    variables = data.get("variables", {})
    if not isinstance(variables, dict) or not all(
        isinstance(key, str) and isinstance(value, str) for key, value in variables.items()
    ):
        raise ThemeError("[variables] must map names to strings")
    try:
        theme = Theme(**data)
    except TypeError as error:  # a missing or unknown key
        raise ThemeError(str(error)) from None
    try:
        theme.to_color_system().generate()  # parses every base colour
        for key in APP_VARIABLES.keys() & variables.keys():
            Color.parse(variables[key])
    except Exception as error:  # noqa: BLE001 - any failure here means a broken file
        raise ThemeError(str(error)) from None
    return theme


def load_theme(path: Path) -> Theme:
    try:
        with path.open("rb") as file:
            data = tomllib.load(file)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ThemeError(str(error)) from None
    return theme_from_data(data)


def load_themes(*folders: Path) -> LoadedThemes:
    """Every `*.toml` in the folders, in order: a later theme replaces an earlier namesake."""
    loaded = LoadedThemes()
    for folder in folders:
        for path in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
            try:
                theme = load_theme(path)
            except ThemeError as error:
                loaded.skip(path, error)
            else:
                loaded.themes.append(theme)
                loaded.paths[theme.name] = path
    return loaded


def check_with_stylesheet(theme: Theme, stylesheet: Stylesheet, defaults: dict[str, str]) -> None:
    """Parse the app's CSS with the theme's variables, as applying it would.

    Textual tokenises every variable when the theme is applied, and a value that is not
    valid CSS there stops the app; this dry run on a copy finds it first.
    """
    variables = {**defaults, **theme.to_color_system().generate(), **theme.variables}
    trial = stylesheet.copy()
    trial.set_variables(variables)
    try:
        trial.parse()
    except Exception:  # noqa: BLE001 - StylesheetParseError, TokenError, ...
        raise ThemeError("a [variables] value is not valid CSS where the app uses it") from None
