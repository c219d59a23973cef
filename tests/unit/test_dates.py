import pytest

from reader.core.analysis.dates import canonical_date, find_dates


def dates(text: str) -> list[tuple[str, str]]:
    return [(text[s:e], name) for s, e, name in find_dates(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rubio said on March 27 that", [("March 27", "March 27")]),
        ("according to a Feb. 21 assessment", [("Feb. 21", "February 21")]),
        ("Jan. 15, 2025, in Washington", [("Jan. 15, 2025", "January 15, 2025")]),
        ("held inside Kursk since August 2024.", [("August 2024", "August 2024")]),
        ("lost to Ukraine last year, but", [("last year", "last year")]),
        ("Last February, a commander", [("Last February", "last February")]),
        ("territory it has lost since 2014.", [("2014", "2014")]),
        ("talks on Wednesday", [("Wednesday", "Wednesday")]),
        ("date 2025-03-12 By", [("2025-03-12", "2025-03-12")]),
        ("12 March 2025 was", [("12 March 2025", "12 March 2025")]),
        ("it happened two years ago", [("two years ago", "two years ago")]),
        ("music of the 1990s", [("the 1990s", "1990s")]),
    ],
)
def test_dates_found_with_canonical_names(text, expected):
    assert dates(text) == expected


@pytest.mark.parametrize(
    "text",
    ["May I ask?", "a 30-day ceasefire", "a 1.5-hour call", "cost $2014", "the 2014-15 season", "20% of 4000 people"],
)
def test_not_dates(text):
    assert dates(text) == []


def test_a_relative_date_opening_a_sentence_is_the_same_date_as_inside_one():
    """The article panel listed "Last year ×1" and "last year ×1" as two dates."""
    text = "Last year sales fell. Sales rose last year. This week Ministers met; they meet again this week."
    assert [name for _s, _e, name in find_dates(text)] == ["last year", "last year", "this week", "this week"]
    assert canonical_date("March 2025") == "March 2025" and canonical_date("The 1990s") == "1990s"
