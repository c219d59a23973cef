"""The library's side panel: All, Unread, Starred, Annotated, Orphans (only while a refresh
has left notes it could not place), every tag, then the saved searches, with counts.

Choosing a view (Enter or a click) asks the screen to show only those articles; choosing
a saved search (a note search) asks to run it on the Notes screen, and `d` on one deletes
it. Tags and search names are user text: they are drawn as plain Content.
"""

from __future__ import annotations

from collections import Counter

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.core.model import Article
from reader.tui.widgets.safe import clean
from reader.tui.widgets.article_list import TAG_VIEW

WIDTH = 24
LABELS = {"all": "All", "unread": "Unread", "starred": "Starred", "annotated": "Annotated", "orphans": "Orphans"}
CURRENT_MARK = "▸"
SEARCH_VIEW = "search:"
SEARCH_MARK = "⌕"


def view_counts(
    articles: list[Article], note_counts: dict[str, int], orphan_counts: dict[str, int] | None = None
) -> dict[str, int]:
    """How many articles each side-panel entry shows, keyed by view id ("all", "tag:x", ...).

    "orphans" (articles with notes a refresh could not place) is there only when there are some.
    """
    counts = {
        "all": len(articles),
        "unread": sum(not a.read for a in articles),
        "starred": sum(a.starred for a in articles),
        "annotated": sum(note_counts.get(a.id, 0) > 0 for a in articles),
    }
    if orphaned := sum((orphan_counts or {}).get(a.id, 0) > 0 for a in articles):
        counts["orphans"] = orphaned
    tags = Counter(tag for a in articles for tag in a.tags)
    for tag in sorted(tags):
        counts[TAG_VIEW + tag] = tags[tag]
    return counts


def view_label(view: str) -> str:
    if view.startswith(SEARCH_VIEW):
        return f"{SEARCH_MARK} {view.removeprefix(SEARCH_VIEW)}"
    return LABELS.get(view) or "#" + view.removeprefix(TAG_VIEW)


def entry_prompt(view: str, count: int | None, current: bool, width: int) -> Content:
    """`▸ Label ....... 12`: the label cut to fit, the count right-aligned ("…" while unknown)."""
    number = "…" if count is None else str(count)
    room = max(1, width - 2 - len(number) - 1)
    label = clean(view_label(view))
    if len(label) > room:
        label = label[: room - 1] + "…"
    return Content.assemble(
        (CURRENT_MARK if current else " ", "$accent"),
        " ",
        (label, "bold" if current else ""),
        " " * (width - 2 - len(label) - len(number)),
        (number, "dim"),
        strip_control_codes=False,
    )


class LibrarySidebar(OptionList):
    """Views of the library; the current one is marked."""

    DEFAULT_CSS = f"""
    LibrarySidebar {{
        width: {WIDTH};
        height: 1fr;
        border: none;
        border-right: vkey $foreground 15%;
        padding: 0;
        background: $background;
    }}
    LibrarySidebar:focus {{
        border: none;
        border-right: vkey $accent;
    }}
    LibrarySidebar > .option-list--option {{
        padding: 0 0;
    }}
    """

    BINDINGS = [
        Binding("d", "delete_search", "Delete search", id="library.delete_search",
                tooltip="Delete the highlighted saved search"),
    ]

    class DeleteSearch(Message):
        """The user asked to delete a saved search."""

        def __init__(self, name: str) -> None:
            super().__init__()
            self.name = name

    class Chosen(Message):
        """The user chose a view: "all", "unread", "starred", "annotated", "orphans", "tag:<tag>",
        or a saved search: "search:<name>"."""

        def __init__(self, view: str) -> None:
            super().__init__()
            self.view = view

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.current = "all"
        self.counts: dict[str, int] = {}
        self.searches: dict[str, str] = {}  # name -> query
        self.search_counts: dict[str, int] = {}

    def show(
        self, articles: list[Article], note_counts: dict[str, int], orphan_counts: dict[str, int] | None = None
    ) -> None:
        """Recount the entries; the current view stays chosen (falls back to All if its tag is gone)."""
        self.counts = view_counts(articles, note_counts, orphan_counts)
        if self.current not in self.counts:
            self.current = "all"
        self._draw()

    def show_searches(self, searches: dict[str, str], counts: dict[str, int] | None = None) -> None:
        """The saved searches (name -> query) and how many notes each finds (unknown: "…")."""
        self.searches = dict(searches)
        self.search_counts = dict(counts or {})
        self._draw()

    def choose(self, view: str) -> None:
        self.current = view if view in self.counts else "all"
        self._draw()

    def _draw(self) -> None:
        highlighted = self.highlighted_option.id if self.highlighted_option else self.current
        width = WIDTH - 2  # the right border, and a column of air
        options: list[Option | None] = []
        for view, count in self.counts.items():
            if view.startswith(TAG_VIEW) and options and options[-1] is not None and options[-1].id in LABELS:
                options.append(None)  # a rule between the fixed views and the tags
            options.append(Option(entry_prompt(view, count, view == self.current, width), id=view))
        if self.searches:
            options.append(None)  # a rule above the saved searches
        for name in self.searches:
            view = SEARCH_VIEW + name
            options.append(Option(entry_prompt(view, self.search_counts.get(name), False, width), id=view))
        self.set_options(options)
        views = [*self.counts, *(SEARCH_VIEW + name for name in self.searches)]
        self.highlighted = views.index(highlighted) if highlighted in views else 0

    @property
    def highlighted_search(self) -> str | None:
        option = self.highlighted_option
        if option is not None and option.id and option.id.startswith(SEARCH_VIEW):
            return option.id.removeprefix(SEARCH_VIEW)
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "delete_search":
            return self.highlighted_search is not None
        return True

    def action_delete_search(self) -> None:
        if (name := self.highlighted_search) is not None:
            self.post_message(self.DeleteSearch(name))

    def on_option_list_option_highlighted(self) -> None:
        self.refresh_bindings()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Chosen(event.option.id))
