"""A passage is shown between quote marks once, in the CLI as in the app (reader.core.quotemarks)."""

from __future__ import annotations

import pytest

from reader.cli.output import clip
from reader.core.quotemarks import quoted


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("We will act", "“We will act”"),
        ('"The talks went well,"', "“The talks went well,”"),  # a kept passage with its marks
        ("“We act.”", "“We act.”"),
        ('"We act".', "“We act”"),
        ("'Don't go'", "“Don't go”"),  # an apostrophe inside is no closing mark
        ("“Reliance is a model,” Onwurah said.", "“Reliance is a model,” Onwurah said."),
        ('"Q1," he said. "Q2."', '"Q1," he said. "Q2."'),
        ("'You need to get out' could be the motto.", "“'You need to get out' could be the motto.”"),
        ("one\n\ntwo", "“one two”"),
    ],
)
def test_quoted_once(text, shown):
    assert quoted(text, 160, clip) == shown
    assert quoted(text, 160) == shown


def test_cut_inside_the_marks_in_cells():
    assert quoted("我们" * 20, 10, clip) == "“我们我们…”"  # ten cells: four wide characters and the ellipsis
    assert quoted("abcdefghijklmnop", 10) == "“abcdefghi…”"
