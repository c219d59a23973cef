"""Every word the app draws reads at WCAG 4.5:1 or more, in every shipped theme, as drawn,
in a truecolor terminal and in a 256-colour one (tmux, most terminals without COLORTERM).

`test_theme_contrast.py` checks the theme variables the code names; this test checks what
Textual actually paints (highlighted option rows, inactive tabs, muted text on a cursor
row, placeholders, tags in results...). Each screen is opened with Pilot on a small
library and exported with the public `App.export_screenshot()`: its SVG has a rect for
each background run and a text run per segment whose fill is its colour, with `dim`
already blended as drawn. Every visible character that is read (not a rule, bar, box
line or the editor's colour swatches) is measured against the cell under it.

A 256-colour terminal shows each colour as the palette entry Rich's `Color.downgrade`
picks: Textual's renderer calls it for every style it writes (`Strip.render_ansi` with the
console's colour system), and `test_the_256_colour_measure_is_what_textual_writes` checks
that it still does. The export is always truecolor, so each theme's screens are drawn once
and measured in both colour systems.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

import pytest
from rich.cells import cell_len
from rich.color import Color as RichColor
from rich.color import ColorSystem
from rich.style import Style
from textual.color import Color
from textual.screen import ModalScreen
from textual.strip import Strip
from textual.widgets import Input, OptionList

from reader.core.analysis import ANALYZER_VERSION
from reader.core.model import Analysis, Article, Block, Entity, Feed, Mark, Quote
from reader.core.paths import bundled
from reader.core.store import Library
from reader.tui.screens.article import ArticleScreen
from reader.tui.screens.editor import ColorChooser, NoteEditor
from reader.tui.screens.entities import EntitiesScreen
from reader.tui.screens.entity_page import EntityPageScreen
from reader.tui.screens.notes import NotesScreen
from reader.tui.screens.related import RelatedScreen
from reader.tui.state.themes import load_themes
from reader.tui.widgets.entity_rows import EntityRows
from reader.tui.widgets.tab_bar import TabBar
from test_theme_contrast import MINIMUM, contrast
from tui_helpers import SIZE, MakeApp, MakeArticle, run

THEMES = [theme.name for theme in load_themes(bundled("themes")).themes]
SYSTEMS = {"truecolor": ColorSystem.TRUECOLOR, "256": ColorSystem.EIGHT_BIT}

CHAR_WIDTH, LINE_HEIGHT, BASELINE, TOP = 12.2, 24.4, 20.0, 1.5  # Rich's export_svg geometry
STYLE = re.compile(r"\.([\w-]+) \{ fill: (#[0-9a-fA-F]{6})")
RECT = re.compile(r'<rect fill="(#[0-9a-fA-F]{6})" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="[\d.]+" '
                  r'shape-rendering="crispEdges"/>')
TEXT = re.compile(r'<text class="([\w-]+)" x="([\d.]+)" y="([\d.]+)" textLength="[\d.]+"[^>]*>([^<]*)</text>')


def not_read(char: str) -> bool:
    """Glyphs drawn as lines, bars and blocks (rules, borders, scrollbars, the tab underline),
    and pictographs (the palette's 🔎), which a terminal draws in the emoji's own colours."""
    return char.isspace() or "\u2500" <= char <= "\u259f" or char in "▔▁▊▎▌▏█" or "\U0001f300" <= char <= "\U0001faff"


@dataclass(frozen=True)
class Cell:
    row: int
    column: int
    char: str
    fg: str
    bg: str


def drawn_cells(svg: str) -> Iterator[Cell]:
    """Each visible character of an exported screen with its colour and the background under it."""
    fills = dict(STYLE.findall(svg))
    under: dict[tuple[int, int], str] = {}
    for fill, x, y, width in RECT.findall(svg):
        row, first = round((float(y) - TOP) / LINE_HEIGHT), round(float(x) / CHAR_WIDTH)
        for column in range(first, first + round(float(width) / CHAR_WIDTH)):
            under[(row, column)] = fill  # a later rect is painted over an earlier one
    for name, x, y, text in TEXT.findall(svg):
        row, column = round((float(y) - BASELINE) / LINE_HEIGHT), round(float(x) / CHAR_WIDTH)
        for char in html.unescape(text):
            if name in fills:  # a cell with no rect is on the terminal's own background: "" says so
                yield Cell(row, column, char, fills[name], under.get((row, column), ""))
            column += cell_len(char)


def as_shown(color: str, system: str) -> str:
    """The colour a terminal of this colour system shows for `color` (#rrggbb); Rich caches
    parse and downgrade, so this is cheap per cell."""
    if not color or SYSTEMS[system] is ColorSystem.TRUECOLOR:
        return color
    return RichColor.parse(color).downgrade(SYSTEMS[system]).get_truecolor().hex


def line_of(cells: list[Cell], row: int, width: int = 70) -> str:
    """The row's words as drawn (spaces between runs included), for the failure message."""
    drawn = {cell.column: cell.char.replace("\xa0", " ") for cell in cells if cell.row == row}
    return "".join(drawn.get(column, " ") for column in range(max(drawn, default=-1) + 1)).strip()[:width]


def hard_to_read(svg: str, skip: set[tuple[int, int]] = frozenset(),
                 system: str = "truecolor") -> tuple[int, list[str]]:
    """(cells measured, one line per colour pair under MINIMUM with the words drawn in it),
    the colours as a terminal of `system` shows them."""
    drawn = [cell for cell in drawn_cells(svg) if (cell.row, cell.column) not in skip]
    cells = [cell for cell in drawn if not not_read(cell.char)]
    failing: dict[tuple[str, str], list[Cell]] = {}
    for cell in cells:
        fg, bg = as_shown(cell.fg, system), as_shown(cell.bg, system)
        if not bg or contrast(Color.parse(fg), Color.parse(bg)) < MINIMUM:
            failing.setdefault((cell.fg, cell.bg), []).append(cell)
    lines = []
    for (fg, bg), found in failing.items():
        shown_fg, shown_bg = as_shown(fg, system), as_shown(bg, system)
        ratio = contrast(Color.parse(shown_fg), Color.parse(shown_bg)) if bg else 0.0
        pair = f"{fg} on {bg or 'the terminal'}"
        if (shown_fg, shown_bg) != (fg, bg):
            pair += f" (shown {shown_fg} on {shown_bg or 'the terminal'})"
        rows = sorted({cell.row for cell in found})
        words = " | ".join(line_of(drawn, row) for row in rows[:3])
        lines.append(f"{pair} {ratio:.2f}:1, {len(found)} cells, rows {rows[:6]}: {words}")
    return len(cells), lines


# --- a small library with something on every screen --------------------------------------

PARAGRAPHS = [
    'Marco Rubio met Volodymyr Zelensky in Riyadh on Monday. "The talks went well," Rubio said.',
    "The council in Kyiv approved the plan; its harbour website has the details.",
    "Critics were not convinced. The mayor said the ferry would run by May.",
]


def place(text: str, surface: str, kind: str, name: str) -> list[Entity]:
    found, start = [], text.find(surface)
    while start >= 0:
        found.append(Entity(start, start + len(surface), kind, surface, name))  # type: ignore[arg-type]
        start = text.find(surface, start + len(surface))
    return found


def stock(library: Library, make_article: MakeArticle) -> Article:
    """Three articles (one read, one starred and tagged), an analysis, notes with #tags, a link."""
    site = PARAGRAPHS[1].index("harbour website")
    blocks = [Block("heading", "Talks in Riyadh", 2), Block("paragraph", PARAGRAPHS[0]),
              Block("paragraph", PARAGRAPHS[1], 0, (Mark(site, site + 15, "link", "https://harbour.example/"),)),
              Block("paragraph", PARAGRAPHS[2]), Block("heading", "Background", 4), Block("item", "Fares fall."),
              Block("item", "Two bus lines open."), Block("code", "ferry --timetable may"),
              Block("blockquote", "A harbour needs its ferry."), Block("caption", "The harbour at dawn.")]
    article = Article.create("Rubio meets Zelensky in Riyadh", blocks, author="Ann Author", source="The Daily Test",
                             published=date(2025, 3, 12))
    article.added = datetime(2025, 3, 14, 9, 0, tzinfo=timezone.utc)
    article = library.add(article)[0]
    text = library.article(article.id).text
    entities = [*place(text, "Marco Rubio", "PER", "Marco Rubio"), *place(text, "Volodymyr Zelensky", "PER",
                "Volodymyr Zelensky"), *place(text, "Riyadh", "LOC", "Riyadh"), *place(text, "Kyiv", "LOC", "Kyiv"),
                *place(text, "Monday", "DATE", "Monday"), *place(text, "The council", "ORG", "The council")]
    quote = text.index('"The talks')
    quotes = (Quote(quote, text.index('"', quote + 1) + 1, "The talks went well,", "Marco Rubio"),)
    library.save_analysis(article.id, Analysis(ANALYZER_VERSION, tuple(sorted(entities, key=lambda e: e.start)),
                                               quotes))
    start = text.index("The mayor said")
    library.annotate(article.id, start, start + 42, note="Is the ferry **funded**?", tags=["ferries", "harbour"])
    start = text.index("Critics")
    library.annotate(article.id, start, start + 26, note="who?", tags=["critics"], color=3)
    # Highlights over coloured words: names, a place, a date, a quote.
    start = text.index("Volodymyr")
    library.annotate(article.id, start, start + len("Volodymyr Zelensky in Riyadh on Monday"), color=2)
    library.annotate(article.id, quote, quote + len('"The talks went well,"'), color=5)
    start = text.index("The council")
    library.annotate(article.id, start, start + len("The council in Kyiv"), color=4)
    library.tag_article(article.id, add=["world"])
    library.update_article(article.id, starred=True)
    read = make_article("Budget vote delayed again", ["The budget deficit grew faster than forecast."],
                        source="City Desk", added=datetime(2025, 3, 10, 9, 0, tzinfo=timezone.utc))
    library.update_article(read.id, read=True)
    make_article("A river runs dry", ["The river ran dry in July."], author=None,
                 added=datetime(2025, 3, 8, 9, 0, tzinfo=timezone.utc))
    feed = library.subscribe(Feed.create("https://harbour.example/feed.xml", title="Harbour Gazette"))
    ferry = Article.create("Ferry timetable changes", [Block("paragraph", "The ferry leaves earlier.")],
                           source="Harbour Gazette")
    ferry.added, ferry.feed = datetime(2025, 3, 6, 9, 0, tzinfo=timezone.utc), feed.id
    library.add(ferry)
    return article


# --- the tour ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Shot:
    """One stop of the tour: the screen shown, its export and the cells not in play."""

    name: str
    screen: str
    svg: str
    skip: frozenset[tuple[int, int]]


class Tour:
    """Screens visited, each exported, to be measured in each colour system."""

    def __init__(self, pilot: Any, theme: str) -> None:
        self.pilot, self.theme = pilot, theme
        self.shots: list[Shot] = []

    async def look(self, name: str) -> None:
        await self.pilot.pause()
        app = self.pilot.app
        skip: set[tuple[int, int]] = set()
        if isinstance(app.screen, ModalScreen):  # what shows through its backdrop is not in play
            inside = {(y, x) for widget in app.screen.query("*") if widget.display
                      for y in range(widget.region.y, widget.region.bottom)
                      for x in range(widget.region.x, widget.region.right)}
            skip |= {(y, x) for y in range(app.size.height) for x in range(app.size.width)} - inside
        for chooser in app.screen.query(ColorChooser):  # the note colours are swatches, not words
            region = chooser.content_region
            skip |= {(y, x) for y in range(region.y, region.bottom) for x in range(region.x, region.right)}
        self.shots.append(Shot(name, type(app.screen).__name__, app.export_screenshot(), frozenset(skip)))

    def measure(self, system: str) -> tuple[dict[str, tuple[str, int]], list[str]]:
        """(stop -> (the screen shown, cells read), one line per pair under MINIMUM)."""
        measured, failures = {}, []
        for shot in self.shots:
            count, lines = hard_to_read(shot.svg, shot.skip, system)
            measured[shot.name] = (shot.screen, count)
            failures += [f"{self.theme} / {system} / {shot.name}: {line}" for line in lines]
        return measured, failures


async def visit(pilot: Any, tour: Tour) -> None:
    app = pilot.app
    await tour.look("library")
    await pilot.press("v")  # the side panel's cursor row
    await tour.look("library, side panel focused")
    await pilot.press("v", "c")
    await tour.look("library, compact")
    await pilot.press("c", "slash", *"rubio")
    await tour.look("library, filtered")
    await pilot.press("escape")
    await pilot.pause()
    app.screen.query_one("ArticleList").focus()
    await pilot.press("t")
    await tour.look("tag editor")
    await pilot.press("escape", "ctrl+p")
    await tour.look("command palette")
    await pilot.press("escape", "question_mark")
    await tour.look("help over the library")
    await pilot.press("escape")
    app.clear_notifications()
    for severity in ("warning", "error"):  # the app's own messages: a refused action, a broken file
        app.notify(f"A {severity} for the reader", title=severity.title(), severity=severity)  # type: ignore[arg-type]
    await tour.look("library, a warning and an error toast")
    cells = list(drawn_cells(app.export_screenshot()))
    assert any("error for the reader" in line_of(cells, row, SIZE[0]) for row in range(SIZE[1]))  # toasts drawn
    app.clear_notifications()
    await pilot.press("g", "enter")
    await pilot.pause()
    assert isinstance(app.screen, ArticleScreen)
    screen = app.screen
    for key, tab in (("1", "entities"), ("2", "quotes"), ("3", "notes"), ("4", "links")):
        await pilot.press(key)
        await pilot.hover(TabBar, offset=(30, 0))  # the mouse over a tab that is not the active one
        await tour.look(f"article, {tab} tab")
        lists = [each for each in screen.panel.query(OptionList) if each.display and each.region.area]
        lists[0].focus()
        lists[0].highlighted = min(1, lists[0].option_count - 1)
        await tour.look(f"article, {tab} tab, a row highlighted")
        await pilot.press("escape")
    await pilot.press("r")
    await tour.look("article, a toast")
    await app.entities.wait()
    await pilot.pause()
    await pilot.pause()
    assert isinstance(app.screen, RelatedScreen)
    await tour.look("related articles")
    await pilot.press("escape")
    await pilot.pause()
    assert app.screen is screen
    await pilot.press("l", "right_curly_bracket", "v", "right_parenthesis")
    await tour.look("article, caret and selection")
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(app.screen, NoteEditor)
    await pilot.press(*"A **note**", "tab", *"ferries")
    await tour.look("note editor")
    await pilot.press("escape")
    await pilot.pause()
    if app.screen is not screen:  # the editor asks before dropping what was typed
        await tour.look("dropping a typed note?")
        await pilot.press("y")
        await pilot.pause()
    assert app.screen is screen
    await pilot.press("question_mark")
    await tour.look("help over an article")
    await pilot.press("escape")
    await pilot.press("ctrl+n")
    await pilot.pause()
    await app.entities.wait()
    await pilot.pause()
    assert isinstance(app.screen, EntitiesScreen)
    await tour.look("entities")
    await pilot.press("down", "space", "down")  # a mark on one row, the cursor on the next
    await tour.look("entities, a row marked and one highlighted")
    await pilot.hover(EntityRows, offset=(6, 5))
    await tour.look("entities, the mouse over a row")
    await pilot.press("m")
    await tour.look("merging names?")
    await pilot.press("n")
    app.screen.query_one("#entity-filter", Input).value = "Rubio"
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, EntityPageScreen)
    await tour.look("entity page")
    await pilot.press("escape", "escape")
    await pilot.press("ctrl+f")
    await pilot.pause()
    await app.search.wait()
    await pilot.pause()
    assert isinstance(app.screen, NotesScreen)
    await tour.look("notes")
    app.screen.query_one("#query", Input).value = "ferry OR who"
    await pilot.pause()
    await pilot.press("down")
    await tour.look("notes, results with #tags, one highlighted")
    await pilot.press("ctrl+s")
    await tour.look("saving the search")


@pytest.fixture(scope="module")
def tours() -> dict[str, Tour]:
    """Each theme's tour, taken by the first test that needs it (the export is truecolor
    whatever the terminal: one tour serves every colour system)."""
    return {}


@pytest.mark.parametrize("system", SYSTEMS)
@pytest.mark.parametrize("theme", THEMES)
def test_every_word_on_every_screen_reads(theme: str, system: str, tours: dict[str, Tour], library: Library,
                                          make_article: MakeArticle, make_app: MakeApp) -> None:
    if theme not in tours:
        stock(library, make_article)

        async def scenario() -> None:
            app = make_app()
            async with app.run_test(size=SIZE, notifications=True) as pilot:  # toasts are drawn too
                app.theme = theme
                tour = Tour(pilot, theme)
                await visit(pilot, tour)
                tours[theme] = tour

        run(scenario())
    measured, failures = tours[theme].measure(system)
    unread = {name: count for name, (_, count) in measured.items() if count < 20}
    assert len(measured) == 30 and not unread, unread  # every stop was reached and read
    shown = {screen for screen, _ in measured.values()}
    assert shown >= {"LibraryScreen", "TagsEditor", "CommandPalette", "HelpScreen", "ArticleScreen", "RelatedScreen",
                     "NoteEditor", "Ask", "EntitiesScreen", "EntityPageScreen", "NotesScreen", "SaveSearch"}, shown
    assert not failures, f"below {MINIMUM}:1:\n" + "\n".join(failures)


def test_the_measure_finds_grey_on_grey() -> None:
    svg = ('<style>.t-r1 { fill: #777777 }\n.t-r2 { fill: #000000 }</style>'
           '<rect fill="#808080" x="0" y="1.5" width="24.4" height="24.65" shape-rendering="crispEdges"/>'
           '<rect fill="#ffffff" x="0" y="25.9" width="24.4" height="24.65" shape-rendering="crispEdges"/>'
           '<text class="t-r1" x="0" y="20" textLength="24.4" clip-path="url(#l)">ab</text>'
           '<text class="t-r2" x="0" y="44.4" textLength="24.4" clip-path="url(#l)">c─</text>'
           '<text class="t-r2" x="0" y="68.8" textLength="12.2" clip-path="url(#l)">d</text>')
    count, lines = hard_to_read(svg)
    assert count == 4  # the box line is not read
    assert len(lines) == 2 and lines[0].startswith("#777777 on #808080 1.") and "ab" in lines[0]
    assert lines[1].startswith("#000000 on the terminal")  # no background drawn under it: not known to read


def test_the_measure_sees_colours_as_a_256_colour_terminal_shows_them() -> None:
    """The dark theme's old cursor row #283242 is teal #005f5f in 256 colours, where grey
    #9e9e9e (shown #949494) reads at 2.9:1 though it reads at 5.6:1 in truecolor."""
    svg = ('<style>.t-r1 { fill: #9e9e9e }</style>'
           '<rect fill="#283242" x="0" y="1.5" width="24.4" height="24.65" shape-rendering="crispEdges"/>'
           '<text class="t-r1" x="0" y="20" textLength="24.4" clip-path="url(#l)">ab</text>')
    assert hard_to_read(svg, system="truecolor") == (2, [])
    count, lines = hard_to_read(svg, system="256")
    assert count == 2 and len(lines) == 1
    assert lines[0].startswith("#9e9e9e on #283242 (shown #949494 on #005f5f) 2.")


@pytest.mark.parametrize("color", ["#283242", "#9ca3b0", "#2a2f38", "#d6e2ef", "#a08fe0", "#944a00", "#fafaf7"])
def test_the_256_colour_measure_is_what_textual_writes(color: str) -> None:
    """Textual writes each colour to a 256-colour terminal as the palette entry this test measures."""
    shown = RichColor.parse(color).downgrade(ColorSystem.EIGHT_BIT)
    assert Strip.render_ansi(Style(color=color), ColorSystem.EIGHT_BIT) == f"38;5;{shown.number}"
    assert as_shown(color, "256") == shown.get_truecolor().hex != color
