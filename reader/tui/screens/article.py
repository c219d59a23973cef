"""The reading screen: the article's header and one selectable Static per block.

Opening an article marks it read and returns to where the reader left off; the
position kept is the index of the block at the top of the view, which survives a
change of terminal width (a line number would not). The keys are in `article_keys`,
the actions on notes in `article_notes`, on the article as a whole in
`article_actions`, on links in `article_links`, on the side panel in `article_side`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace

from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import OptionList, Static

from reader.core.links import NumberedLink, numbered_links
from reader.core.model import ANALYZER_VERSION, Analysis, Annotation, Article
from reader.core.store import Library, LibraryError
from reader.tui.commands.keymap import key_for
from reader.tui.screens.article_actions import ArticleActions
from reader.tui.screens.article_keys import (
    ARTICLE_BINDINGS, HELP_ALWAYS, HELP_CARET, HELP_NO_CARET, HELP_PANEL, PANEL_BARS, READING_BAR, SELECTING_BAR,
)
from reader.tui.screens.article_links import LinkActions
from reader.tui.screens.article_side import PANEL_MIN_WIDTH, PanelActions
from reader.tui.screens.article_notes import NoteActions
from reader.tui.state.caret import Unit
from reader.tui.textual_private import StyledOnFirstResume, notify_kept, release_render_caches, withdraw
from reader.tui.widgets.article_header import article_header, meta_line
from reader.tui.widgets.article_panel import WIDTH as PANEL_WIDTH
from reader.tui.widgets.article_panel import ArticlePanel
from reader.tui.widgets.bars import KeyBar, TitleBar
from reader.tui.widgets.block import BlockView, block_widget
from reader.tui.widgets.layers import LayerName, Layers, by_block
from reader.tui.widgets.parts import PartNav, part_of, split_parts
from reader.tui.widgets.reading_view import ReadingView, overflows
from reader.tui.widgets.safe import clean


READING_COLUMNS = 80  # the widest a block is drawn (#reading > * in app.tcss)
OUTSIDE_CHANGES_EVERY = 1.0  # seconds between looks for other processes' changes


class AnalysisReady(Message):
    """The worker's result: an article's analysis, or why there is none."""

    def __init__(self, article_id: str, analysis: Analysis | None, error: str = "") -> None:
        super().__init__()
        self.article_id = article_id
        self.analysis = analysis
        self.error = error


class ArticleScreen(ArticleActions, NoteActions, LinkActions, PanelActions, StyledOnFirstResume, Screen[str]):
    """One article, read top to bottom with a caret; Escape goes back one step.

    The text shows at once, with the stored analysis (entities, quotes) drawn over it;
    an article with none (or an outdated one) is analysed in a thread and its layers are
    drawn when that ends. Every key is the screen's, the same wherever the focus is
    (`reader.tui.screens.article_keys`). `[`/`]` and `n` read another article of the list
    it was opened from (`neighbours`) in this same screen. The screen returns the id of
    the article last read, so the list can highlight it.
    """

    AUTO_FOCUS = "#reading"
    BINDINGS = ARTICLE_BINDINGS

    def __init__(self, library: Library, article: Article, neighbours: Sequence[str] = ()) -> None:
        super().__init__()
        self.library = library
        self.neighbours = list(neighbours)
        self.shown_layers = Layers()
        self._related_asked = False  # "related" pressed before the ledger was built
        self._reading: ReadingView | None = None
        self._panel: ArticlePanel | None = None
        self.panel_by_hand = False  # see PanelActions.fit_panel
        self.panel_chosen = False
        self._how_to: object = None  # the "Move the caret ..., then v" toast, while it stands
        self._set_article(article)

    def _set_article(self, article: Article) -> None:
        if article.blocks is None:
            raise ValueError("the reader needs the article with its body")
        self.article = article
        self.blocks = article.blocks
        self.block_starts = article.block_starts()  # `article` is later replaced by one without blocks
        self.text = article.text
        self.links: list[NumberedLink] = numbered_links(self.blocks)
        self.parts = split_parts(self.block_starts, len(self.text))
        self.part = part_of(self.parts, article.position)
        self.analysis: Analysis | None = None
        self.landed: tuple[int, int] | None = None  # the passage it was opened at (see back_state)
        self.annotations: list[Annotation] = []
        self._seen = self.library.signatures(article.id)  # see follow_outside_changes

    @property
    def panel(self) -> ArticlePanel:
        """The side panel (kept from `compose`, like `reading`)."""
        assert self._panel is not None, "the screen is not composed yet"
        return self._panel

    @property
    def reading(self) -> ReadingView:
        """The text's view (kept from `compose`: `check_action` asks for it on every key)."""
        assert self._reading is not None, "the screen is not composed yet"
        return self._reading

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="body"):
            with ReadingView(self.text, self.block_starts, id="reading", long=self._long()) as self._reading:
                yield from article_header(self.article)
                links_in: dict[int, list[NumberedLink]] = {}
                for link in self.links:
                    links_in.setdefault(link.block, []).append(link)
                for index in self.parts[self.part]:
                    after = self.blocks[index + 1].kind if index + 1 < len(self.blocks) else None
                    yield block_widget(index, self.blocks[index], self.block_starts[index], links_in.get(index, ()),
                                       next_kind=after)
                if len(self.parts) > 1:
                    keys = f"{key_for(self, 'article.next_part')} next part, {key_for(self, 'article.previous_part')} previous"
                    yield PartNav(self.part, self.parts, self.block_starts, len(self.text), keys)
                if not self.blocks:
                    yield Static("This article has no text.", id="no-text", markup=False)
            self._panel = ArticlePanel(id="panel")
            yield self._panel
        yield KeyBar()

    def _long(self) -> bool:
        """The part shown will need a scrollbar at the terminal's size (see `overflows`)."""
        width, height = self.app.size
        columns = min(READING_COLUMNS, width - (PANEL_WIDTH if width >= PANEL_MIN_WIDTH else 0) - 6)
        return overflows((self.blocks[i].text for i in self.parts[self.part]), columns, height - 8)

    def on_mount(self) -> None:
        self.fit_panel(self.app.size.width)
        self._open()
        self.set_interval(OUTSIDE_CHANGES_EVERY, self.follow_outside_changes)

    def on_unmount(self) -> None:
        release_render_caches()  # the lines this screen drew go with it

    def _open(self) -> None:
        """What opening an article does: mark it read, go back to the reader's place, draw layers."""
        release_render_caches()  # those of the article shown before in this screen, if any
        self.sub_title = clean(self.article.title)
        self.panel.show_links(self.links, self.block_starts)
        if not self.article.read:
            self._update(lambda: self.library.update_article(self.article.id, read=True))
        self.call_after_refresh(self.restore_position)
        stored = self._stored_analysis()
        self.analysis = stored  # so the blocks are drawn once, with highlights and analysis together
        self.load_annotations()
        if stored is None:
            self.load_analysis()
        else:
            self._show_analysis(stored, drawn=True)

    # -- layers -----------------------------------------------------------------------------

    def _stored_analysis(self) -> Analysis | None:
        """The stored analysis if it is current, read at once (a small file, no tagger), so the
        first frame has the layers; else None, and `load_analysis` computes it in a thread."""
        try:
            stored = self.library.analysis(self.article.id)
        except LibraryError:
            return None
        return stored if stored is not None and stored.version == ANALYZER_VERSION else None

    @work(thread=True, exclusive=True, group="analysis")
    def load_analysis(self) -> None:
        """Find (or read back) the article's entities and quotes, off the UI thread."""
        from reader.core.analysis import analysis_for  # loads the tagger's code only when needed

        article = replace(self.article, blocks=self.blocks)
        try:
            analysis = analysis_for(self.library, article)
        except Exception as error:  # noqa: BLE001 - the text is still readable without it
            self.post_message(AnalysisReady(article.id, None, f"{type(error).__name__}: {error}"))
        else:
            self.post_message(AnalysisReady(article.id, analysis))

    def on_analysis_ready(self, message: AnalysisReady) -> None:
        if message.article_id != self.article.id:  # the reader has moved on with [ or ]
            return
        if message.analysis is None:
            self.notify(message.error, title="Could not analyse the article", severity="warning", markup=False)
            return
        self._show_analysis(message.analysis)

    def _merges(self) -> dict[str, str]:
        """The user's merges of names (`reader entity A --merge-into B`, the Entities screen)."""
        try:
            return self.library.aliases()
        except LibraryError:  # the index cannot be read: the names as the analysis has them
            return {}

    def _show_analysis(self, analysis: Analysis, *, drawn: bool = False) -> None:
        """Show `analysis` in the panel and over the text (unless the text is `drawn` with it already)."""
        from reader.core.limits import extent

        self.analysis = analysis
        self.panel.show_analysis(analysis, self._merges(), self.text)
        if not drawn:
            self.redraw_layers()
        if (cut := extent(self.text)).capped:
            self.notify(cut.describe().capitalize(), title="A very long article", timeout=8, markup=False)

    # -- which binding of a key applies now ---------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Which of a key's bindings applies now (see `article_keys`)."""
        reading = self._reading
        if reading is None or not reading.is_mounted:
            return True  # being composed
        if action == "part":
            return len(self.parts) > 1
        if action in ("clear_selection", "leave_panel", "drop_caret", "back"):
            return action == self.back_state()
        if action == "keep":
            return parameters != (False,) or reading.selecting
        if action == "panel_row":
            return self._panel_list() is not None
        if action in ("line", "scroll", "end") and self._panel_list() is not None:
            return False  # j/k/g/G move the panel's cursor (panel_row)
        if action in ("line", "word_back"):
            return reading.caret is not None
        if action == "scroll" or (action == "page" and parameters == (-1,)):  # b: a page up until the caret is placed
            return reading.caret is None
        if action == "mention":
            return self.panel.stepping
        return True

    def help_text(self) -> str:
        """What `?` says above the keys: how they work in the state the screen is in now."""
        reading = self._reading
        if self._panel_list() is not None:
            now = HELP_PANEL
        elif reading is not None and reading.caret is not None:
            now = HELP_CARET
        else:
            now = HELP_NO_CARET
        return f"{now}\n{HELP_ALWAYS}"

    def key_bar(self) -> tuple[object, ...]:
        """What the key bar shows: the selection's keys while selecting, the panel tab's with
        the focus in the panel, else the reading keys."""
        reading, panel = self._reading, self._panel
        if reading is None or panel is None or not reading.is_mounted:
            return READING_BAR
        if reading.selecting:
            return SELECTING_BAR
        if panel.has_focus_within:
            return PANEL_BARS.get(panel.active_tab, READING_BAR)
        return READING_BAR

    # -- parts of a very long article -------------------------------------------------------

    async def action_part(self, step: int) -> None:
        target = self.part + step
        if 0 <= target < len(self.parts):
            await self.show_part(target)
            self.reading.scroll_home(animate=False)

    async def show_part(self, part: int) -> None:
        """Mount part `part` in place of the one shown, with its layers and the panel as they were."""
        self.part = part
        await self.recompose()
        release_render_caches()
        self.reading.focus()
        self.panel.show_links(self.links, self.block_starts)
        self.load_annotations()
        if self.analysis is not None:
            self.panel.show_analysis(self.analysis, self._merges(), self.text)
            self.redraw_layers()

    async def _into_view(self, offset: int) -> None:
        """Show the part holding `offset` if another part is shown."""
        block = max(bisect_right(self.block_starts, offset) - 1, 0)
        if block not in self.parts[self.part]:
            await self.show_part(part_of(self.parts, block))

    # -- notes and state changed elsewhere, layers drawn ---------------------------------------

    def follow_outside_changes(self) -> None:
        """Show what another process (a `reader` command, a second app) changed in this
        article's notes or state: two stats a second, a re-read only on a change."""
        notes_at, state_at = self.library.signatures(self.article.id)
        if notes_at != self._seen[0]:
            self.load_annotations()
        if state_at != self._seen[1]:
            try:
                self.article = self.library.article_state(self.article.id)
            except LibraryError:
                return  # removed meanwhile: the library screen says so on return
            self.query_one("#meta", Static).update(meta_line(self.article))
        self._seen = (notes_at, state_at)

    def load_annotations(self) -> None:
        """Read the article's highlights again and redraw."""
        self._seen = (self.library.signatures(self.article.id)[0], self._seen[1])
        try:
            self.annotations = self.library.annotations(self.article.id)
        except LibraryError as error:
            self.notify(str(error), title="Cannot read your highlights", severity="error", markup=False)
            self.annotations = []
        self.panel.show_annotations(self.annotations)
        self.redraw_layers()

    def redraw_layers(self) -> None:
        """Draw every block again with the layers that are on; each sees only its own marks."""
        entities = self.analysis.entities if self.analysis else ()
        quotes = self.analysis.quotes if self.analysis else ()
        shown = self.parts[self.part]  # only the mounted blocks: a long article has thousands
        starts = self.block_starts[shown.start : shown.stop]
        end = self.block_starts[shown.stop] if shown.stop < len(self.block_starts) else len(self.text)
        entities_in = by_block(starts, entities, lambda e: (e.start, e.end), end)
        quotes_in = by_block(starts, quotes, lambda q: (q.start, q.end), end)
        notes_in = by_block(starts, self.annotations, lambda a: (a.selector.start, a.selector.end), end)
        # An orphan's offsets mean nothing in the new text: its highlight is not drawn.
        notes_in = [[n for n in ns if self.annotations[n].anchor.state != "orphan"] for ns in notes_in]
        for view in self.query(BlockView):
            i = view.index - shown.start
            view.show_layers(
                self.shown_layers,
                entities=[entities[n] for n in entities_in[i]],
                entity_indices=entities_in[i],
                quotes=[quotes[n] for n in quotes_in[i]],
                annotations=[self.annotations[n] for n in notes_in[i]],
                annotation_indices=notes_in[i],
            )

    def action_toggle_layer(self, name: str) -> None:
        if name not in ("entities", "quotes", "highlights"):
            return
        layer: LayerName = name  # type: ignore[assignment]
        self.shown_layers = self.shown_layers.toggled(layer)
        self.redraw_layers()
        state = "shown" if getattr(self.shown_layers, layer) else "hidden"
        self.notify(f"{layer.capitalize()} {state}", timeout=2, markup=False)

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()  # Escape's step and the key bar follow the focus

    @on(ArticlePanel.Jump)
    async def jump(self, message: ArticlePanel.Jump) -> None:
        """Show a passage the panel chose, selected, so `a` or `h` can keep it."""
        await self._into_view(message.start)
        self.call_after_refresh(self.reading.mark, message.start, message.end)

    # -- the caret -------------------------------------------------------------------------------

    def on_text_selected(self, event: events.TextSelected) -> None:
        """A mouse selection (not a bare click): the key bar shows what keeps it."""
        self.refresh_bindings()

    def action_visual(self) -> None:
        if self._how_to is not None:  # its step is being done: the how-to goes
            withdraw(self.app, self._how_to)
            self._how_to = None
        if not self.reading.toggle_visual():
            self._how_to = notify_kept(
                self.app, f"Move the caret to where the passage starts, then {key_for(self, 'article.visual')}", timeout=4)

    def action_caret(self, unit: Unit, forward: bool) -> None:
        self.reading.move_caret(unit, forward)

    def action_line(self, step: int) -> None:
        self.reading.move_line(step)

    def action_word_back(self) -> None:
        self.reading.move_caret("word", False)

    def action_scroll(self, step: int) -> None:
        self.reading.scroll_lines(step)

    def action_page(self, step: int) -> None:
        self.reading.page(step)

    def action_page_back(self) -> None:
        self.reading.page(-1)

    def action_end(self, end: bool) -> None:
        self.reading.to_end(end)

    def action_panel_row(self, move: str) -> None:
        if (rows := self._panel_list()) is not None:
            getattr(rows, f"action_{move}")()

    def _panel_list(self) -> OptionList | None:
        """The panel's list when it has the focus (j/k/g/G move its cursor, as in the library's
        side panel, so `e`/`d` act on the row the reader moved to); None when the text has it."""
        panel, focused = self._panel, self.focused
        if panel is None or not isinstance(focused, OptionList) or not panel.has_focus_within:
            return None
        return focused

    # -- the reading place ----------------------------------------------------------------------

    def restore_position(self) -> None:
        """Scroll so the block the reader last had at the top is at the top again."""
        self.reading.scroll_to_block(self.article.position)

    def save_position(self) -> None:
        position = self.reading.top_block()
        if position != self.article.position:
            self._update(lambda: self.library.update_article(self.article.id, position=position))

