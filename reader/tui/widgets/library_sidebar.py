"""The library's side panel: All, Unread, Starred, Annotated, then every tag, with counts.

Choosing an entry (Enter or a click) asks the screen to show only those articles. Tags
are user text (and may come from imported articles): they are drawn as plain Content.
"""

from __future__ import annotations

from collections import Counter

from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.core.model import Article
from reader.tui.safe import clean
from reader.tui.widgets.article_list import TAG_VIEW

WIDTH = 24
LABELS = {"all": "All", "unread": "Unread", "starred": "Starred", "annotated": "Annotated"}
CURRENT_MARK = "▸"


def view_counts(articles: list[Article], note_counts: dict[str, int]) -> dict[str, int]:
    """How many articles each side-panel entry shows, keyed by view id ("all", "tag:x", ...)."""
    counts = {
        "all": len(articles),
        "unread": sum(not a.read for a in articles),
        "starred": sum(a.starred for a in articles),
        "annotated": sum(note_counts.get(a.id, 0) > 0 for a in articles),
    }
    tags = Counter(tag for a in articles for tag in a.tags)
    for tag in sorted(tags):
        counts[TAG_VIEW + tag] = tags[tag]
    return counts


def view_label(view: str) -> str:
    return LABELS.get(view) or "#" + view.removeprefix(TAG_VIEW)


def entry_prompt(view: str, count: int, current: bool, width: int) -> Content:
    """`▸ Label ....... 12`: the label cut to fit, the count right-aligned."""
    number = str(count)
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

    class Chosen(Message):
        """The user chose a view: "all", "unread", "starred", "annotated" or "tag:<tag>"."""

        def __init__(self, view: str) -> None:
            super().__init__()
            self.view = view

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.current = "all"
        self.counts: dict[str, int] = {}

    def show(self, articles: list[Article], note_counts: dict[str, int]) -> None:
        """Recount the entries; the current view stays chosen (falls back to All if its tag is gone)."""
        self.counts = view_counts(articles, note_counts)
        if self.current not in self.counts:
            self.current = "all"
        self._draw()

    def choose(self, view: str) -> None:
        self.current = view if view in self.counts else "all"
        self._draw()

    def _draw(self) -> None:
        highlighted = self.highlighted_option.id if self.highlighted_option else self.current
        width = WIDTH - 2  # the right border, and a column of air
        options: list[Option | None] = []
        for view, count in self.counts.items():
            if view.startswith(TAG_VIEW) and options and options[-1] is not None and options[-1].id == "annotated":
                options.append(None)  # a rule between the fixed views and the tags
            options.append(Option(entry_prompt(view, count, view == self.current, width), id=view))
        self.set_options(options)
        views = list(self.counts)
        self.highlighted = views.index(highlighted) if highlighted in views else 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Chosen(event.option.id))
