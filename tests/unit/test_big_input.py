"""Bounded work on big input: the analysed extent of a long text, and the parts it is read in."""

from __future__ import annotations

from reader.core.analysis import analyze
from reader.core import limits
from reader.core.model import Article, Block
from reader.tui.widgets.parts import PART_BLOCKS, PART_CHARS, part_of, split_parts


def test_a_text_under_the_cap_is_analysed_whole() -> None:
    cut = limits.extent("Tony Blair said so.\n\nThe end.", limit=100)
    assert (cut.analysed, cut.total, cut.capped) == (29, 29, False)


def test_a_long_text_is_cut_at_the_last_paragraph_break_before_the_cap() -> None:
    text = "a" * 60 + "\n\n" + "b" * 30 + "\n\n" + "c" * 50
    cut = limits.extent(text, limit=100)
    assert cut.capped and text[: cut.analysed] == "a" * 60 + "\n\n" + "b" * 30
    assert "first 92 of 144 characters" in cut.describe()


def test_one_paragraph_longer_than_the_cap_is_cut_at_a_space_not_in_a_word() -> None:
    text = "word " * 100
    cut = limits.extent(text, limit=103)
    assert cut.analysed <= 103 and text[cut.analysed] == " " and text[: cut.analysed].endswith("word")


def test_analysis_stops_at_the_cap_and_finds_nothing_past_it(monkeypatch) -> None:
    monkeypatch.setattr(limits, "MAX_ANALYSED", 200)
    paragraphs = ["Tony Blair met Gordon Brown in London on Monday."] * 5 + ["Angela Merkel visited Paris."]
    article = Article.create("Long", [Block("paragraph", p) for p in paragraphs])
    analysis = analyze(article)
    cut = limits.extent(article.text)
    assert cut.capped and analysis.entities
    assert all(e.end <= cut.analysed for e in analysis.entities)
    assert "Angela Merkel" not in {e.name for e in analysis.entities}


def test_parts_cover_every_block_once_in_order_within_the_limits() -> None:
    lengths = [10, 30_000, 15_000, 50_000, 5] + [100] * 400
    starts, at = [], 0
    for n in lengths:
        starts.append(at)
        at += n + 2
    parts = split_parts(starts, at - 2)
    assert [i for part in parts for i in part] == list(range(len(lengths)))
    for part in parts:
        end = starts[part.stop] if part.stop < len(starts) else at - 2
        assert len(part) == 1 or (len(part) <= PART_BLOCKS and end - starts[part.start] <= PART_CHARS)
    assert part_of(parts, 3) == next(n for n, p in enumerate(parts) if 3 in p) and len(parts[part_of(parts, 3)]) == 1


def test_a_news_article_is_one_part() -> None:
    assert split_parts([0, 500, 1200], 2000) == [range(0, 3)]
    assert split_parts([], 0) == [range(0, 0)]
