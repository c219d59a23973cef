"""`reader import-notes` with hostile files: huge numbers, NaN/Infinity, deep nesting and wrong
types anywhere give one clear line naming the file (and the record), exit 1, and leave every
library file byte for byte as it was. Driven through `reader.cli.main`, as a user would."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.cli import main

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
HOLE = "\u0000hole\u0000"  # a string put where raw JSON text goes in afterwards


def run(home: Path, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--home", str(home), *argv])
    return code, out.getvalue(), err.getvalue()


def snapshot(home: Path) -> dict[str, bytes]:
    return {str(p.relative_to(home)): p.read_bytes() for p in sorted(home.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> tuple[Path, dict[str, Any], dict[str, Any]]:
    """A library with the seeds and two notes, and its JSON and W3C exports (parsed)."""
    root = tmp_path_factory.mktemp("template")
    home = root / "lib"
    assert run(home, "add", str(SEEDS))[0] == 0
    articles = json.loads(run(home, "ls", "--json")[1])
    rubio = next(a["id"] for a in articles if a["source"] == "The Kyiv Independent")
    assert run(home, "note", rubio, "--quote", "dragging their feet", "--note", "whose?", "--tag", "t", "--color", "2")[0] == 0
    assert run(home, "note", rubio, "--quote", "premature")[0] == 0
    exports = {}
    for fmt in ("json", "w3c"):
        code, out, err = run(home, "export", "--format", fmt)
        assert code == 0, err
        exports[fmt] = json.loads(out)
    return home, exports["json"], exports["w3c"]


def import_text(template_home: Path, text: str) -> tuple[int, str, str, bool]:
    """Import `text` as a file into a copy of the template library: the exit code, the output,
    and whether every library file is still as it was."""
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp, "lib")
        shutil.copytree(template_home, home)
        file = Path(tmp, "notes.json")
        file.write_text(text, encoding="utf-8")
        before = snapshot(home)
        code, out, err = run(home, "import-notes", str(file))
        unchanged = snapshot(home) == before
        err = err.replace(str(file), "FILE")
    return code, out, err, unchanged


def assert_refused(result: tuple[int, str, str, bool], *fragments: str) -> str:
    code, out, err, unchanged = result
    assert code == 1 and out == "", err
    assert err.startswith("reader: FILE: ") and err.endswith("; nothing was imported\n"), err
    assert err.count("\n") == 1 and "Traceback" not in err and len(err) < 400, err
    assert unchanged
    for fragment in fragments:
        assert fragment in err, err
    return err


def with_raw(data: Any, path: list[str | int], raw: str) -> str:
    """`data` as JSON text with the value at `path` replaced by the raw JSON text `raw`."""
    data = json.loads(json.dumps(data))
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = HOLE
    return json.dumps(data).replace(json.dumps(HOLE), raw)


def with_value(data: Any, path: list[str | int], value: Any) -> str:
    return with_raw(data, path, json.dumps(value))


# -- what json itself refuses or cannot hold ----------------------------------------------


@pytest.mark.parametrize("raw", ["1" * 5000, "-" + "9" * 5000, "1" * 400], ids=["5000-digits", "minus-5000-digits", "400-digits"])
def test_a_huge_integer_is_refused_naming_the_note(template, raw):
    home, export, _ = template
    err = assert_refused(import_text(home, with_raw(export, ["notes", 0, "selector", "start"], raw)), "note 1: start")
    assert "digits" in err or raw in err


def test_a_file_that_is_only_a_huge_integer_is_refused(template):
    assert_refused(import_text(template[0], "7" * 5000), "neither a reader JSON export")


@pytest.mark.parametrize("raw", ["NaN", "Infinity", "-Infinity", "1e999", "-1e999"])
@pytest.mark.parametrize(
    "path",
    [["notes", 0, "color"], ["notes", 0, "selector", "end"], ["notes", 0, "anchor", "score"], ["version"]],
    ids=["colour", "end", "score", "version"],
)
def test_nan_and_infinity_are_refused(template, raw, path):
    home, export, _ = template
    where = "" if path == ["version"] else "note 1: "
    assert_refused(import_text(home, with_raw(export, path, raw)), where)


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000 + "]" * 100_000,
        '{"a": ' * 100_000 + "1" + "}" * 100_000,
        '{"format": "reader-export", "version": 1, "articles": [], "notes": [' + "[" * 50_000 + "]" * 50_000 + "]}",
    ],
    ids=["lists", "objects", "inside-notes"],
)
def test_json_nested_a_hundred_thousand_deep_is_refused(template, text):
    assert_refused(import_text(template[0], text), "nested too deeply")


@pytest.mark.parametrize("depth", [70, 900])
def test_a_record_nested_deep_but_within_json_limits_is_refused(template, depth):
    home, export, w3c = template
    raw = "[" * depth + "]" * depth
    assert_refused(import_text(home, with_raw(export, ["notes", 0, "tags"], raw)), "nested too deeply")
    annotation = json.loads(json.dumps(w3c))
    del annotation["first"]["items"][0]["id"]  # an id is derived from the whole record
    assert_refused(import_text(home, with_raw(annotation, ["first", "items", 0, "extra"], raw)), "nested too deeply")


# -- wrong types and out-of-range values ----------------------------------------------------


@pytest.mark.parametrize(
    ("path", "value", "fragment"),
    [
        (["notes", 0, "selector", "start"], "12", "note 1: start"),
        (["notes", 0, "selector", "start"], -1, "note 1: start -1"),
        (["notes", 0, "selector", "start"], 10**30, "note 1: start"),
        (["notes", 0, "selector", "end"], 1.5, "note 1: end 1.5"),
        (["notes", 0, "selector", "end"], 0, "note 1: the passage ends"),
        (["notes", 0, "selector"], [], "note 1: selector is not a JSON object"),
        (["notes", 0, "selector", "exact"], None, "note 1: quote (exact) is not a string"),
        (["notes", 0, "id"], None, "note 1: id is not a string"),
        (["notes", 0, "article_id"], None, "note 1: article_id"),
        (["notes", 0, "color"], 10**30, "note 1: colour 100000000000… (31 digits) is not 1-5"),
        (["notes", 0, "color"], "2", "note 1: colour '2' is not 1-5"),
        (["notes", 0, "color"], [2], "note 1: colour a list is not 1-5"),
        (["notes", 0, "color"], {"a": 1}, "note 1: colour an object is not 1-5"),
        (["notes", 0, "tags"], {"a": "b"}, "note 1: tags is not a list of strings"),
        (["notes", 0, "tags"], [1], "note 1: tags is not a list of strings"),
        (["notes", 0, "created"], "x" * 10_000, "note 1: created 'xxxxxxxx"),
        (["notes", 0, "created"], "0001-01-01T00:00:00+05:00", "note 1: created '0001-01-01T00:00:00+05:00' is out of range"),
        (["notes", 0, "created"], 5, "note 1: created is not a string"),
        (["notes", 0, "anchor"], None, "note 1: anchor is not a JSON object"),
        (["notes", 0, "anchor", "state"], ["x"], "note 1: anchor state a list is not one of"),
        (["notes", 0], "a note", "note 1: a note is not a JSON object"),
        (["notes"], {"0": {}}, "'notes' is missing or not a list"),
        (["articles", 0, "word_count"], 10**30, "article 1: word_count"),
        (["articles", 0, "position"], -5, "article 1: position -5"),
        (["articles", 0, "blocks", 0, "kind"], {"k": 1}, "article 1: block kind an object is not one of"),
        (["articles", 0, "blocks", 0, "kind"], "x" * 10_000, "article 1: block kind 'xxxx"),
        (["articles", 0, "id"], "../../etc/passwd", "article 1: id '../../etc/passwd' is not a reader id"),
        (["articles", 0, "title"], None, "article 1: title is not a string"),
        (["articles", 0, "starred"], "yes", "article 1: starred is not true or false"),
        (["articles", 0, "published"], ["2025"], "article 1: published"),
        (["format"], ["reader-export"], "format a list is not a reader export"),
        (["format"], "x" * 10_000, "format 'xxxx"),
        (["version"], "1", "format version '1' is not a positive whole number"),
        (["version"], 10**30, "newer reader"),
    ],
)
def test_a_wrong_value_is_refused_naming_the_record(template, path, value, fragment):
    home, export, _ = template
    assert_refused(import_text(home, with_value(export, path, value)), fragment)


@pytest.mark.parametrize(
    ("path", "value", "fragment"),
    [
        (["first", "items", 0, "target"], None, "annotation 1: the target is not a JSON object"),
        (["first", "items", 0, "target", "selector"], [None], "annotation 1: a selector is not a JSON object"),
        (["first", "items", 0, "target", "selector", 1, "start"], "0", "annotation 1: start"),
        (["first", "items", 0, "target", "selector", 1, "start"], 10**25, "annotation 1: start"),
        (["first", "items", 0, "body"], [5], "annotation 1: a body is not a JSON object"),
        (["first", "items", 0, "type"], {"a": 1}, "annotation 1: type an object is not Annotation"),
        (["first", "items", 0, "id"], 5, "annotation 1: id is not a string"),
        (["first", "items"], "x", "'items' is missing or not a list"),
        (["first", "next"], "page2", "more than one page"),
        (["reader:version"], 10**30, "newer reader"),
        (["reader:version"], "1", "reader:version '1' is not a positive whole number"),
    ],
)
def test_a_wrong_value_in_w3c_is_refused_naming_the_annotation(template, path, value, fragment):
    home, _, w3c = template
    if "selector" in path and isinstance(path[-1], str) and path[-2] == 1:
        selectors = w3c["first"]["items"][0]["target"]["selector"]
        assert selectors[1]["type"] == "TextPositionSelector"
    assert_refused(import_text(home, with_value(w3c, path, value)), fragment)


def test_the_untouched_exports_still_import(template):
    home, export, w3c = template
    for data in (export, w3c):
        code, out, err, _ = import_text(home, json.dumps(data))
        assert code == 0 and "Traceback" not in err, err


# -- anything at any place ----------------------------------------------------------------------

RAW = st.sampled_from(
    ["1" * 5000, "-" + "7" * 4400, "1e999", "NaN", "-Infinity", "Infinity", "[" * 3000 + "]" * 3000,
     '{"a":' * 3000 + "1" + "}" * 3000, "null", "true", "-1", "0", "2147483648", "1.5", '""', "[]", "{}",
     '"x"', '"\\u0000"', '"\\ud800"', "[null]", "[[]]", '[{"a": null}]', "9" * 40]
)
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=6,
)


def paths(data: Any) -> list[list[str | int]]:
    """Every place in `data` a value sits (the article bodies cut short: they are long)."""
    found: list[list[str | int]] = []
    stack: list[tuple[Any, list[str | int]]] = [(data, [])]
    while stack:
        node, path = stack.pop()
        children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, child in children:
            if isinstance(key, int) and key > 2:
                continue
            found.append([*path, key])
            stack.append((child, [*path, key]))
    return found


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_anything_anywhere_is_imported_or_refused_in_one_line_never_a_traceback(template, data):
    home, export, w3c = template
    chosen = data.draw(st.sampled_from([export, w3c]), label="format")
    path = data.draw(st.sampled_from(paths(chosen)), label="path")
    if data.draw(st.booleans(), label="raw"):
        text = with_raw(chosen, path, data.draw(RAW, label="raw text"))
    else:
        text = with_value(chosen, path, data.draw(VALUES, label="value"))
    code, out, err, unchanged = result = import_text(home, text)
    assert "Traceback" not in err and code in (0, 1), err
    if code == 1:
        assert_refused(result)
