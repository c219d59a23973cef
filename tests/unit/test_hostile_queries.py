"""Hostile search queries: deep nesting is a QueryError pointing at the spot (never a
RecursionError), and very long queries parse, print back and run as any other query."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.search.nodes import Not, Or
from reader.core.search.query import MAX_DEPTH, QueryError, parse, unparse

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def error(query: str) -> QueryError:
    with pytest.raises(QueryError) as caught:
        parse(query)
    return caught.value


def depth(node) -> int:
    """How deep the tree goes (iteratively: the point is that it stays shallow)."""
    deepest, stack = 0, [(node, 1)]
    while stack:
        node, level = stack.pop()
        deepest = max(deepest, level)
        children = [node.operand] if isinstance(node, Not) else list(getattr(node, "operands", ()))
        stack.extend((child, level + 1) for child in children)
    return deepest


@pytest.mark.parametrize("query", ["(" * 300 + "a" + ")" * 300, "(" * 300 + "a", "x (" + "(b OR " * 299 + "c" + ")" * 300])
def test_deep_parentheses_are_a_query_error_at_the_first_one_too_deep(query):
    caught = error(query)
    assert caught.message == f"the query nests parentheses more than {MAX_DEPTH} deep"
    assert query[caught.position] == "("
    assert query[: caught.position].count("(") == MAX_DEPTH
    pointer = caught.pointer(query)
    assert pointer.splitlines()[1] == " " * caught.position + "^"


@pytest.mark.parametrize("query", ["-" * 5000 + "a", "-(" * 300 + "a" + ")" * 300, "a -" + "-" * 40 + "tag:x"])
def test_long_chains_of_minus_are_a_query_error(query):
    caught = error(query)
    assert caught.message == f"the query nests '-' more than {MAX_DEPTH} deep"
    assert query[caught.position] == "-"


def test_the_deepest_allowed_query_parses_and_prints_back():
    query = "-(" * MAX_DEPTH + "a OR b" + ")" * MAX_DEPTH
    node = parse(query)
    assert parse(unparse(node)) == parse(unparse(parse(unparse(node))))
    assert depth(node) == MAX_DEPTH + 2  # the Nots, the Or, its words
    assert isinstance(parse("(" * MAX_DEPTH + "a" + ")" * MAX_DEPTH), type(parse("a")))


def test_siblings_do_not_add_up_to_a_depth():
    query = " ".join(["(a OR (b OR -c))"] * 2000) + " " + " ".join(["-x"] * 2000)
    assert depth(parse(query)) <= 4


@pytest.mark.parametrize(
    "query",
    [
        "a" * 100_000,
        " OR ".join(f"w{i}" for i in range(10_000)),
        " ".join(f"-w{i}" for i in range(10_000)),
        " ".join(["NOT"] * 20_000) + " a",
        " AND ".join(["a"] * 10_000),
        '"a b" ' * 15_000,
        "tag:x " * 15_000,
        "x" * 100_000 + ":y",
    ],
    ids=["100k-word", "10k-or", "10k-minus-words", "not-chain", "10k-and", "phrases", "fields", "long-colon-word"],
)
def test_very_long_queries_parse_flat_and_print_back(query):
    node = parse(query)
    assert depth(node) <= 3
    assert parse(unparse(node)) == parse(unparse(parse(unparse(node))))


def test_ten_thousand_ors_are_one_flat_or():
    node = parse(" OR ".join(f"w{i}" for i in range(10_000)))
    assert isinstance(node, Or) and len(node.operands) == 10_000


# --- as a user runs them ---------------------------------------------------------------


def run(home: Path, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--home", str(home), *argv])
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("lib")
    assert run(home, "add", str(SEEDS))[0] == 0
    code, out, _ = run(home, "ls", "--json")
    article = next(a["id"] for a in json.loads(out) if a["source"] == "The Kyiv Independent")
    assert run(home, "note", article, "--quote", "dragging their feet", "--note", "whose words", "--tag", "trump")[0] == 0
    return home


def test_reader_search_with_300_parentheses_points_at_the_spot(home):
    query = "(" * 300 + "feet" + ")" * 300
    code, out, err = run(home, "search", query)
    assert code == 1 and out == ""
    assert "Traceback" not in err and "RecursionError" not in err
    first, line, carets = err.splitlines()
    assert first == f"reader: the query nests parentheses more than {MAX_DEPTH} deep"
    assert line.strip() == query
    assert carets.strip() == "^" and carets.index("^") - line.index("(") == MAX_DEPTH


@pytest.mark.parametrize(
    "query",
    [
        " OR ".join(["feet"] + [f"nomatch{i}" for i in range(10_000)]),
        "feet " + " ".join(f"-nomatch{i}" for i in range(10_000)),
        "-(" * (MAX_DEPTH - 1) + "nomatch" + ")" * (MAX_DEPTH - 1) + " feet",  # an odd count: -nomatch
        "(" * MAX_DEPTH + "feet" + ")" * MAX_DEPTH,
    ],
    ids=["10k-or", "10k-minus", "deepest-minus", "deepest-parens"],
)
def test_long_and_deep_queries_still_find_the_note(home, query):
    code, out, err = run(home, "search", "--json", "--", query)
    assert code == 0, err
    assert [hit["note"] for hit in json.loads(out)] == ["whose words"]
