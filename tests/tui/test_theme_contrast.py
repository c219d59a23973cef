"""Every shipped theme's text is readable: WCAG 2.x contrast of at least 4.5:1 for each colour
drawn as text against each background it is drawn on.

Which colours are text was read from the code (app.tcss, the screens' and widgets' CSS and
Content styles); `test_every_text_colour_in_the_code_is_checked` scans the code again so a
new one cannot slip past. Colours are resolved as Textual draws them: a theme's variables
over Textual's generated ones, `auto 60%` as the contrasting text at 60% over the
background, a colour with alpha blended over it, and the `dim` style as Textual's dim filter
blends the text toward the background.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from textual.color import Color
from textual.constants import DIM_FACTOR
from textual.filter import dim_color
from textual.theme import Theme

from reader.core.paths import bundled
from reader.tui.state.themes import APP_VARIABLES, load_themes

MINIMUM = 4.5
TUI = Path(__file__).resolve().parents[2] / "reader" / "tui"
THEMES = load_themes(bundled("themes")).themes

# Text on the screens' backgrounds (lists, the reading column) and on surfaces (the help,
# tags and note editors). "dim" is the `dim` style: the details line and counts.
ON_SCREENS = (
    "foreground", "text", "text-muted", "dim", "primary", "secondary", "accent", "warning", "error",
    "text-accent", "link-color", "quote", "entity-person", "entity-place", "entity-org", "entity-misc", "entity-date",
)
# Text on the title and key bars ($panel): the title, its sub-title, the keys and what they do.
ON_BARS = ("foreground", "text-muted", "footer-foreground", "footer-key-foreground", "footer-description-foreground")
PAIRS = [(text, "background") for text in ON_SCREENS] + [(text, "surface") for text in ON_SCREENS] + [
    (text, "footer-background") for text in ON_BARS
]
# Colours the code draws as glyphs that are not read: the key bar's divider, note colour swatches.
NOT_TEXT = {"foreground 20%", "hl-"}


def luminance(color: Color) -> float:
    """WCAG 2.x relative luminance."""

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(color.r) + 0.7152 * linear(color.g) + 0.0722 * linear(color.b)


def contrast(one: Color, other: Color) -> float:
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def variables(theme: Theme) -> dict[str, str]:
    """The theme's variables as the app has them (`App.get_css_variables`)."""
    return {**APP_VARIABLES, **theme.to_color_system().generate(), **theme.variables}


def resolve(name: str, theme: Theme, background: Color) -> Color:
    """The colour `name` is drawn in over `background`."""
    values = variables(theme)
    if name == "dim":
        foreground = Color.parse(values["foreground"])
        return Color.from_rich_color(dim_color(background.rich_color, foreground.rich_color, DIM_FACTOR))
    value = values[name]
    if value.startswith("auto"):
        alpha = float(value.split()[1].rstrip("%")) / 100 if " " in value else 1.0
        return background + background.get_contrast_text(alpha)
    if value.startswith("$"):
        return resolve(value[1:], theme, background)
    return background + Color.parse(value)


def ratios(theme: Theme) -> dict[tuple[str, str], float]:
    values = variables(theme)
    found = {}
    for text, under in PAIRS:
        background = Color.parse(values[under])
        found[(text, under)] = contrast(resolve(text, theme, background), background)
    return found


def test_the_formula_matches_the_wcag_examples() -> None:
    assert contrast(Color.parse("#000000"), Color.parse("#ffffff")) == pytest.approx(21.0)
    assert contrast(Color.parse("#777777"), Color.parse("#ffffff")) == pytest.approx(4.48, abs=0.01)
    assert contrast(Color.parse("#ffffff"), Color.parse("#ffffff")) == pytest.approx(1.0)


@pytest.mark.parametrize("theme", THEMES, ids=[theme.name for theme in THEMES])
def test_every_text_colour_reads_on_its_background(theme: Theme) -> None:
    failing = [
        f"{text} on {under}: {ratio:.2f}:1" for (text, under), ratio in ratios(theme).items() if ratio < MINIMUM
    ]
    assert not failing, f"{theme.name}: below {MINIMUM}:1: " + "; ".join(failing)


def test_the_shipped_themes_are_all_checked() -> None:
    assert {theme.name for theme in THEMES} >= {"reader-dark", "reader-light", "reader-high-contrast"}


CSS_COLOR = re.compile(r"(?<![\w-])color:\s*\$([a-z][a-z0-9-]*)((?:\s+\d+%)?)")
STYLE_COLOR = re.compile(r"(?<!on )(?<![\w-])\$([a-z][a-z0-9-]*)((?:\s+\d+%)?)")


def text_colours_in_the_code() -> dict[str, set[str]]:
    """Each theme variable the code draws text in (CSS `color:`, a Content style's colour
    that is not a background `on $x`), with the files that do."""
    found: dict[str, set[str]] = {}

    def note(matches: object, path: Path) -> None:
        for match in matches:  # type: ignore[attr-defined]
            found.setdefault((match[1] + match[2]).strip(), set()).add(path.name)

    for path in sorted(TUI.rglob("*.tcss")):
        note(CSS_COLOR.finditer(path.read_text(encoding="utf-8")), path)
    for path in sorted(TUI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and "$" in node.value:
                css = "{" in node.value or ";" in node.value
                note((CSS_COLOR if css else STYLE_COLOR).finditer(node.value), path)
    return found


def test_every_text_colour_in_the_code_is_checked() -> None:
    found = text_colours_in_the_code()
    assert {"text-muted", "entity-person", "quote", "secondary"} <= found.keys()  # the scan sees them
    checked = {text for text, _ in PAIRS}
    unchecked = {name: sorted(files) for name, files in found.items() if name not in checked | NOT_TEXT}
    assert not unchecked, f"text colours no contrast test checks: {unchecked}"
