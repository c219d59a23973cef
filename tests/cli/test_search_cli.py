"""`reader search` as a user drives it: what it prints piped and on a terminal, --json,
--articles, --limit, a malformed query, "did you mean", and hostile text kept inert."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from reader.cli import main
from reader.core.store import Library
from reader.cli.search import MARK_OFF, MARK_ON, article_block, note_block

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
ESC = "\x1b"


def run(home: Path, *argv: str) -> int:
    return main(["--home", str(home), *argv])


def run_json(capsys, home: Path, *argv: str):
    capsys.readouterr()
    assert run(home, *argv, "--json") == 0
    return json.loads(capsys.readouterr().out)


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> SimpleNamespace:
    """The two seed articles and three notes on the Rubio one."""
    home = tmp_path_factory.mktemp("lib")
    assert run(home, "add", str(SEEDS)) == 0
    articles = {a["source"]: a for a in _json(home, "ls")}
    rubio = articles["The Kyiv Independent"]["id"]
    notes = [
        _json(home, "note", rubio, "--quote", "dragging their feet", "--note", "Whose words?\nTrump's, per AFP.",
              "--tag", "trump", "--color", "2"),
        _json(home, "note", rubio, "--quote", "U.S. negotiations with Russia and Ukraine",
              "--note", "Negotiations: where, exactly?", "--tag", "diplomacy"),
        _json(home, "note", rubio, "--quote", "premature", "--note", "Too early for talks, he says"),
    ]
    return SimpleNamespace(home=home, rubio=rubio, notes=notes, articles=articles)


def _json(home: Path, *argv: str):
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert run(home, *argv, "--json") == 0
    return json.loads(out.getvalue())


def test_hits_piped_are_plain_text(library, capsys):
    capsys.readouterr()
    assert run(library.home, "search", "feet") == 0
    out = capsys.readouterr().out
    note = library.notes[0]
    assert ESC not in out  # stdout is not a terminal: no escape code at all
    assert out.startswith(f"{note['id'][:8]}  Higher-level ceasefire talks")
    assert "“dragging their feet”" in out
    assert "  Whose words?" in out and "#trump" in out
    assert out.rstrip().endswith("1 match")


def test_marks_on_a_terminal(library, capsys, monkeypatch):
    capsys.readouterr()
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert run(library.home, "search", "negotiat") == 0
    out = capsys.readouterr().out
    marked = re.findall(re.escape(MARK_ON) + "(.*?)" + re.escape(MARK_OFF), out)
    assert marked and all(m.casefold().startswith("negotiat") for m in marked)
    assert re.sub(r"\x1b\[[0-9;]*m", "", out).count(ESC) == 0  # nothing else but our marks


def test_json_shape_and_marks_point_at_the_words(library, capsys):
    hits = run_json(capsys, library.home, "search", "negotiat")
    assert hits and {h["id"] for h in hits} <= {n["id"] for n in library.notes}
    for hit in hits:
        assert set(hit) == {"kind", "id", "article_id", "title", "date", "quote", "note", "tags", "score", "marks",
                            "created", "article_date", "article_tags"}
        assert hit["kind"] == "note" and hit["article_id"] == library.rubio
        assert isinstance(hit["tags"], list) and isinstance(hit["score"], (int, float))
        for field, spans in hit["marks"].items():
            text = hit[field] if field in ("quote", "note", "title") else None
            for start, end in spans:
                assert text is None or text[start:end].casefold().startswith("negotiat")
    assert run_json(capsys, library.home, "search", "zzzzqqq") == []


def test_articles(library, capsys):
    capsys.readouterr()
    assert run(library.home, "search", "--articles", "cease-fire") == 0
    out = capsys.readouterr().out
    morgan = next(a for a in library.articles.values() if a["author"] == "Ryan Morgan")
    assert out.startswith(morgan["id"][:8]) and "Rubio" in out.splitlines()[0]
    assert ESC not in out
    hits = run_json(capsys, library.home, "search", "--articles", "rubio")
    assert {h["kind"] for h in hits} == {"article"} and len(hits) == 2


def test_limit(library, capsys):
    assert len(run_json(capsys, library.home, "search", "rubio")) == 3  # every note: the title says Rubio
    assert len(run_json(capsys, library.home, "search", "rubio", "--limit", "2")) == 2
    assert run(library.home, "search", "rubio", "--limit", "2") == 0
    assert capsys.readouterr().out.rstrip().endswith("2 of 3 matches (--limit shows more)")


@pytest.mark.parametrize("query, caret", [
    ('feet "their', "     ^^^^^^"),
    ("tga:trump", "^^^^"),
    ("color:9", "      ^"),
])
def test_malformed_query_is_a_message_and_a_pointer(library, capsys, query, caret):
    capsys.readouterr()
    assert run(library.home, "search", query) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 3 and lines[0].startswith("reader: ")
    assert lines[1] == f"  {query}" and lines[2] == f"  {caret}"


def test_did_you_mean_when_nothing_matches(library, capsys):
    capsys.readouterr()
    assert run(library.home, "search", "negotations") == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == "No matches."
    assert captured.err.startswith("reader: no match for 'negotations': did you mean ")
    assert "negotiations" in captured.err


def test_did_you_mean_for_a_name_nobody_has(library, capsys):
    capsys.readouterr()
    assert run(library.home, "search", "said-by:rubi") == 0  # a prefix of a speaker: found, nothing to suggest
    assert "did you mean" not in capsys.readouterr().err
    assert run(library.home, "search", "said-by:rubuo") == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == "No matches."
    assert captured.err.strip() == "reader: no match for 'said-by:rubuo': did you mean said-by:rubio?"


def test_did_you_mean_for_a_tag_nobody_uses(library, capsys):
    capsys.readouterr()
    assert run(library.home, "search", "tag:diplo") == 0  # a prefix of a tag: found
    assert "did you mean" not in capsys.readouterr().err
    assert run(library.home, "search", "tag:diplomcy") == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == "No matches."
    assert captured.err.strip() == "reader: no match for 'tag:diplomcy': did you mean tag:diplomacy?"
    assert run(library.home, "search", "-tag:diplomcy") == 0  # excluding a tag nobody uses is no typo to point at
    assert "did you mean" not in capsys.readouterr().err


def test_hostile_article_text_stays_inert(tmp_path, capsys, monkeypatch):
    home = tmp_path / "lib"
    hostile = tmp_path / "hostile.txt"
    hostile.write_text("Evil\x1b]52;c;aGk=\x07 title\n\nA sentence with payload\x1b[2J\x9b31m inside\u202e it.\n",
                       encoding="utf-8")
    assert run(home, "add", str(hostile)) == 0
    article = _json(home, "ls")[0]["id"]
    assert run(home, "note", article, "--quote", "payload", "--note", "warning \x1b[31mred\x1b[0m", "--tag", "x") == 0
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    for argv in (["payload"], ["--articles", "payload"], ["warning"], ["evil"]):
        capsys.readouterr()
        assert run(home, "search", *argv) == 0
        out = capsys.readouterr().out
        assert MARK_ON in out
        assert ESC not in out.replace(MARK_ON, "").replace(MARK_OFF, "")
        assert not {"\x07", "\x9b", "\u202e"} & set(out)


def test_output_sanitises_what_the_index_returns():
    """Even text that never went through ingest (a hit built by hand) is printed inert."""
    evil = "\x1b]52;c;aGk=\x07"
    hit = SimpleNamespace(
        kind="note", id="abcdef0123456789", article_id="0123", score=1.0, title=f"T{evil}itle", date=None,
        quote=f"a {evil}word here", note=f"the word{evil}\nline 2", tags=[f"t{evil}"],
        marks={"quote": ((2 + len(evil), 6 + len(evil)),), "note": ((4, 8),)}, excerpt=f"the {evil}word",
    )
    for text in (note_block(hit, tty=True), article_block(hit, f"src{evil}", tty=True)):
        assert ESC not in text.replace(MARK_ON, "").replace(MARK_OFF, "") and "\x07" not in text
    assert f"{MARK_ON}word{MARK_OFF}" in note_block(hit, tty=True)
    assert ESC not in note_block(hit, tty=False)


def test_a_negated_word_is_part_of_the_query_not_an_option(library, capsys):
    every = {hit["id"] for hit in run_json(capsys, library.home, "search", "tag:trump OR tag:diplomacy")}
    without = run_json(capsys, library.home, "search", "tag:trump", "OR", "tag:diplomacy", "-negotiations", "--limit", "5")
    assert len(every) == 2 and [hit["id"] for hit in without] == [library.notes[0]["id"]]
    capsys.readouterr()
    assert run(library.home, "search", "-feet", "--limit=1") == 0  # first word negated, an option after it
    assert "1 of 2 matches" in capsys.readouterr().out  # the three notes but the one on "dragging their feet"


def test_save_keeps_the_query_as_typed_and_says_so(library, capsys):
    capsys.readouterr()
    assert run(library.home, "search", "tag:trump", "-feet", "--save", "trump, not feet") == 0
    assert "saved as 'trump, not feet'" in capsys.readouterr().err
    assert Library(library.home).searches()["trump, not feet"] == "tag:trump -feet"


def test_is_read_finds_the_articles_read(library, capsys):
    """newsboat users look for what they read: is:read is the opposite of is:unread."""
    other = next(a["id"] for a in library.articles.values() if a["id"] != library.rubio)
    assert run(library.home, "read", other) == 0
    found = _json(library.home, "search", "is:read", "--articles")
    assert [hit["article_id"] for hit in found] == [other]
    assert run(library.home, "read", other, "--unread") == 0
