"""One block of an article (paragraph, heading, caption, blockquote) as one Static.

One widget per block makes a mouse selection arrive as (block, line, column), which
maps straight onto the block's text; later issues add entity and highlight spans here.
"""

from __future__ import annotations

from textual.widgets import Static

from reader.core.model import Block
from reader.tui.safe import plain


class BlockView(Static):
    """A block's text, drawn literally; CSS classes `block -<kind>` style it."""

    def __init__(self, index: int, block: Block) -> None:
        super().__init__(plain(block.text), markup=False, classes=f"block -{block.kind}")
        self.index = index
        self.block = block
