"""Plain text and pasted web pages: the seeds pinned, and the rules on pages like them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.ingest import load_file
from reader.core.ingest.text import first_sentence, is_caption, is_chrome, lead_title, parse_text
from reader.core.model import Article
from reader.core.sanitize import sanitize

ROOT = Path(__file__).resolve().parents[2]
SEED_000 = ROOT / "seeds" / "000_d3b81d7104f315b4.txt"
SEED_004 = ROOT / "seeds" / "004_4c276616974322d3.txt"
BBC = Path("/work/shared/data/bbc")

TITLE_000 = "Higher-level ceasefire talks with Russia premature, Rubio says, as US reviews Moscow's stance"
BODY_000 = [
    "Secretary of State Marco Rubio said on March 27 that it was premature to expect higher-level talks "
    "with Russia as the U.S. reviews Moscow's response to efforts to end the war in Ukraine, AFP reported.",
    "Asked if the time was right after U.S. negotiations with Russia and Ukraine in Saudi Arabia, Rubio "
    'said: "I think you have to make more progress on a technical level."',
    'The U.S., Russia, and Ukraine agreed to "eliminate the use of force" and prevent commercial vessels '
    "from being used for military purposes in the Black Sea following two-day talks in Saudi Arabia.",
    "\"There's a lot of work to be done with both sides, particularly with the Russian side, which we "
    "haven't talked to for years,\" Rubio said, adding the White House would hold consultations on the "
    "outcome of the meetings.",
    # The page has "Trump \u00a0has": a run of spaces pasted from a page becomes one space.
    "U.S. President Donald Trump has repeatedly expressed his intention to meet with Russian President "
    "Vladimir Putin since taking office. On March 18, the two leaders held a 1.5-hour phone call.",
    "Rubio's comments follow Trump's March 25 statement that Russia may be \"dragging their feet\" on "
    "ending its war against Ukraine.",
    "Trump has reversed Washington's stance toward Moscow by engaging in talks with Russian officials, a "
    "move the Biden administration has avoided since the start of Russia's full-scale invasion of Ukraine.",
    "The U.S. has been mediating negotiations between Ukraine and Russia to end the war. Ukraine has "
    "already agreed to a U.S.-proposed 30-day ceasefire, announcing on March 11 that it is ready to "
    "implement the measure if Russia reciprocates.",
    "Moscow has so far refused.",
]
CAPTION_000 = (
    "U.S. Secretary of State Marco Rubio (R-FL), testifies during his Senate Foreign Relations "
    "confirmation hearing at Dirksen Senate Office Building on Jan. 15, 2025, in Washington, DC. "
    "(Kevin Dietsch / Getty Images)"
)
CHROME_000 = [
    "News Feed",
    "Show More",
    "Read more",
    "Avatar",
    "2 min read",
    "News Editor",
    "Soviet\u2019 command culture damages war effort",
    "Last February, a Ukrainian company commander",
    "is a news editor at The Kyiv Independent",
    "Belarusian opposition media outlet NEXTA",
]
FIRST_004 = (
    "U.S. Secretary of State Marco Rubio has reiterated calls for Russia to enter into a 30-day cease-fire "
    "agreement with Ukraine and indicated that many options remain on the negotiating table as Moscow and "
    "Kyiv work toward a more permanent end to their ongoing war."
)
LAST_004 = (
    "Following the Tuesday talks in Saudi Arabia, the United States and Ukraine said they would soon "
    "finalize a deal covering Ukraine\u2019s natural resources but did not specify an exact timeline."
)


def texts(article: Article, kind: str | None = None) -> list[str]:
    assert article.blocks is not None
    return [b.text for b in article.blocks if kind is None or b.kind == kind]


# --- seed 000: a Kyiv Independent page, chrome, teaser and bio included ---------------------


@pytest.fixture(scope="module")
def seed000() -> Article:
    return load_file(SEED_000).article


def test_seed000_metadata(seed000: Article) -> None:
    assert seed000.title == TITLE_000
    assert seed000.author == "Tim Zadorozhnyy"
    assert seed000.source == "The Kyiv Independent"
    assert seed000.published is None  # "March 27" in the body is not a publication date


def test_seed000_body_is_exactly_the_article(seed000: Article) -> None:
    assert texts(seed000, "paragraph") == BODY_000
    assert seed000.blocks is not None
    assert [b.kind for b in seed000.blocks] == ["caption"] + ["paragraph"] * len(BODY_000)


def test_seed000_caption(seed000: Article) -> None:
    assert texts(seed000, "caption") == [CAPTION_000]


def test_seed000_has_no_chrome(seed000: Article) -> None:
    body = texts(seed000)
    assert TITLE_000 not in body  # the repeated headline
    for block in body:
        for chrome in CHROME_000:
            assert chrome not in block, (chrome, block)
        assert "As Ukraine\u2019s fate hangs in the balance" not in block
        assert "Tim Zadorozhnyy" not in block


# --- seed 004: Epoch Times page with a header line and no headline --------------------------


@pytest.fixture(scope="module")
def seed004() -> Article:
    return load_file(SEED_004).article


def test_seed004_metadata(seed004: Article) -> None:
    assert seed004.title == "U.S. Secretary of State Marco Rubio has reiterated calls for Russia to enter…"
    assert seed004.author == "Ryan Morgan"
    assert seed004.published == date(2025, 3, 12)
    assert seed004.source is None


def test_seed004_body(seed004: Article) -> None:
    paragraphs = texts(seed004, "paragraph")
    assert paragraphs[0] == FIRST_004
    assert paragraphs[-1] == LAST_004
    assert len(paragraphs) == 26
    assert texts(seed004, "heading") == ["Ukrainian Territorial Concessions", "Security Guarantees, Natural Resources"]
    assert texts(seed004, "caption") == []
    assert not any("date 2025-03-12" in t or "By Ryan Morgan" in t for t in texts(seed004))


# --- the rules, on pages that are not the seeds ---------------------------------------------


def test_bbc_shape_title_is_line_one() -> None:
    a = parse_text("Ad sales boost Time Warner profit\n\nQuarterly profits jumped 76%.\n\nThe firm benefited.\n")
    assert a.title == "Ad sales boost Time Warner profit"
    assert texts(a) == ["Quarterly profits jumped 76%.", "The firm benefited."]


def test_question_and_ellipsis_titles() -> None:
    assert parse_text("Could Yukos be a blessing in disguise?\n\nBody text.\n").title.endswith("disguise?")
    assert parse_text("Rivals of the £400 Apple...\n\nBody text.\n").title == "Rivals of the £400 Apple..."


def test_hard_wrapped_prose_is_joined() -> None:
    wrapped = (
        "A plain text article\n\n"
        "This paragraph was wrapped by an editor at seventy-two columns so each\n"
        "line is between fifty and eighty characters long, except the last one\n"
        "which is short.\n\n"
        "Second paragraph.\n"
    )
    a = parse_text(wrapped)
    assert a.title == "A plain text article"
    assert len(texts(a)) == 2
    assert texts(a)[0].startswith("This paragraph was wrapped") and texts(a)[0].endswith("which is short.")
    assert "\n" not in texts(a)[0]


def test_short_lines_are_not_joined() -> None:
    a = parse_text("Shopping list for the week\n\nEggs and milk.\nBread and butter.\n")
    assert texts(a) == ["Eggs and milk.", "Bread and butter."]


PAGE = """Menu
Search
Share
Storm closes ports along the coast
Advertisement
5 min read
Published March 12, 2025 | By Ana Ruiz and Ben Okafor
Storm closes ports along the coast
Waves hit the harbour wall on Tuesday. Photo: Jane Smith/Reuters

Port authorities closed three harbours on Tuesday as the storm approached.

Sign up for our daily newsletter
What Happens Next

Officials said the ports would reopen when the wind dropped below gale force.

Flood defences hold in the north as rivers rise
Engineers working through the night kept the barriers closed while water levels climbed toward the top of the walls in
Ana Ruiz
Reporter
Ana Ruiz is a reporter at The Coastal Times.
Read more
"""


def test_general_page_rules() -> None:
    a = parse_text(PAGE)
    assert a.title == "Storm closes ports along the coast"
    assert a.author == "Ana Ruiz and Ben Okafor"
    assert a.published == date(2025, 3, 12)
    assert a.source == "The Coastal Times"  # a bio with no marker line
    assert [(b.kind, b.text) for b in a.blocks] == [
        ("caption", "Waves hit the harbour wall on Tuesday. Photo: Jane Smith/Reuters"),
        ("paragraph", "Port authorities closed three harbours on Tuesday as the storm approached."),
        ("heading", "What Happens Next"),
        ("paragraph", "Officials said the ports would reopen when the wind dropped below gale force."),
    ]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("date 2025-03-12 By Ryan Morgan", (date(2025, 3, 12), "Ryan Morgan")),
        ("12 March 2025", (date(2025, 3, 12), None)),
        ("Wednesday, March 12, 2025 10:30 AM ET", (date(2025, 3, 12), None)),
        ("By A. N. Other, Reuters", (None, "A. N. Other")),
        ("By Ana Ruiz & Ben Okafor", (None, "Ana Ruiz & Ben Okafor")),
    ],
)
def test_header_lines(header: str, expected: tuple[date | None, str | None]) -> None:
    a = parse_text(f"Headline about the storm\n{header}\n\nThe body of the story goes here.\n")
    assert (a.published, a.author) == expected
    assert texts(a) == ["The body of the story goes here."]


def test_dates_in_the_body_are_not_the_date() -> None:
    a = parse_text("Headline about the storm\n\nOn March 12, 2025 the storm arrived.\n")
    assert a.published is None


def test_byline_in_body_is_not_the_author() -> None:
    a = parse_text("Headline about the storm\n\nSome text here.\n\nBy Tuesday Evening the rain stopped.\n")
    assert a.author is None


@pytest.mark.parametrize(
    "line",
    [
        "Rubio at the hearing on Jan. 15, 2025. (Kevin Dietsch / Getty Images)",
        "Rescue workers at the scene (Photo by John Doe/AFP via Getty Images)",
        "Crowds gather in the square. Credit: Jane Smith",
        "Troops on parade in Kyiv | AFP via Getty Images",
    ],
)
def test_captions(line: str) -> None:
    assert is_caption(line)


@pytest.mark.parametrize(
    "line",
    [
        "Weak dollar hits Reuters",
        "Little Britain (BBC Three)",
        "Caroline Quentin (Life Begins/ Von Trapped, ITV1)",
        "The agency said it would respond, Reuters reported.",
    ],
)
def test_not_captions(line: str) -> None:
    assert not is_caption(line)


@pytest.mark.parametrize(
    "line", ["News Feed", "Show More", "Read more", "Avatar", "Share", "Advertisement", "Subscribe",
             "2 min read", "12 min read", "Sign up for our newsletter", "SHARE"],
)
def test_chrome(line: str) -> None:
    assert is_chrome(line)


@pytest.mark.parametrize("line", ["Moscow has so far refused.", "Share prices fell sharply on Monday."])
def test_not_chrome(line: str) -> None:
    assert not is_chrome(line)


def test_lead_title() -> None:
    assert first_sentence("The U.S. Army won. Next.") == "The U.S. Army won."
    assert first_sentence("Mr. Smith left. Then.") == "Mr. Smith left."
    assert lead_title("Short lead sentence. More text follows.") == "Short lead sentence"
    long = lead_title("word " * 40)
    assert long.endswith("…") and len(long) <= 80 and not long[:-1].endswith(" ")


def test_no_headline_derives_title_and_keeps_lead() -> None:
    a = parse_text("The minister resigned on Friday. She gave no reason.\n\nMore to come.\n")
    assert a.title == "The minister resigned on Friday"
    assert texts(a)[0] == "The minister resigned on Friday. She gave no reason."


def test_heading_at_end_is_a_paragraph() -> None:
    a = parse_text("Headline about the storm\n\nBody text here.\n\nSchool Of Rock\n")
    assert a.blocks is not None and a.blocks[-1].kind == "paragraph"


def test_hostile_text_loses_control_characters(tmp_path: Path) -> None:
    path = tmp_path / "evil.txt"
    payload = (
        "Evil \x1b]0;pwned\x07headline\n\n"
        "Copy \x1b]52;c;cm0gLXJmIH4=\x07 me \x1b[2J\x1b[31mred\x1b[0m \x9b1;1H \u202eesrever\u2066x\u2069 \x7f.\n\n"
        "Markup [bold]x[/] and [TODO] and [@click=app.quit]here[/] stay literal.\n"
    )
    path.write_text(payload, encoding="utf-8")
    imported = load_file(path)
    a = imported.article
    everything = "\n".join([a.title, *texts(a)])
    for bad in ("\x1b", "\x07", "\x9b", "\u202e", "\u2066", "\u2069", "\x7f"):
        assert bad not in everything
    assert a.title == "Evil ]0;pwnedheadline"
    assert "Markup [bold]x[/] and [TODO] and [@click=app.quit]here[/] stay literal." in texts(a)
    assert any("control or bidi" in w for w in imported.warnings)


@pytest.mark.skipif(not BBC.is_dir(), reason="/work/shared BBC data not available")
def test_bbc_business_001() -> None:
    a = load_file(BBC / "business" / "001.txt").article
    assert a.title == "Ad sales boost Time Warner profit"
    assert texts(a)[0].startswith("Quarterly profits at US media giant TimeWarner jumped 76%")
    assert all(b.kind == "paragraph" for b in a.blocks or [])


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .?!:()\n\r\t\x1b\x07\u202eBy2025-03-12Avatar")), max_size=300))
def test_any_text_parses_to_safe_blocks(text: str) -> None:
    a = parse_text(text)
    assert a.title
    for s in [a.title, a.author or "", a.source or "", *texts(a)]:
        assert s == sanitize(s)
        assert "\r" not in s
