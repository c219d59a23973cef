"""Markdown in and out with its structure: lists, links, emphasis, code, tables and images
become the same blocks a web page gives, and `reader show ID --markdown` writes them back so
that importing the result gives the same blocks again."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.cli import main
from reader.core.export.body_markdown import blocks_markdown, inline_markdown
from reader.core.ingest.markdown import parse_markdown
from reader.core.model import Block, Mark

DOCUMENT = """---
title: Buses "and" trams
author: Ann Author
tags: [transport, city]
date: 2025-03-01
---
# Buses "and" trams

Some *emphasis*, **strong**, ***both***, [a link](https://x.test/a_b?c=1&d=2) and <https://auto.test>,
`code *span*` and `` a`b `` inline.
After a soft break, then a hard one.\\
Prices: 5 * 3 = 15, a_b_c [not a link] <b>tag</b> &amp; #hash.

1. one
2. two
   - nested [x](https://e.org) item
   - another
     1. deep
3. three

- item *one*
- item two

  second paragraph of item two
- item three

7. seventh
8. eighth

> A quote with **bold**
> and more
>
> Second quote paragraph

## Sub *heading*

#### Level four

| Zone | Fare |
|------|-----:|
| A | **1.80** |
| B [link](http://b.org) | 2 \\| 3 |

```python
x  = 1
print(`x`)
```

    indented	code

![A harbour at dawn](harbour.jpg)

1986\\. A great year. Read [this](javascript:alert(1)) and [that](/relative).

+ plus list
- \\# not a heading
"""


def blocks_of(markdown: str) -> list[Block]:
    article = parse_markdown(markdown)
    assert article.blocks is not None
    return article.blocks


def marked(block: Block) -> list[tuple[str, str, str | None]]:
    return [(m.kind, block.text[m.start : m.end], m.href) for m in block.marks]


def test_markdown_gives_structured_blocks():
    blocks = blocks_of(DOCUMENT)
    first = blocks[0]
    assert first.text.startswith("Some emphasis, strong, both, a link and https://auto.test, code *span* and a`b inline.")
    assert "inline. After a soft break, then a hard one.\nPrices: 5 * 3 = 15, a_b_c [not a link] <b>tag</b> & #hash." in first.text
    assert marked(first) == [
        ("em", "emphasis", None), ("strong", "strong", None), ("em", "both", None), ("strong", "both", None),
        ("link", "a link", "https://x.test/a_b?c=1&d=2"), ("link", "https://auto.test", "https://auto.test"),
        ("code", "code *span*", None), ("code", "a`b", None),
    ]
    items = [(b.level, b.text) for b in blocks if b.kind == "item"]
    assert items == [
        (0, "1. one"), (0, "2. two"), (1, "• nested x item"), (1, "• another"), (2, "1. deep"), (0, "3. three"),
        (0, "• item one"), (0, "• item two"), (0, "second paragraph of item two"), (0, "• item three"),
        (0, "7. seventh"), (0, "8. eighth"), (0, "• plus list"), (0, "• # not a heading"),
    ]
    kinds = {b.text: (b.kind, b.level) for b in blocks if b.kind != "item"}
    assert kinds["Sub heading"] == ("heading", 2) and kinds["Level four"] == ("heading", 4)
    assert kinds["A quote with bold and more"] == ("blockquote", 0)
    assert kinds['x  = 1\nprint(`x`)'] == ("code", 0)
    assert kinds["indented    code"] == ("code", 0)  # a tab is spaces: the view draws text as it is
    assert kinds["A harbour at dawn"] == ("caption", 0)
    table = next(b for b in blocks if b.kind == "table")
    assert table.text.split("\n") == ["Zone   │ Fare", "───────┼──────", "A      │ 1.80", "B link │ 2 | 3"]
    last = next(b for b in blocks if b.text.startswith("1986."))
    assert marked(last) == []  # javascript: and relative links keep their words, not their address


def test_markdown_round_trips_through_show_markdown(tmp_path: Path):
    """Markdown -> import -> `reader show ID --markdown` -> import gives the same blocks."""
    source = tmp_path / "buses.md"
    source.write_text(DOCUMENT, encoding="utf-8")
    home = tmp_path / "lib"
    assert run(home, "add", str(source))[0] == 0
    (listed,) = json.loads(run(home, "ls", "--json")[1])
    code, written, _ = run(home, "show", listed["id"], "--markdown")
    assert code == 0
    again = parse_markdown(written)
    original = parse_markdown(DOCUMENT)
    assert again.blocks == original.blocks
    assert (again.title, again.author, again.tags, again.published) == (
        original.title, original.author, original.tags, original.published,
    )
    # and once more: the Markdown written is a fixed point
    home2 = tmp_path / "lib2"
    (tmp_path / "again.md").write_text(written, encoding="utf-8")
    assert run(home2, "add", str(tmp_path / "again.md"))[0] == 0
    (listed2,) = json.loads(run(home2, "ls", "--json")[1])
    assert run(home2, "show", listed2["id"], "--markdown")[1] == written


def test_show_links_lists_them_numbered_with_their_address(tmp_path: Path):
    source = tmp_path / "buses.md"
    source.write_text(DOCUMENT, encoding="utf-8")
    home = tmp_path / "lib"
    run(home, "add", str(source))
    (listed,) = json.loads(run(home, "ls", "--json")[1])
    code, out, _ = run(home, "show", listed["id"][:6], "--links")
    assert code == 0
    assert out.splitlines() == [
        "[1] a link  https://x.test/a_b?c=1&d=2",
        "[2] https://auto.test  https://auto.test",
        "[3] x  https://e.org",
        "[4] link  http://b.org",
    ]
    data = json.loads(run(home, "show", listed["id"], "--links", "--json")[1])
    assert data[3] == {"number": 4, "text": "link", "href": "http://b.org"}


def run(home: Path, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--home", str(home), *argv])
    return code, out.getvalue(), err.getvalue()


# -- any text and marks survive the trip ----------------------------------------------------

_TEXT = st.text(alphabet=st.sampled_from(list("ab 1.#*_`[]()<>!&|\\-+=~\"'é東") + ["\n"]), min_size=1, max_size=24)


@st.composite
def paragraphs(draw: st.DrawFn) -> Block:
    text = " ".join(draw(_TEXT).split())  # what ingest leaves: no runs of white space, no ends
    if not text:
        text = "x"
    marks = []
    for _ in range(draw(st.integers(0, 3))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        kind = draw(st.sampled_from(["em", "strong", "code", "link"]))
        marks.append(Mark(start, end, kind, "https://e.org/x" if kind == "link" else None))
    return Block("paragraph", text, 0, tuple(marks))


@settings(max_examples=300, deadline=None)
@given(paragraphs())
def test_any_paragraph_keeps_its_text_exactly(block: Block):
    """Whatever the text and marks, the text comes back as it was (marks Markdown cannot say
    are left out, never turned into stray characters)."""
    (back,) = blocks_of("# T\n\n" + blocks_markdown([block]))
    assert back.text == block.text
    for mark in back.marks:
        assert 0 <= mark.start < mark.end <= len(back.text)


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_any_plain_text_is_escaped_to_itself(text: str):
    line = " ".join(text.split()) or "x"
    (back,) = blocks_of("# T\n\n" + inline_markdown(line))
    assert back.text == line and back.kind == "paragraph"


def test_list_shapes_from_a_page_survive_the_trip():
    """Two numbered lists one after the other, nesting under a number, a second paragraph of
    an item, and a stray item without a marker (kept as a paragraph, its words intact)."""
    blocks = [
        Block("item", "1. a"), Block("item", "2. b"), Block("item", "• under b", 1), Block("item", "10. deep", 2),
        Block("item", "1. new list"), Block("item", "2. c"),
        Block("item", "more of c"),
        Block("item", "3. d"),
        Block("paragraph", "Between."),
        Block("item", "no marker here"),
    ]
    back = blocks_of("# T\n\n" + blocks_markdown(blocks))
    assert back[:-1] == blocks[:-1]
    assert (back[-1].kind, back[-1].text) == ("paragraph", "no marker here")
