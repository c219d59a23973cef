"""The article screen's side panel: tabs listing the article's entities, quotes, notes and links.

Each tab is an `OptionList`, which draws only the rows on screen, so a long article's
hundreds of mentions cost nothing to show. The panel never scrolls the article itself:
it posts `Jump(start, end)` (article offsets) and the screen acts on it. It has no keys
of its own but the lists' cursor keys: the screen's keys ask it for the note, link or
entity mention it has chosen (`current_note`, `current_link`, `step`), whatever has focus. Rows are built by the pure functions in
`panel_items`, from plain text only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.core.links import NumberedLink
from reader.core.model import Analysis, Annotation, Quote
from reader.tui.widgets.panel_items import (
    NO_LINKS,
    NO_NOTES,
    NO_QUOTES,
    PENDING,
    EntitySummary,
    entity_prompt,
    heading_prompt,
    in_text_order,
    link_prompt,
    mention_status,
    no_names_line,
    note_prompt,
    quote_prompt,
    quotes_in_text_order,
    summarise_entities,
)
from reader.tui.widgets.tab_bar import TabBar

TabName = Literal["entities", "quotes", "notes", "links"]
TABS: tuple[TabName, ...] = ("entities", "quotes", "notes", "links")
WIDTH = 40
ROW_WIDTH = WIDTH - 4  # a list row's columns: the panel less its border and the list's scrollbar
ENTITY_ID = "entity:"
QUOTE_ID = "quote:"
NOTE_ID = "note:"
LINK_ID = "link:"


def _placeholder(text: str) -> list[Option]:
    """An empty tab's single, unselectable row saying why it is empty."""
    return [Option(text, disabled=True)]


def _index(option_id: str | None, prefix: str) -> int | None:
    if option_id is None or not option_id.startswith(prefix):
        return None
    return int(option_id.removeprefix(prefix))


class EntityList(OptionList):
    """Entities grouped by type; headings are disabled rows, so the cursor skips them."""


class QuoteList(OptionList):
    """The article's quotes in text order."""


class NoteList(OptionList):
    """The user's highlights in text order; the screen's `e` and `d` edit or delete the highlighted one."""


class LinkList(OptionList):
    """The article's links, numbered as in the text; Enter shows one, the screen's `O` opens it."""


LISTS: dict[TabName, type[OptionList]] = {
    "entities": EntityList, "quotes": QuoteList, "notes": NoteList, "links": LinkList,
}


class ArticlePanel(Vertical):
    """Tabs "entities", "quotes", "notes" and "links" beside the article.

    A `TabBar` over the four lists, the shown tab's list displayed and the others not
    (Textual's TabbedContent, with its Tabs, a switcher and a pane per tab, was 16 widgets
    where these are 2: a quarter of the time to open an article, for the same screen).

    Choosing an entity jumps to its first mention; choosing it again (or the screen's
    "next mention" key) steps to the next one, wrapping. A status line under the list
    says which mention is shown. Its tab bar takes no focus: Tab goes from the text to
    the list shown and back.
    """

    DEFAULT_CSS = f"""
    ArticlePanel {{
        width: {WIDTH};
        height: 1fr;
        border-left: vkey $foreground 15%;
    }}
    ArticlePanel OptionList {{
        height: 1fr;
        border: none;
        padding: 0;
        background: $background;
    }}
    ArticlePanel OptionList:focus {{
        border: none;
    }}
    ArticlePanel OptionList > .option-list--option-disabled {{
        color: $text-muted;
    }}
    ArticlePanel #panel-mention {{
        height: auto;
        color: $text-muted;
        padding: 0 1;
    }}
    """

    class Jump(Message):
        """Scroll the article to [start, end) (article offsets) and mark it."""

        def __init__(self, start: int, end: int) -> None:
            super().__init__()
            self.start = start
            self.end = end

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.entities: list[EntitySummary] = []
        self.quotes: list[Quote] = []
        self.annotations: list[Annotation] = []
        self.links: dict[int, tuple[int, int]] = {}  # link number -> its [start, end) in the article's text
        self.current: int | None = None  # index in `entities` of the entity being stepped through
        self.mention = 0
        self._tab: TabName = TABS[0]  # the tab shown

    def compose(self) -> ComposeResult:
        yield TabBar([(name, name.capitalize()) for name in TABS], active=TABS[0])
        yield EntityList(*_placeholder(PENDING), id="panel-entities", markup=False)
        yield Static("", id="panel-mention", markup=False)
        for kind, name, text in ((QuoteList, "quotes", PENDING), (NoteList, "notes", NO_NOTES), (LinkList, "links", NO_LINKS)):
            hidden = kind(*_placeholder(text), id=f"panel-{name}", markup=False)
            hidden.display = False
            yield hidden

    def on_mount(self) -> None:
        self._show_status()

    # -- filling -----------------------------------------------------------------------------

    def show_analysis(self, analysis: Analysis, merges: Mapping[str, str] | None = None, text: str = "") -> None:
        """Fill the Entities and Quotes tabs, names the user merged under the name they joined;
        the entity being stepped through is kept if still there. With no names, the article's
        `text` says whether that is its language."""
        previous = self.entities[self.current].name if self.current is not None else None
        groups = summarise_entities(analysis.entities, merges)
        self.entities = [summary for group in groups.values() for summary in group]
        options: list[Option] = []
        index = 0
        for kind, group in groups.items():
            options.append(Option(heading_prompt(kind, len(group)), id=f"type:{kind}", disabled=True))
            for summary in group:
                options.append(Option(entity_prompt(summary, ROW_WIDTH), id=f"{ENTITY_ID}{index}"))
                index += 1
        self.current = self._find(previous) if previous else None
        if self.current is None:
            self.mention = 0
        else:
            self.mention = min(self.mention, self.entities[self.current].count - 1)
        entity_list = self.query_one(EntityList)
        entity_list.set_options(options or _placeholder(no_names_line(text)))
        self._highlight_entity(self.current)
        self._show_status()

        self.quotes = quotes_in_text_order(analysis.quotes)
        quote_list = self.query_one(QuoteList)
        quote_list.set_options(
            [Option(quote_prompt(quote), id=f"{QUOTE_ID}{i}") for i, quote in enumerate(self.quotes)]
            or _placeholder(NO_QUOTES)
        )
        if self.quotes:
            quote_list.highlighted = 0

    def show_annotations(self, annotations: Sequence[Annotation]) -> None:
        """Fill the Notes tab, in text order; the highlighted note stays highlighted if still there."""
        note_list = self.query_one(NoteList)
        before = self._annotation_at(note_list.highlighted)
        self.annotations = in_text_order(annotations)
        note_list.set_options(
            [Option(note_prompt(a), id=f"{NOTE_ID}{i}") for i, a in enumerate(self.annotations)]
            or _placeholder(NO_NOTES)
        )
        if self.annotations:
            ids = [a.id for a in self.annotations]
            note_list.highlighted = ids.index(before.id) if before and before.id in ids else 0

    def show_links(self, links: Sequence[NumberedLink], block_starts: Sequence[int]) -> None:
        """Fill the Links tab: every link, by its number."""
        self.links = {
            link.number: (block_starts[link.block] + link.start, block_starts[link.block] + link.end) for link in links
        }
        link_list = self.query_one(LinkList)
        link_list.set_options(
            [Option(link_prompt(link), id=f"{LINK_ID}{link.number}") for link in links] or _placeholder(NO_LINKS)
        )
        if links:
            link_list.highlighted = 0

    # -- navigation ---------------------------------------------------------------------------

    def show_tab(self, name: TabName, *, focus: bool = True) -> None:
        """Switch to a tab and (unless not asked) put the focus on its list."""
        if name not in TABS:
            return
        self.query_one(TabBar).active = name
        self._show_list(name)
        if focus:
            self.screen.set_focus(self.query_one(LISTS[name]))

    def show_entity(self, name: str, at: int | None = None) -> None:
        """Switch to Entities, highlight `name`'s row and jump to its first mention (or to the
        mention starting at offset `at`, when the reader clicked one in the text)."""
        index = self._find(name)
        if index is None:
            return
        self.show_tab("entities")
        starts = [start for start, _ in self.entities[index].mentions]
        self._choose(index, starts.index(at) if at in starts else 0)

    @property
    def active_tab(self) -> str:
        return self._tab if self.display else ""

    def current_note(self) -> Annotation | None:
        """The note highlighted in the Notes tab, when the panel shows that tab."""
        if self.active_tab != "notes":
            return None
        return self._annotation_at(self.query_one(NoteList).highlighted)

    def current_entity(self) -> str | None:
        """The name highlighted in the Entities tab (or being stepped through), when the panel shows that tab."""
        if self.active_tab != "entities":
            return None
        option = self.query_one(EntityList).highlighted_option
        index = _index(option.id if option else None, ENTITY_ID)
        index = self.current if index is None else index
        return self.entities[index].name if index is not None and index < len(self.entities) else None

    def current_link(self) -> int | None:
        """The number of the link highlighted in the Links tab, when the panel shows that tab."""
        if self.active_tab != "links":
            return None
        option = self.query_one(LinkList).highlighted_option
        return _index(option.id if option else None, LINK_ID)

    @property
    def stepping(self) -> bool:
        """The Entities tab is shown with entities: their mentions can be stepped through."""
        return bool(self.entities) and self.active_tab == "entities"

    def step(self, direction: int) -> None:
        """The chosen entity's next (1) or previous (-1) mention, shown in the text (with none
        chosen yet, the highlighted one's first or last)."""
        self._step(direction)

    # -- events -------------------------------------------------------------------------------

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id
        if (index := _index(option_id, ENTITY_ID)) is not None:
            if index == self.current:
                self._step(1)
            else:
                self._choose(index, 0)
        elif (index := _index(option_id, QUOTE_ID)) is not None:
            quote = self.quotes[index]
            self.post_message(self.Jump(quote.start, quote.end))
        elif (index := _index(option_id, NOTE_ID)) is not None:
            selector = self.annotations[index].selector
            self.post_message(self.Jump(selector.start, selector.end))
        elif (number := _index(option_id, LINK_ID)) is not None and number in self.links:
            self.post_message(self.Jump(*self.links[number]))

    def on_tab_bar_changed(self, event: TabBar.Changed) -> None:
        """A tab chosen on the bar (a click) or by `show_tab`: its list is shown."""
        event.stop()
        if event.tab in TABS:
            self._show_list(event.tab)  # type: ignore[arg-type]
        self.screen.refresh_bindings()

    def _show_list(self, name: TabName) -> None:
        """Display tab `name`'s list (and the mention line with the entities), hide the others."""
        if name == self._tab:
            return
        self._tab = name
        for tab, kind in LISTS.items():
            self.query_one(kind).display = tab == name
        self._show_status()

    # -- helpers ------------------------------------------------------------------------------

    def _find(self, name: str) -> int | None:
        for index, summary in enumerate(self.entities):
            if summary.name == name:
                return index
        return None

    def _annotation_at(self, row: int | None) -> Annotation | None:
        return self.annotations[row] if row is not None and 0 <= row < len(self.annotations) else None

    def _choose(self, index: int, mention: int) -> None:
        self.current = index
        self.mention = mention
        self._highlight_entity(index)
        self._jump_to_mention()
        self.screen.refresh_bindings()

    def _step(self, direction: int) -> None:
        """Move through the current entity's mentions; with none chosen yet, choose the highlighted one."""
        if self.current is None:
            highlighted = self.query_one(EntityList).highlighted_option
            index = _index(highlighted.id if highlighted else None, ENTITY_ID)
            if index is not None:
                self._choose(index, 0 if direction > 0 else self.entities[index].count - 1)
            return
        total = self.entities[self.current].count
        self.mention = (self.mention + direction) % total
        self._jump_to_mention()

    def _jump_to_mention(self) -> None:
        if self.current is None:
            return
        start, end = self.entities[self.current].mentions[self.mention]
        self._show_status()
        self.post_message(self.Jump(start, end))

    def _highlight_entity(self, index: int | None) -> None:
        entity_list = self.query_one(EntityList)
        if index is not None:
            entity_list.highlighted = entity_list.get_option_index(f"{ENTITY_ID}{index}")
        elif self.entities:
            entity_list.highlighted = entity_list.get_option_index(f"{ENTITY_ID}0")

    def _show_status(self) -> None:
        status = self.query_one("#panel-mention", Static)
        status.display = self.current is not None and self._tab == "entities"
        if self.current is not None:
            summary = self.entities[self.current]
            status.update(Content(mention_status(summary.name, self.mention, summary.count)))
