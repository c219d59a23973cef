"""Markdown: front matter, block kinds, inline markup flattened to text (its structure is
kept as marks, see test_markdown_structure.py), hostile entities removed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.ingest import load_file
from reader.core.ingest.markdown import parse_markdown, split_front_matter
from reader.core.model import Article
from reader.core.sanitize import sanitize


def pairs(article: Article) -> list[tuple[str, str]]:
    assert article.blocks is not None
    return [(b.kind, b.text) for b in article.blocks]


FRONT = """---
title: "Ports close as storm nears"
author: Ana Ruiz
source: The Coastal Times
url: https://example.com/storm
date: 2025-03-12T08:00:00Z
tags: [weather, 'Ports', "#weather"]
extra: ignored
---
Port authorities closed three harbours.
"""


def test_front_matter_fields() -> None:
    a = parse_markdown(FRONT)
    assert a.title == "Ports close as storm nears"
    assert a.author == "Ana Ruiz"
    assert a.source == "The Coastal Times"
    assert a.url == "https://example.com/storm"
    assert a.published == date(2025, 3, 12)
    assert a.tags == ["weather", "ports"]
    assert pairs(a) == [("paragraph", "Port authorities closed three harbours.")]


def test_front_matter_tags_as_a_dash_list() -> None:
    meta, body = split_front_matter("---\ntags:\n  - war\n  - \"peace talks\"\ntitle: T\n---\nBody\n")
    assert meta.tags == ["war", "peace-talks"]  # normalised like every tag
    assert meta.title == "T"
    assert body == "Body\n"


def test_no_front_matter_unless_at_the_very_top() -> None:
    text = "Intro line.\n\n---\ntitle: Not front matter\n---\n"
    meta, body = split_front_matter(text)
    assert meta.title is None and body == text


def test_bad_date_is_none() -> None:
    assert parse_markdown("---\ndate: 2025-13-45\n---\nx\n").published is None


def test_first_h1_is_the_title_and_not_repeated() -> None:
    a = parse_markdown("# The Title\n\nFirst paragraph.\n\n## Section\n\nMore.\n\n# Second H1\n")
    assert a.title == "The Title"
    assert pairs(a) == [
        ("paragraph", "First paragraph."),
        ("heading", "Section"),
        ("paragraph", "More."),
        ("heading", "Second H1"),
    ]


def test_front_matter_title_wins_and_a_matching_h1_is_dropped() -> None:
    a = parse_markdown("---\ntitle: The Title\n---\n# The Title\n\nBody.\n")
    assert a.title == "The Title" and pairs(a) == [("paragraph", "Body.")]
    b = parse_markdown("---\ntitle: Front\n---\n# Other\n\nBody.\n")
    assert b.title == "Front" and pairs(b) == [("heading", "Other"), ("paragraph", "Body.")]


def test_title_from_lead_sentence_without_h1() -> None:
    a = parse_markdown("The U.S. Senate voted on Friday. It was close.\n\n## Why\n")
    assert a.title == "The U.S. Senate voted on Friday"
    assert pairs(a)[0] == ("paragraph", "The U.S. Senate voted on Friday. It was close.")


def test_block_kinds() -> None:
    md = (
        "# T\n\n"
        "> quote one\n>\n> quote two\n\n"
        "- item *one*\n- item two\n\n"
        "3. third\n4. fourth\n\n"
        "```python\nx  = 1\nprint(x)\n```\n\n"
        "    indented code\n\n"
        "![A harbour at dawn](harbour.jpg)\n\n"
        "![](no-alt.jpg)\n\n"
        "Setext heading\n--------------\n\n"
        "***\n\n"
        "End.\n"
    )
    assert pairs(parse_markdown(md)) == [
        ("blockquote", "quote one"),
        ("blockquote", "quote two"),
        ("item", "• item one"),
        ("item", "• item two"),
        ("item", "3. third"),
        ("item", "4. fourth"),
        ("code", "x  = 1\nprint(x)"),
        ("code", "indented code"),
        ("caption", "A harbour at dawn"),
        ("heading", "Setext heading"),
        ("paragraph", "End."),
    ]


def test_inline_markup_becomes_plain_text() -> None:
    md = (
        "# T\n\n"
        "Some *emphasis*, **strong**, [a link](https://x.test) and <https://auto.test>,\n"
        "`code *span*` and ![an image](i.png) inline.  \n"
        "After a hard break.\n"
    )
    assert pairs(parse_markdown(md)) == [
        (
            "paragraph",
            "Some emphasis, strong, a link and https://auto.test, code *span* and an image inline.\n"
            "After a hard break.",
        )
    ]


def test_markup_like_text_and_raw_html_stay_literal() -> None:
    a = parse_markdown("# T\n\nKeep \\[bold]x\\[/] and \\[TODO] and <b>tags</b>.\n\n[Reuters] said.\n")
    assert pairs(a) == [
        ("paragraph", "Keep [bold]x[/] and [TODO] and <b>tags</b>."),
        ("paragraph", "[Reuters] said."),
    ]


def test_hostile_markdown_file(tmp_path: Path) -> None:
    path = tmp_path / "evil.md"
    path.write_text(
        "---\ntitle: Evil\x1b]0;x\x07 title\nauthor: \u202eMallory\n---\n"
        "Copy &#27;]52;c;cm0gLXJmIH4=&#7; now &#x1b;[2J &#x202e;rev &#155;1m \x1b[31mraw\x9b.\n\n"
        "> quoted &#x2066;iso&#x2069; \x1b[0m\n\n"
        "[bold]x[/] and [TODO]\n",
        encoding="utf-8",
    )
    imported = load_file(path)
    a = imported.article
    everything = "\n".join([a.title, a.author or "", *(b.text for b in a.blocks or [])])
    for bad in ("\x1b", "\x07", "\x9b", "\u202e", "\u2066", "\u2069"):
        assert bad not in everything
    assert a.title == "Evil]0;x title"
    assert a.author == "Mallory"
    assert ("paragraph", "[bold]x[/] and [TODO]") in pairs(a)
    assert imported.warnings and "control or bidi" in imported.warnings[0]


def test_markdown_suffixes(tmp_path: Path) -> None:
    for name in ("a.md", "b.markdown", "C.MD"):
        path = tmp_path / name
        path.write_text("# Heading\n\nBody.\n", encoding="utf-8")
        a = load_file(path).article
        assert a.title == "Heading" and pairs(a) == [("paragraph", "Body.")]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("#>-*_`[]()!&#;x27 \n\x1b\u202eab1.")), max_size=300))
def test_any_markdown_parses_to_safe_blocks(text: str) -> None:
    a = parse_markdown(text)
    for s in [a.title, *(b.text for b in a.blocks or [])]:
        assert s == sanitize(s)
