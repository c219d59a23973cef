"""One block of an article (paragraph, heading, list item, code, table...) as one Static.

One widget per block makes a mouse selection arrive as (block, line, column), which
maps onto the block's text through its `Drawn` (the text plus link numbers). The
layers (emphasis, links, entities, quotes, highlights) are spans over that same text.

Code and tables are never re-flowed: they are drawn without wrapping inside a
horizontally scrolling `WideBlock`. List items are indented by depth, and a wrapped
item's lines start under its text, not under its marker (`reader.tui.widgets.hanging`).
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.containers import HorizontalScroll
from textual.content import Content
from textual.selection import Selection
from textual.widget import Widget
from textual.widgets import Static

from reader.core.links import NumberedLink
from reader.core.model import Annotation, Block, Entity, Quote
from reader.tui.widgets.drawn import Drawn, drawn_block
from reader.tui.widgets.hanging import hanging, marker_length
from reader.tui.widgets.layers import Layers, block_content, block_tooltip
from reader.tui.widgets.selection import local_range

WIDE_KINDS = ("code", "table")
INDENT = 2  # columns per list level
MAX_INDENT_LEVEL = 8


class BlockView(Static):
    """A block's text, drawn literally; CSS classes `block -<kind>` (and `-h<level>` for a
    heading) style it.

    `start` is the offset of the block's first character in `article.text`; `links` are
    the article's numbered links that lie in this block.
    """

    def __init__(
        self, index: int, block: Block, start: int = 0, links: Sequence[NumberedLink] = (), *, tight: bool = False
    ) -> None:
        self.drawn: Drawn = drawn_block(block, links)
        classes = f"block -{block.kind}" + (" -tight" if tight else "")
        if block.kind == "heading":
            classes += f" -h{min(max(block.level, 1), 6)}"
        self.index = index
        self.block = block
        self.start = start
        self.hang = marker_length(block.text) if block.kind == "item" else 0
        self.caret: int | None = None  # where the reading caret is, in the block's own text
        self._layered = block_content(block.text, start, marks=block.marks, drawn=self.drawn)
        super().__init__(self._hung(self._layered), markup=False, classes=classes)
        # Entities are clickable (`@click` meta), but Textual would then draw them in the
        # one link colour; without auto links each keeps its type's colour, clicks still work.
        self.auto_links = False
        if block.kind == "item" and block.level:
            self.styles.padding = (0, 0, 0, INDENT * min(block.level, MAX_INDENT_LEVEL))

    def show_layers(
        self,
        layers: Layers,
        *,
        entities: Sequence[Entity] = (),
        quotes: Sequence[Quote] = (),
        annotations: Sequence[Annotation] = (),
        entity_indices: Sequence[int] | None = None,
        annotation_indices: Sequence[int] | None = None,
    ) -> None:
        """Redraw the block with the given layers on; see `layers.block_content` for the arguments."""
        text = self.block.text
        self._layered = block_content(
            text,
            self.start,
            marks=self.block.marks,
            drawn=self.drawn,
            entities=entities,
            quotes=quotes,
            annotations=annotations,
            layers=layers,
            entity_indices=entity_indices,
            annotation_indices=annotation_indices,
        )
        self._paint()
        self.tooltip = block_tooltip(text, self.start, quotes, layers)

    def show_caret(self, caret: int | None) -> None:
        """Draw the reading caret before character `caret` of the block's text (None: no caret)."""
        if caret != self.caret:
            self.caret = caret
            self._paint()

    def _paint(self) -> None:
        """The layered text, with the caret as one reverse-video cell: on the character after
        it, or on a space drawn after the line when it is at a line's end (the space is past
        the line's last column, so every character keeps its selection offset)."""
        content = self._layered
        if self.caret is not None:
            at = self.drawn.to_drawn(min(self.caret, len(self.block.text)), after=True)
            plain = content.plain
            if at >= len(plain) or plain[at] == "\n":
                content = content[:at] + Content.styled(" ", "reverse") + content[at:]
            else:
                content = content.stylize("reverse", at, at + 1)
        self.update(self._hung(content))

    def _hung(self, content: Content) -> Content:
        """An item's content with its marker hanging (the drawn text starts with the marker too:
        link numbers only ever follow a link)."""
        return hanging(content, self.hang)

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The selected part of the block's own text (link numbers left out), for copying."""
        start, end = local_range(self, selection)
        return self.block.text[start:end], "\n"


class WideBlock(HorizontalScroll):
    """A code or table block, unwrapped, scrolling sideways when wider than the view."""

    DEFAULT_CSS = """
    WideBlock {
        height: auto;
        scrollbar-size-horizontal: 1;
    }
    WideBlock > BlockView {
        width: auto;
        min-width: 100%;
        text-wrap: nowrap;
    }
    """

    def __init__(self, view: BlockView) -> None:
        super().__init__(view, classes=f"wide -{view.block.kind}")
        self.can_focus = False
        self.view = view


def block_widget(
    index: int, block: Block, start: int = 0, links: Sequence[NumberedLink] = (), *, next_kind: str | None = None
) -> Widget:
    """The widget that shows `block`: its BlockView, inside a WideBlock for code and tables.

    `next_kind` is the following block's kind: list items are drawn tight, but for the last."""
    view = BlockView(index, block, start, links, tight=block.kind == "item" and next_kind == "item")
    return WideBlock(view) if block.kind in WIDE_KINDS else view
