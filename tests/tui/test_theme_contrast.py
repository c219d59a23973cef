"""Every shipped theme's text is readable: WCAG 2.x contrast of at least 4.5:1 for each colour
drawn as text against each background it is drawn on.

Which colours are text was read from the code (app.tcss, the screens' and widgets' CSS and
Content styles); `test_every_text_colour_in_the_code_is_checked` scans the code again so a
new one cannot slip past. Colours are resolved as Textual draws them: a theme's variables
over Textual's generated ones, `auto 60%` as the contrasting text at 60% over the
background, a colour with alpha blended over it, and the `dim` style as Textual's dim filter
blends the text toward the background. `test_drawn_contrast.py` measures what is drawn on
every screen, whatever variable it came from.

Each pair is checked twice: in truecolor, and as a 256-colour terminal (tmux, a terminal
without COLORTERM=truecolor) shows it, where Textual writes each colour as the palette entry
Rich's `Color.downgrade` picks: a dark blue-grey row can become teal #005f5f, on which the
grey details read at 2.8:1.
"""

from __future__ import annotations

import ast
import html
import re
from pathlib import Path

import pytest
from rich.color import Color as RichColor
from rich.color import ColorSystem
from textual.color import Color
from textual.constants import DIM_FACTOR
from textual.filter import dim_color
from textual.theme import Theme

from reader.core.paths import bundled
from reader.tui.state.themes import APP_VARIABLES, load_themes

MINIMUM = 4.5
TUI = Path(__file__).resolve().parents[2] / "reader" / "tui"
THEMES = load_themes(bundled("themes")).themes

# Text on the screens' backgrounds (the reading column) and on surfaces (the help, tags and
# note editors). "dim" is the `dim` style (counts and separators in other lists).
ON_SCREENS = (
    "foreground", "text", "text-muted", "dim", "primary", "secondary", "accent", "warning", "error",
    "text-accent", "link-color", "quote", "entity-person", "entity-place", "entity-org", "entity-misc", "entity-date",
)
# The article list's and the side panel's colours (title, details and counts, #tags, star,
# unread mark) on their cursor row (on $background, they are among ON_SCREENS).
ON_LISTS = ("foreground", "dim", "secondary", "warning", "accent")
# What Textual's highlighted rows (the panel's tabs, Entities, Notes, an entity's page) and a
# selection in the text draw: names, quotes, #tags, marks, headings and details.
ON_ROWS = ("foreground", "text-muted", "dim", "primary", "secondary", "accent", "warning", "quote",
           "entity-person", "entity-place", "entity-org", "entity-misc", "entity-date")
HIGHLIGHTS = ("block-cursor-background", "block-cursor-blurred-background", "screen-selection-background")
# A note's highlight in the text: its colour at 40% over the background (widgets/layers.py).
NOTE_COLOURS = tuple(f"hl-{n} 40%" for n in range(1, 6))
# Text on the title and key bars ($panel): the title, its sub-title, the keys and what they do.
ON_BARS = ("foreground", "text-muted", "footer-foreground", "footer-key-foreground", "footer-description-foreground")
PAIRS = (
    [(text, "background") for text in ON_SCREENS]
    + [(text, "surface") for text in ON_SCREENS]
    + [(text, "cursor-row") for text in ON_LISTS]
    + [(text, under) for text in ON_ROWS for under in HIGHLIGHTS]
    + [(text, "footer-background") for text in ON_BARS]
    + [("foreground", under) for under in NOTE_COLOURS]
)
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


def background_of(under: str, theme: Theme) -> Color:
    """A background variable's colour; "hl-1 40%" is that colour at 40% over the background."""
    values = variables(theme)
    name, _, percent = under.partition(" ")
    if not percent:
        return Color.parse(values[name])
    return Color.parse(values["background"]) + Color.parse(values[name]).multiply_alpha(float(percent[:-1]) / 100)


def shown(color: Color, system: str) -> Color:
    """The colour a terminal of this colour system shows for `color` (what Textual writes:
    Rich's downgrade to the palette, `test_drawn_contrast.py` checks it is)."""
    if system == "truecolor":
        return color
    return Color.parse(RichColor.parse(color.hex6).downgrade(ColorSystem.EIGHT_BIT).get_truecolor().hex)


def ratios(theme: Theme, system: str = "truecolor") -> dict[tuple[str, str], float]:
    found = {}
    for text, under in PAIRS:
        background = background_of(under, theme)
        found[(text, under)] = contrast(shown(resolve(text, theme, background), system), shown(background, system))
    return found


def test_the_formula_matches_the_wcag_examples() -> None:
    assert contrast(Color.parse("#000000"), Color.parse("#ffffff")) == pytest.approx(21.0)
    assert contrast(Color.parse("#777777"), Color.parse("#ffffff")) == pytest.approx(4.48, abs=0.01)
    assert contrast(Color.parse("#ffffff"), Color.parse("#ffffff")) == pytest.approx(1.0)


@pytest.mark.parametrize("system", ["truecolor", "256"])
@pytest.mark.parametrize("theme", THEMES, ids=[theme.name for theme in THEMES])
def test_every_text_colour_reads_on_its_background(theme: Theme, system: str) -> None:
    failing = [
        f"{text} on {under}: {ratio:.2f}:1" for (text, under), ratio in ratios(theme, system).items() if ratio < MINIMUM
    ]
    assert not failing, f"{theme.name} in {system} colours: below {MINIMUM}:1: " + "; ".join(failing)


@pytest.mark.parametrize("theme", THEMES, ids=[theme.name for theme in THEMES])
def test_rows_selections_and_highlights_stand_out_in_256_colours(theme: Theme) -> None:
    """A colour chosen to read well must not become the background's own palette entry,
    or the cursor row, a selection or a note's highlight would vanish in tmux."""
    background = shown(background_of("background", theme), "256")
    vanishing = [under for under in ("cursor-row", *HIGHLIGHTS, *NOTE_COLOURS)
                 if shown(background_of(under, theme), "256") == background]
    assert not vanishing, f"{theme.name}: drawn as the background in 256 colours: {vanishing}"


@pytest.mark.parametrize("theme", THEMES, ids=[theme.name for theme in THEMES])
def test_the_five_note_colours_stay_five_in_256_colours(theme: Theme) -> None:
    """Notes are told apart by colour: two highlights must not become one palette entry."""
    shades = [shown(background_of(under, theme), "256").hex for under in NOTE_COLOURS]
    assert len(set(shades)) == len(NOTE_COLOURS), f"{theme.name}: {shades}"


def test_the_256_colour_check_finds_the_teal_row() -> None:
    """The dark theme's cursor row before this check, #283242, is #005f5f in 256 colours."""
    dark = next(theme for theme in THEMES if theme.name == "reader-dark")
    old = Theme(**{**dark.__dict__, "variables": {**dark.variables, "cursor-row": "#283242"}})
    assert ratios(old)[("dim", "cursor-row")] > MINIMUM
    assert ratios(old, "256")[("dim", "cursor-row")] == pytest.approx(2.80, abs=0.01)


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


SNAPSHOTS = Path(__file__).resolve().parent / "__snapshots__" / "test_snapshots"
LIBRARY_SNAPSHOTS = ("test_library_screen", "test_library_in_compact_rows", "test_library_in_the_light_theme_with_a_feed")
RECT = re.compile(r'<rect fill="(#[0-9a-f]{6})" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"')
TEXT = re.compile(r'<text class="(terminal-r\d+)" x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)</text>')
FILL = re.compile(r"\.(terminal-r\d+) \{ fill: (#[0-9a-fA-F]{6})")


def drawn_contrasts(svg: str) -> list[tuple[float, str]]:
    """(contrast, words) of every run of words in a snapshot, against the cell drawn under it
    (the last background painted there): what was drawn, whatever the variables say."""
    fills = dict(FILL.findall(svg))
    rects = [(float(x), float(y), float(w), float(h), fill) for fill, x, y, w, h in RECT.findall(svg)]
    found = []
    for name, x, y, text in TEXT.findall(svg):
        words = html.unescape(text).replace("\xa0", " ").strip()
        if not re.search(r"[\w#]", words):
            continue  # rules, bars and marks are not read
        left, baseline = float(x), float(y)
        under = [fill for rx, ry, rw, rh, fill in rects if rx <= left < rx + rw and ry <= baseline < ry + rh]
        if under and name in fills:
            found.append((contrast(Color.parse(fills[name]), Color.parse(under[-1])), words))
    return found


@pytest.mark.parametrize("name", LIBRARY_SNAPSHOTS)
def test_every_word_drawn_in_the_library_snapshots_reads(name: str) -> None:
    drawn = drawn_contrasts((SNAPSHOTS / f"{name}.svg").read_text(encoding="utf-8"))
    assert len(drawn) > 20  # the parse finds the screen's words
    failing = sorted({(round(ratio, 2), words[:40]) for ratio, words in drawn if ratio < MINIMUM})
    assert not failing, f"{name}: below {MINIMUM}:1: {failing}"


def test_the_drawn_check_finds_what_was_hard_to_read_before() -> None:
    """The library as it was drawn before this check: the placeholder, the sort line and the
    cursor row's details read at 3.4 to 3.9:1, and the check names them."""
    svg = (Path(__file__).resolve().parents[1] / "fixtures" / "library_before_contrast.svg").read_text(encoding="utf-8")
    failing = {words.split(":")[0] for ratio, words in drawn_contrasts(svg) if ratio < MINIMUM}
    assert {"/ to filter", "sort", "The Epoch Times · Ryan Morgan · 12 Mar 2025 · 2 min · 2 notes"} <= failing
