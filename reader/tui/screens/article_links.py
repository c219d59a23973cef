"""The article screen's links: a click selects one, `O` opens it (or the Links tab's highlighted one).

A mixin of `ArticleScreen`, kept apart so the screen stays one idea per file. It uses
the screen's `links` (`reader.core.links.numbered_links` of its blocks), `block_starts`,
`reading` and `_into_view`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.core.links import NumberedLink
from reader.core.urls import shown_url
from reader.tui.commands.keymap import key_for

if TYPE_CHECKING:
    from reader.tui.screens.article import ArticleScreen


class LinkActions:
    """Following and opening the article's numbered links."""

    async def action_follow_link(self: ArticleScreen, number: int) -> None:
        """A click on a link (or its number): select it and say where it goes; `o` opens it."""
        link = self._link(number)
        if link is None:
            return
        start = self.block_starts[link.block]
        await self._into_view(start + link.start)
        self.call_after_refresh(self.reading.mark, start + link.start, start + link.end)
        self.notify(f"[{link.number}] {shown_url(link.href)} — {key_for(self, 'panel.open_link')} opens it",
                    timeout=4, markup=False)

    def action_open_link(self: ArticleScreen) -> None:
        """Open the link the reader points at (`pointed_link`) in the browser."""
        if (link := self.pointed_link()) is not None:
            self.open_in_browser(link.href)
            return
        self.notify(f"Click a link, or choose one in the Links tab ({key_for(self, 'article.links')}), then press "
                    f"{key_for(self, 'panel.open_link')}", timeout=4)

    def pointed_link(self: ArticleScreen) -> NumberedLink | None:
        """The Links tab's highlighted link when the focus is in the panel; else the one under
        the selection (mouse, keyboard or a click on it) or the caret; else the tab's, if shown."""
        panel = self.panel
        if panel.has_focus_within:
            return self._link(panel.current_link())
        caret = self.reading.caret
        chosen = self.reading.selected_range() or ((caret, caret) if caret is not None else None)
        if chosen is not None:
            for link in self.links:
                start = self.block_starts[link.block]
                if start + link.start <= chosen[1] and chosen[0] < start + link.end:
                    return link
        return self._link(panel.current_link())

    def _link(self: ArticleScreen, number: object) -> NumberedLink | None:
        if not isinstance(number, int) or not 1 <= number <= len(self.links):
            return None
        return self.links[number - 1]

    def open_in_browser(self: ArticleScreen, href: str) -> None:
        from reader.tui.commands.browser import open_in_background  # webbrowser loads when first asked

        open_in_background(self, href)
