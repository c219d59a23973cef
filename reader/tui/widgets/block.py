"""One block of an article (paragraph, heading, caption, blockquote) as one Static.

One widget per block makes a mouse selection arrive as (block, line, column), which
maps straight onto the block's text. The layers (entities, quotes, highlights) are
spans over that same text: nothing is inserted, so the mapping still holds.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.widgets import Static

from reader.core.model import Annotation, Block, Entity, Quote
from reader.tui.layers import Layers, block_content, block_tooltip
from reader.tui.safe import plain


class BlockView(Static):
    """A block's text, drawn literally; CSS classes `block -<kind>` style it.

    `start` is the offset of the block's first character in `article.text`.
    """

    def __init__(self, index: int, block: Block, start: int = 0) -> None:
        super().__init__(plain(block.text), markup=False, classes=f"block -{block.kind}")
        self.index = index
        self.block = block
        self.start = start
        # Entities are clickable (`@click` meta), but Textual would then draw them in the
        # one link colour; without auto links each keeps its type's colour, clicks still work.
        self.auto_links = False

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
        self.update(
            block_content(
                text,
                self.start,
                entities=entities,
                quotes=quotes,
                annotations=annotations,
                layers=layers,
                entity_indices=entity_indices,
                annotation_indices=annotation_indices,
            )
        )
        self.tooltip = block_tooltip(text, self.start, quotes, layers)
