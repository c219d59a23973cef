"""The library's side panel: All, Unread, Starred, Annotated, Orphans (only while a refresh
has left notes it could not place), each subscribed feed with its unread articles, every
tag, then the saved searches, with counts.

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

from reader.core.model import Article, Feed
from reader.tui.widgets.safe import clean
from reader.tui.widgets.article_list import FEED_VIEW, TAG_VIEW

WIDTH = 24
LABELS = {"all": "All", "unread": "Unread", "starred": "Starred", "annotated": "Annotated", "orphans": "Orphans"}
CURRENT_MARK = "▸"
SEARCH_VIEW = "search:"
SEARCH_MARK = "⌕"
FEEDS_HEADING = "heading:feeds"  # a line that says what the feeds' numbers count; never chosen


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


def feed_counts(articles: list[Article], feeds: list[Feed]) -> dict[str, int]:
    """Each feed's unread articles, keyed by its view id ("feed:<id>"), in the feeds' order."""
    unread = Counter(a.feed for a in articles if a.feed and not a.read)
    return {FEED_VIEW + feed.id: unread[feed.id] for feed in feeds}


def feed_label(feed: Feed) -> str:
    return (feed.title or "").strip() or feed.url


def view_label(view: str) -> str:
    if view.startswith(SEARCH_VIEW):
        return f"{SEARCH_MARK} {view.removeprefix(SEARCH_VIEW)}"
    return LABELS.get(view) or "#" + view.removeprefix(TAG_VIEW)


def entry_prompt(view: str, count: int | None, current: bool, width: int, label: str | None = None) -> Content:
    """`▸ Label ....... 12`: the label cut to fit, the count right-aligned ("…" while unknown)."""
    number = "…" if count is None else str(count)
    room = max(1, width - 2 - len(number) - 1)
    label = clean(view_label(view) if label is None else label)
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


def heading_prompt(label: str, note: str, width: int) -> Content:
    """`  Feeds ..... unread`: what the numbers under it count."""
    return Content.assemble(
        "  ", (label, "bold"), " " * max(1, width - 2 - len(label) - len(note)), note  # muted by the CSS
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
        /* The scrollbar's column is always kept (blank when the rows fit): the rows are drawn
           for one width, so a scrollbar that comes with more rows than fit never wraps each
           count onto a line of its own (80x24 with 9 feeds and 7 tags did, and kept it). */
        scrollbar-gutter: stable;
        scrollbar-size-vertical: 1;
    }}
    LibrarySidebar:focus {{
        border: none;
        border-right: vkey $accent;
    }}
    LibrarySidebar > .option-list--option {{
        padding: 0 0;
    }}
    LibrarySidebar > .option-list--option-disabled {{
        color: $text-muted;
    }}
    LibrarySidebar:focus {{
        background-tint: 0%;
    }}
    LibrarySidebar > .option-list--option-highlighted,
    LibrarySidebar:focus > .option-list--option-highlighted {{
        color: $foreground;
        background: $cursor-row;
        text-style: none;
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
        self.feeds: dict[str, Feed] = {}  # view id ("feed:<id>") -> the feed
        self.feed_counts: dict[str, int] = {}  # view id -> its unread articles
        self.searches: dict[str, str] = {}  # name -> query
        self.search_counts: dict[str, int] = {}

    def show(
        self,
        articles: list[Article],
        note_counts: dict[str, int],
        orphan_counts: dict[str, int] | None = None,
        feeds: list[Feed] | None = None,
    ) -> None:
        """Recount the entries; the current view stays chosen (falls back to All if its tag
        or feed is gone)."""
        self.counts = view_counts(articles, note_counts, orphan_counts)
        self.feeds = {FEED_VIEW + feed.id: feed for feed in feeds or []}
        self.feed_counts = feed_counts(articles, feeds or [])
        if not self.is_view(self.current):
            self.current = "all"
        self._draw()

    def is_view(self, view: str) -> bool:
        return view in self.counts or view in self.feeds

    def label(self, view: str) -> str:
        """The entry's name as the panel shows it (a feed's title)."""
        feed = self.feeds.get(view)
        return feed_label(feed) if feed is not None else view_label(view)

    @property
    def highlighted_feed(self) -> Feed | None:
        """The feed the panel's cursor is on, if it is on one."""
        option = self.highlighted_option
        return self.feeds.get(option.id or "") if option is not None else None

    def show_searches(self, searches: dict[str, str], counts: dict[str, int] | None = None) -> None:
        """The saved searches (name -> query) and how many notes each finds (unknown: "…")."""
        self.searches = dict(searches)
        self.search_counts = dict(counts or {})
        self._draw()

    def choose(self, view: str) -> None:
        self.current = view if self.is_view(view) else "all"
        self._draw()

    def _draw(self) -> None:
        """Fixed views, a rule, the feeds under their heading, a rule, the tags, a rule, the searches."""
        highlighted = self.highlighted_option.id if self.highlighted_option else self.current
        width = WIDTH - 2  # the right border, and the scrollbar's column (air while the rows fit)
        fixed = {view: count for view, count in self.counts.items() if not view.startswith(TAG_VIEW)}
        tags = {view: count for view, count in self.counts.items() if view.startswith(TAG_VIEW)}
        groups: list[list[Option]] = [
            [Option(entry_prompt(view, count, view == self.current, width), id=view) for view, count in fixed.items()]
        ]
        if self.feeds:
            groups.append([Option(heading_prompt("Feeds", "unread", width), id=FEEDS_HEADING, disabled=True)] + [
                Option(entry_prompt(view, self.feed_counts.get(view, 0), view == self.current, width,
                                    ("! " if feed.failed else "") + feed_label(feed)), id=view)  # "!": its last refresh failed
                for view, feed in self.feeds.items()
            ])
        if tags:
            groups.append([Option(entry_prompt(view, count, view == self.current, width), id=view)
                           for view, count in tags.items()])
        if self.searches:
            groups.append([Option(entry_prompt(SEARCH_VIEW + name, self.search_counts.get(name), False, width),
                                  id=SEARCH_VIEW + name) for name in self.searches])
        options: list[Option | None] = []
        for group in groups:
            if options:
                options.append(None)  # a rule between groups
            options.extend(group)
        self.set_options(options)
        views = [option.id for option in options if option is not None]
        self.highlighted = views.index(highlighted) if highlighted in views and highlighted != FEEDS_HEADING else 0

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
