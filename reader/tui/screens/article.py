"""The reading screen: the article's header and one selectable Static per block.

Opening an article marks it read and returns to where the reader left off; the
position kept is the index of the block at the top of the view, which survives a
change of terminal width (a line number would not).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import replace

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from reader.core.links import NumberedLink, numbered_links
from reader.core.model import ANALYZER_VERSION, Analysis, Annotation, Article
from reader.core.store import Library, LibraryError
from reader.tui.commands.keymap import key_for
from reader.tui.messages import LedgerReady, RelatedWanted
from reader.tui.screens.article_links import LinkActions
from reader.tui.screens.editor import EditorResult, NoteDraft, NoteEditor
from reader.tui.widgets.article_header import article_header, meta_line
from reader.tui.widgets.article_panel import ArticlePanel
from reader.tui.widgets.bars import KeyBar, TitleBar
from reader.tui.widgets.block import BlockView, block_widget
from reader.tui.widgets.layers import LayerName, Layers, by_block
from reader.tui.widgets.parts import PartNav, part_of, split_parts
from reader.tui.widgets.reading_view import ReadingView
from reader.tui.widgets.safe import clean


PANEL_MIN_WIDTH = 100  # columns: a 60-column text beside the 40-column panel
OUTSIDE_CHANGES_EVERY = 1.0  # seconds between looks for other processes' changes


class AnalysisReady(Message):
    """The worker's result: an article's analysis, or why there is none."""

    def __init__(self, article_id: str, analysis: Analysis | None, error: str = "") -> None:
        super().__init__()
        self.article_id = article_id
        self.analysis = analysis
        self.error = error


class ArticleScreen(LinkActions, Screen[str]):
    """One article, read top to bottom; Escape goes back to the library.

    The text shows at once, with the stored analysis (entities, quotes) drawn over it;
    an article with none (or an outdated one) is analysed in a thread and its layers are
    drawn when that ends. Shift+E/Q/H toggle the layers
    (lower-case letters are kept for annotating). `[` and `]` read the previous and
    next article of the library's list (`neighbours`) in this same screen. The screen
    returns the id of the article last read, so the library can highlight it.
    """

    AUTO_FOCUS = "#reading"
    BINDINGS = [
        Binding("escape", "back", "Library", id="article.back", tooltip="Back to the article list"),
        Binding("E", "toggle_layer('entities')", "Toggle entities", id="article.toggle_entities", show=False,
                tooltip="Show or hide people, places, organisations and dates"),
        Binding("Q", "toggle_layer('quotes')", "Toggle quotes", id="article.toggle_quotes", show=False,
                tooltip="Show or hide direct quotes"),
        Binding("H", "toggle_layer('highlights')", "Toggle highlights", id="article.toggle_highlights", show=False,
                tooltip="Show or hide your highlights"),
        Binding("a", "keep(True)", "Annotate", id="article.annotate",
                tooltip="Keep the selected passage with a note, tags and a colour"),
        Binding("h", "keep(False)", "Highlight", id="article.highlight", tooltip="Keep the selected passage as a highlight"),
        Binding("z", "undo_delete", "Undo delete", id="article.undo_delete", show=False,
                tooltip="Bring back the note deleted last"),
        Binding("p", "toggle_panel", "Panel", id="article.panel", tooltip="Show or hide the entities, quotes and notes panel"),
        Binding("e", "panel('entities')", "Entities panel", id="article.entities", show=False,
                tooltip="The people, places and organisations in the article"),
        Binding("q", "panel('quotes')", "Quotes panel", id="article.quotes", show=False, tooltip="Who said what in the article"),
        Binding("n", "panel('notes')", "Notes panel", id="article.notes", show=False, tooltip="Your notes on this article"),
        Binding("l", "panel('links')", "Links panel", id="article.links", show=False,
                tooltip="The article's links, numbered as in the text"),
        Binding("o", "open_link", "Open link", id="article.open_link", show=False,
                tooltip="Open the selected (or clicked) link in the browser"),
        Binding("t", "tag", "Tag", id="article.tag", tooltip="Tag this article"),
        Binding("s", "star", "Star", id="article.star", tooltip="Star or unstar this article"),
        Binding("u", "toggle_read", "Unread", id="article.unread", show=False, tooltip="Mark this article unread (or read again)"),
        Binding("left_square_bracket", "neighbour(-1)", "Previous", id="article.previous",
                tooltip="The previous article in the library's list"),
        Binding("right_square_bracket", "neighbour(1)", "Next", id="article.next",
                tooltip="The next article in the library's list"),
        Binding("X", "export", "Export this article's notes", id="article.export", show=False,
                tooltip="Write this article and its notes as Markdown to the export folder"),
        Binding("r", "related", "Related", id="article.related", show=False,
                tooltip="Articles sharing the most names with this one (the same story elsewhere)"),
        Binding("greater_than_sign,ctrl+pagedown", "part(1)", "Next part", id="article.next_part",
                tooltip="A very long article is read in parts: the next one"),
        Binding("less_than_sign,ctrl+pageup", "part(-1)", "Previous part", id="article.previous_part",
                tooltip="A very long article is read in parts: the previous one"),
    ]

    def __init__(self, library: Library, article: Article, neighbours: Sequence[str] = ()) -> None:
        super().__init__()
        self.library = library
        self.neighbours = list(neighbours)
        self.shown_layers = Layers()
        self._related_asked = False  # "related" pressed before the ledger was built
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
        self.annotations: list[Annotation] = []
        self.deleted: Annotation | None = None  # the note `z` brings back
        self._seen = self.library.signatures(article.id)  # see follow_outside_changes

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="body"):
            with ReadingView(self.text, self.block_starts, id="reading"):
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
            yield ArticlePanel(id="panel")
        yield KeyBar()

    def on_mount(self) -> None:
        # Beside the text when there is room for both; `p` shows it on a narrow terminal.
        self.query_one(ArticlePanel).display = self.app.size.width >= PANEL_MIN_WIDTH
        self._open()
        self.set_interval(OUTSIDE_CHANGES_EVERY, self.follow_outside_changes)

    def _open(self) -> None:
        """What opening an article does: mark it read, go back to the reader's place, draw layers."""
        self.sub_title = clean(self.article.title)
        self.query_one(ArticlePanel).show_links(self.links, self.block_starts)
        if not self.article.read:
            self._update(lambda: self.library.update_article(self.article.id, read=True))
        self.call_after_refresh(self.restore_position)
        self.load_annotations()
        stored = self._stored_analysis()
        if stored is None:
            self.load_analysis()
        else:
            self._show_analysis(stored)

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

    def _show_analysis(self, analysis: Analysis) -> None:
        from reader.core.analysis.limits import extent

        self.analysis = analysis
        self.query_one(ArticlePanel).show_analysis(analysis)
        self.redraw_layers()
        if (cut := extent(self.text)).capped:
            self.notify(cut.describe().capitalize(), title="A very long article", timeout=8, markup=False)

    # -- parts of a very long article -------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "part":
            return len(self.parts) > 1
        return True

    async def action_part(self, step: int) -> None:
        target = self.part + step
        if 0 <= target < len(self.parts):
            await self.show_part(target)
            self.reading.scroll_home(animate=False)

    async def show_part(self, part: int) -> None:
        """Mount part `part` in place of the one shown, with its layers and the panel as they were."""
        self.part = part
        await self.recompose()
        self.reading.focus()
        self.query_one(ArticlePanel).show_links(self.links, self.block_starts)
        self.load_annotations()
        if self.analysis is not None:
            self.query_one(ArticlePanel).show_analysis(self.analysis)
            self.redraw_layers()

    async def _into_view(self, offset: int) -> None:
        """Show the part holding `offset` if another part is shown."""
        block = max(bisect_right(self.block_starts, offset) - 1, 0)
        if block not in self.parts[self.part]:
            await self.show_part(part_of(self.parts, block))

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
        self.query_one(ArticlePanel).show_annotations(self.annotations)
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

    def action_show_entity(self, index: int) -> None:
        """A click on an entity: its mentions in the panel, counted from this one."""
        if self.analysis is None or not isinstance(index, int) or not 0 <= index < len(self.analysis.entities):
            return
        entity = self.analysis.entities[index]
        panel = self.query_one(ArticlePanel)
        panel.display = True
        panel.show_entity(entity.name, at=entity.start)

    # -- the panel --------------------------------------------------------------------------

    def action_toggle_panel(self) -> None:
        panel = self.query_one(ArticlePanel)
        panel.display = not panel.display
        if not panel.display:
            self.reading.focus()

    def action_panel(self, tab: str) -> None:
        panel = self.query_one(ArticlePanel)
        panel.display = True
        panel.show_tab(tab)  # type: ignore[arg-type]

    @on(ArticlePanel.Jump)
    async def jump(self, message: ArticlePanel.Jump) -> None:
        """Show a passage the panel chose, selected, so `a` or `h` can keep it."""
        await self._into_view(message.start)
        self.call_after_refresh(self.reading.mark, message.start, message.end)

    @on(ArticlePanel.EditNote)
    def edit_from_panel(self, message: ArticlePanel.EditNote) -> None:
        if (index := self._note_index(message.annotation_id)) is not None:
            self.action_edit_note(index)

    @on(ArticlePanel.DeleteNote)
    def delete_from_panel(self, message: ArticlePanel.DeleteNote) -> None:
        if (index := self._note_index(message.annotation_id)) is not None:
            self.delete_note(self.annotations[index])

    def _note_index(self, annotation_id: str) -> int | None:
        ids = [annotation.id for annotation in self.annotations]
        return ids.index(annotation_id) if annotation_id in ids else None

    # -- annotating -------------------------------------------------------------------------

    @property
    def reading(self) -> ReadingView:
        return self.query_one(ReadingView)

    def on_text_selected(self, event: events.TextSelected) -> None:
        """A mouse selection (not a bare click): say what keeps it."""
        if self.reading.selected_range() is not None:
            self.notify(self._keep_hint(), timeout=3)

    def _keep_hint(self) -> str:
        return f"{key_for(self, 'article.annotate')} to annotate, {key_for(self, 'article.highlight')} to highlight"

    def action_keep(self, with_note: bool) -> None:
        """Keep the selected passage: at once as a highlight, or through the editor."""
        chosen = self.reading.selected_range()
        if chosen is None:
            visual = key_for(self, "article.visual")
            self.notify(f"Select a passage first: drag over it, or press {visual} to select with the keyboard", timeout=4)
            return
        start, end = chosen
        if not with_note:
            self._add_note(start, end, None)
            return

        def edited(result: EditorResult | None) -> None:
            if result is not None and result.action == "save":
                self._add_note(start, end, result)

        self.app.push_screen(NoteEditor(NoteDraft(self.text[start:end]), self._known_tags()), edited)

    def _add_note(self, start: int, end: int, result: EditorResult | None) -> None:
        try:
            if result is None:
                self.library.annotate(self.article.id, start, end)
            else:
                self.library.annotate(
                    self.article.id, start, end, note=result.note, tags=result.tags, color=result.color
                )
        except (LibraryError, ValueError) as error:
            self.notify(str(error), title="The note was not saved", severity="error", markup=False)
            return
        self.reading.clear()
        self.load_annotations()
        self.notify("Note kept" if result and result.note.strip() else "Highlight kept", timeout=2)

    def action_edit_note(self, index: int) -> None:
        """Open a highlight (clicked, or chosen in the Notes tab) to change or delete it."""
        if not isinstance(index, int) or not 0 <= index < len(self.annotations):
            return
        annotation = self.annotations[index]
        draft = NoteDraft(
            annotation.quote, annotation.note, tuple(annotation.tags), annotation.color, existing=True
        )

        def edited(result: EditorResult | None) -> None:
            if result is None:
                return
            if result.action == "delete":
                self.delete_note(annotation)
                return
            try:  # only what the user changed: a tag another process added meanwhile stays
                self.library.edit_annotation(
                    annotation,
                    note=result.note if result.note != annotation.note else None,
                    add_tags=[t for t in result.tags if t not in annotation.tags],
                    remove_tags=[t for t in annotation.tags if t not in result.tags],
                    color=result.color if result.color != annotation.color else None,
                )
            except LibraryError as error:
                self.notify(str(error), title="The note was not saved", severity="error", markup=False)
                return
            self.load_annotations()
            self.notify("Note saved", timeout=2)

        self.app.push_screen(NoteEditor(draft, self._known_tags()), edited)

    def delete_note(self, annotation: Annotation) -> None:
        try:
            self.library.delete_annotation(annotation)
        except LibraryError as error:
            self.notify(str(error), title="The note was not deleted", severity="error", markup=False)
            return
        self.deleted = annotation
        self.load_annotations()
        self.notify(f"Note deleted. Press {key_for(self, 'article.undo_delete')} to bring it back.", timeout=6)

    def action_undo_delete(self) -> None:
        if self.deleted is None or self.deleted.article_id != self.article.id:
            self.notify("Nothing to bring back", timeout=2)
            return
        try:
            self.library.restore_annotation(self.deleted)
        except LibraryError as error:
            self.notify(str(error), title="The note was not restored", severity="error", markup=False)
            return
        self.deleted = None
        self.load_annotations()
        self.notify("Note restored", timeout=2)

    def restore_position(self) -> None:
        """Scroll so the block the reader last had at the top is at the top again."""
        self.reading.scroll_to_block(self.article.position)

    def save_position(self) -> None:
        position = self.reading.top_block()
        if position != self.article.position:
            self._update(lambda: self.library.update_article(self.article.id, position=position))

    def _update(self, change: Callable[[], Article]) -> bool:
        """Make one change to the article as stored and show it in the header; False if it failed."""
        try:
            self.article = change()
        except LibraryError as error:
            self.notify(str(error), title="Cannot save the change", severity="error", markup=False)
            return False
        self.query_one("#meta", Static).update(meta_line(self.article))
        return True

    # -- the article as a whole -------------------------------------------------------------

    def action_star(self) -> None:
        if self._update(lambda: self.library.update_article(self.article.id, starred=not self.article.starred)):
            self.notify("Starred" if self.article.starred else "Star removed", timeout=2)

    def action_toggle_read(self) -> None:
        if self._update(lambda: self.library.update_article(self.article.id, read=not self.article.read)):
            self.notify("Marked read" if self.article.read else "Marked unread", timeout=2)

    def action_tag(self) -> None:
        from reader.tui.screens.tags import TagsEditor

        opened_with = list(self.article.tags)

        def tagged(tags: list[str] | None) -> None:
            if tags is None:
                return
            added = [t for t in tags if t not in opened_with]
            removed = [t for t in opened_with if t not in tags]
            if self._update(lambda: self.library.tag_article(self.article.id, add=added, remove=removed)):
                self.notify(f"Tags: {' '.join('#' + t for t in self.article.tags) or 'none'}", timeout=2, markup=False)

        known = sorted(self._known_tags())
        self.app.push_screen(TagsEditor(self.article.title, self.article.tags, known), tagged)

    def _known_tags(self) -> dict[str, int]:
        try:
            return self.library.tag_counts()
        except LibraryError:
            return {}  # autocomplete is a convenience

    async def action_neighbour(self, step: int) -> None:
        """Read the previous (-1) or next (1) article of the library's list, here."""
        ids = self.neighbours
        here = ids.index(self.article.id) if self.article.id in ids else -1
        target = here + step
        if here < 0 or not 0 <= target < len(ids):
            self.notify("This is the first article" if step < 0 else "This is the last article", timeout=2)
            return
        try:
            article = self.library.article(ids[target])
        except LibraryError as error:
            self.notify(str(error), title="Cannot open the article", severity="error", markup=False)
            return
        self.save_position()
        self._set_article(article)
        await self.recompose()
        self.reading.focus()
        self._open()

    def action_export(self) -> None:
        from reader.tui.commands.export import export_notes

        export_notes(self.app, self.library, self.article.id)

    def action_related(self) -> None:
        """The related articles: the app opens the list (`reader.tui.navigation`) once the ledger is built."""
        if self.app.entities.request() is None:  # type: ignore[attr-defined]
            self._related_asked = True
            self.notify("Gathering the names in your library…", timeout=2)
            return
        self.app.post_message(RelatedWanted(self))

    def on_ledger_ready(self, _message: LedgerReady) -> None:
        if self._related_asked:
            self._related_asked = False
            if self.is_current:
                self.action_related()

    def action_back(self) -> None:
        """Back out one step: from the panel to the text, else to the library."""
        if self.query_one(ArticlePanel).has_focus_within:
            self.reading.focus()
            return
        self.save_position()
        self.dismiss(self.article.id)
