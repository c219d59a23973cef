"""Lines of results tables and standings, and the pages made of them.

On a sports page "Barcelona 3 Real Madrid 1" names two clubs (organisations) after
their cities, and "Spain 2 Italy 0" two national teams (places). The tagger marks the
tokens of such lines, and the place names on such pages, so that it can weigh a city's
name there apart from the same name in prose.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter

TABLE_DOC = 3  # table lines that make a page of them


def is_number(word: str) -> bool:
    """A score, count or time ("3", "2-1", "1:45.20"): digits and no letters."""
    return any(c.isdigit() for c in word) and not any(c.isalpha() for c in word)


def table_lines(numbers: list[int], lowers: list[int]) -> tuple[list[bool], bool]:
    """Which sentences are lines of a results table or standings ("Ajax 10 8 1 1 25 6 25",
    "Barcelona 3 Real Madrid 1"): two numbers or more and more numbers than lower-case
    words; and whether the document has TABLE_DOC of them (a sports page, where a city's
    name is often its club). Arguments: the counts of numbers and lower-case words per
    sentence."""
    rows = [n >= 2 and n > low for n, low in zip(numbers, lowers)]
    return rows, sum(rows) >= TABLE_DOC


def table_marks(marks: dict[int, list[str]], rows: list[bool], ends: list[int], table_doc: bool) -> None:
    """Gazetteer marks seen again as marks in a table line ("t" + mark) and, for place
    names, in a table document ("d" + mark): the CRF weighs a city in a table apart."""
    for j, found in list(marks.items()):
        extra = []
        if rows[bisect_right(ends, j)]:
            extra += ["t" + name for name in found]
        if table_doc:
            extra += ["d" + name for name in found if name.startswith("geo=")]
        found += extra


def table_tokens(
    numbers: list[int], lower: list[bool], starts: list[int], ends: list[int]
) -> tuple[set[int], bool]:
    """The tokens of a document's table lines, and whether it is a page of them, for the
    fast decoder: `numbers` are the indices of number tokens, `lower` says which tokens
    are lower case, sentence i is tokens starts[i]..ends[i]-1."""
    if len(numbers) < 2:
        return set(), False
    per_sentence = Counter(bisect_right(ends, j) for j in numbers)
    counts = [0] * len(starts)
    lowers = [0] * len(starts)
    for i, n in per_sentence.items():
        if n >= 2:  # else no table line: the lower-case words need no counting
            counts[i] = n
            lowers[i] = sum(lower[starts[i]:ends[i]])
    rows, table_doc = table_lines(counts, lowers)
    return {j for i, row in enumerate(rows) if row for j in range(starts[i], ends[i])}, table_doc
