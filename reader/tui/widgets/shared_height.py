"""Stacked lists that share a column's height by what they hold (an entity's page).

Fixed shares (1fr, 2fr, 1fr) gave a page of many articles and no notes four article
rows, a quote's heading cut off from its quote, and empty lines under "No notes". Here
each list gets the lines its rows need when they all fit; when they do not, rows are
dealt in turn, one to each list still wanting more, so none is starved, and a list of
two-line rows only ever gets whole rows. With room to spare, a blank line parts them.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.containers import Vertical
from textual.widgets import OptionList


def share(wants: Sequence[int], steps: Sequence[int], budget: int) -> list[int]:
    """Lines for each list: all it `wants` if there is room, else whole rows (`steps` lines
    each) dealt in turn to the lists still wanting more, until the `budget` is spent."""
    got = [0] * len(wants)
    left = budget
    dealt = True
    while dealt:
        dealt = False
        for i, (want, step) in enumerate(zip(wants, steps)):
            take = min(step, want - got[i])
            if take > 0 and take <= left:
                got[i] += take
                left -= take
                dealt = True
    return got


class SharedHeight(Vertical):
    """A column of `OptionList`s, each as tall as its share (`share`) of the column's height.

    Call `fit()` when the lists' rows change; a resize refits on its own."""

    DEFAULT_CSS = """
    SharedHeight { height: 1fr; }
    SharedHeight > OptionList { height: auto; }
    """

    def on_resize(self) -> None:
        self.fit()

    def fit(self) -> None:
        lists = list(self.query_children(OptionList))
        if not lists or not self.size.height:
            return
        gutters = [rows.styles.gutter.height for rows in lists]
        steps = [max(int(getattr(rows, "ROW_HEIGHT", 1)), 1) for rows in lists]
        wants = [self._lines(rows, step) for rows, step in zip(lists, steps)]
        budget = self.size.height - sum(gutters)
        spaced = sum(wants) + len(lists) - 1 <= budget  # room to spare: a blank line between the lists
        got = share(wants, steps, budget)
        for index, (rows, lines, gutter) in enumerate(zip(lists, got, gutters)):
            rows.styles.height = lines + gutter
            rows.styles.margin = (1 if spaced and index else 0, 0, 0, 0)

    @staticmethod
    def _lines(rows: OptionList, step: int) -> int:
        """The lines all of a list's rows take (a disabled row, such as "No notes", one)."""
        return sum(1 if option.disabled else step for option in rows.options)
