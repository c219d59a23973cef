"""What the analysis reads: the invisible characters a stored article may still hold, and
the tokens every step shares."""

from __future__ import annotations

from reader.core.analysis import analyze
from reader.core.analysis.dates import find_dates
from reader.core.analysis.tokenize import parse, tokenize
from reader.core.model import Article, Block


def test_a_soft_hyphen_in_a_stored_article_does_not_split_a_name():
    # stored before ingest dropped them: the analysis reads past them, offsets stay the article's
    text = "Vladi\u00admir Pu\u200btin met Bill Clinton in Ber\u00adlin on Friday."
    article = Article.create("Talks", [Block("paragraph", text)])
    entities = analyze(article).entities
    people = [e for e in entities if e.type == "PER"]
    assert [e.name for e in people] == ["Vladimir Putin", "Bill Clinton"]
    assert all(text[e.start:e.end] == e.text for e in entities)
    assert people[0].text == "Vladi\u00admir Pu\u200btin"
    assert [e.name for e in entities if e.type == "LOC"] == ["Berlin"]


def test_dates_from_shared_tokens_are_those_of_a_full_scan():
    text = (
        "On Saturday-night TV, mid-March 2021 and the 1990s came up; the 2003/2004 season, "
        "September 2013/2014, last week, 3 years ago, Feb. 21, 2025 and 2024-05-01, not 2,000 "
        "or 1999-day plans. Next Monday, yesterday and post-2008 too."
    )
    assert find_dates(text, tokenize(text)) == find_dates(text)
    assert len(find_dates(text)) >= 12


def test_parse_gives_sentences_over_the_same_tokens():
    text = "Mr. Smith went to Washington. He left.\n\nA new paragraph"
    parsed = parse(text)
    assert [t for s in parsed.sentences for t in s] == parsed.tokens
    assert len(parsed.sentences) == 3
