"""`reader export --format w3c` against the MUST rules of the Web Annotation Data Model
(https://www.w3.org/TR/annotation-model/), as the W3C's web-annotation-tests check them:
annotationMusts.test (section 3), collectionMusts.test (5.1) and pageMusts.test (5.2).

The rules are written out here (`musts_*`, each returning what is wrong) rather than
vendored as JSON Schemas: every one names its section, and a test below shows each
check refuses what it should, so that none of them can pass by accident.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest

from reader import __version__
from reader.core.export.importing import import_notes
from reader.core.export.w3c import export_w3c
from reader.core.model import Article, Block
from reader.core.store import Library

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
# RFC 3986: scheme ":" and no character a URI may not hold
URI = re.compile(r"\A[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`]*\Z")
# RFC 3339 date-time (JSON Schema's "date-time"; xsd:dateTime with a timezone)
DATE_TIME = re.compile(r"\A\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)\Z", re.IGNORECASE)
MOTIVATIONS = {"assessing", "bookmarking", "classifying", "commenting", "describing", "editing", "highlighting",
               "identifying", "linking", "moderating", "questioning", "replying", "tagging"}
SELECTORS = {"FragmentSelector", "CssSelector", "XPathSelector", "TextQuoteSelector", "TextPositionSelector",
             "DataPositionSelector", "SvgSelector", "RangeSelector"}


# -- value shapes the rules share ---------------------------------------------------------


def is_uri(value: Any) -> bool:
    return isinstance(value, str) and bool(URI.match(value))


def single(value: Any) -> Any:
    """A value given once: itself, or the one item of a one-item list (JSON-LD allows both)."""
    return value[0] if isinstance(value, list) and len(value) == 1 else value


def types(node: Any) -> list[str]:
    kind = node.get("type") if isinstance(node, dict) else None
    return [kind] if isinstance(kind, str) else list(kind) if isinstance(kind, list) else []


def many(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def context_ok(node: dict[str, Any]) -> bool:
    return CONTEXT in many(node.get("@context"))


def lifecycle(node: dict[str, Any], where: str) -> list[str]:
    """created, modified, generated: one date-time each if present; rights: IRIs (3.3.1, 3.3.6)."""
    wrong = [f"{where}: {key} is not one date-time" for key in ("created", "modified", "generated")
             if key in node and not (isinstance(single(node[key]), str) and DATE_TIME.match(single(node[key])))]
    if "rights" in node and not all(is_uri(r) for r in many(node["rights"])):
        wrong.append(f"{where}: rights are not IRIs")
    return wrong


# -- the rules -------------------------------------------------------------------------------


def musts_annotation(node: Any, where: str, embedded: bool = False) -> list[str]:
    """Section 3 (annotationMusts.test)."""
    if not isinstance(node, dict):
        return [f"{where}: not an object"]
    wrong = lifecycle(node, where)
    if not embedded and not context_ok(node):
        wrong.append(f"{where}: @context lacks {CONTEXT}")
    if not is_uri(single(node.get("id"))):  # 3.1
        wrong.append(f"{where}: id is not one IRI")
    if "Annotation" not in types(node):
        wrong.append(f"{where}: type is not Annotation")
    if "target" not in node:
        wrong.append(f"{where}: no target")
    wrong += [problem for target in many(node.get("target", [])) for problem in resource(target, f"{where} target")]
    if "body" in node and "bodyValue" in node:  # 3.2.5
        wrong.append(f"{where}: both body and bodyValue")
    if "bodyValue" in node and not isinstance(single(node["bodyValue"]), str):
        wrong.append(f"{where}: bodyValue is not one string")
    wrong += [problem for body in many(node.get("body", [])) for problem in resource(body, f"{where} body")]
    for key in ("canonical", "via"):  # 3.3.7
        if key in node and not all(is_uri(v) for v in many(node[key] if key == "via" else single(node[key]))):
            wrong.append(f"{where}: {key} is not an IRI")
    if "motivation" in node and not set(many(node["motivation"])) <= MOTIVATIONS:
        wrong.append(f"{where}: motivation {node['motivation']!r} is not one of the model's")
    return wrong


def resource(node: Any, where: str) -> list[str]:
    """A body or target (3.2, 4): an IRI, a TextualBody with its value, or a resource with an
    IRI id or a Specific Resource with an IRI source and known selectors."""
    if isinstance(node, str):
        return [] if is_uri(node) else [f"{where}: {node!r} is not an IRI"]
    if not isinstance(node, dict):
        return [f"{where}: neither an IRI nor an object"]
    if "TextualBody" in types(node):
        return [] if isinstance(single(node.get("value")), str) else [f"{where}: TextualBody without one string value"]
    if "source" in node:
        wrong = [] if is_uri(single(node["source"])) else [f"{where}: source is not an IRI"]
        for selector in many(node.get("selector", [])):
            wrong += selector_musts(selector, f"{where} selector")
        if "purpose" in node and node["purpose"] not in MOTIVATIONS:
            wrong.append(f"{where}: purpose is not one of the model's")
        return wrong
    return [] if is_uri(single(node.get("id"))) else [f"{where}: an external resource without an IRI id"]


def selector_musts(node: Any, where: str) -> list[str]:
    """4.2: a selector has one of the model's types; quote and position selectors their values."""
    if not isinstance(node, dict) or not set(types(node)) & SELECTORS:
        return [f"{where}: not a selector of the model"]
    if "TextQuoteSelector" in types(node) and not isinstance(node.get("exact"), str):
        return [f"{where}: TextQuoteSelector without exact"]
    if "TextPositionSelector" in types(node) and not all(
        isinstance(node.get(k), int) and not isinstance(node.get(k), bool) and node[k] >= 0 for k in ("start", "end")
    ):
        return [f"{where}: TextPositionSelector without non-negative start and end"]
    return []


def musts_page(node: Any, where: str, embedded: bool) -> list[str]:
    """Section 5.2 (pageMusts.test)."""
    if not isinstance(node, dict):
        return [f"{where}: not an object"]
    wrong = lifecycle(node, where)
    if not embedded and not context_ok(node):
        wrong.append(f"{where}: @context lacks {CONTEXT}")
    if not is_uri(single(node.get("id"))):
        wrong.append(f"{where}: id is not one IRI")
    if "AnnotationPage" not in types(node):
        wrong.append(f"{where}: type is not AnnotationPage")
    items = node.get("items")
    if not isinstance(items, list):
        wrong.append(f"{where}: items is not a list")
    else:
        for i, item in enumerate(items):
            wrong += [] if is_uri(item) else musts_annotation(item, f"{where} item {i + 1}", embedded=True)
    for key in ("partOf", "next", "prev"):
        if key in node and not is_uri(single(node[key])):
            wrong.append(f"{where}: {key} is not one IRI")
    if "startIndex" in node and not count_ok(node["startIndex"]):
        wrong.append(f"{where}: startIndex is not one whole number >= 0")
    return wrong


def musts_collection(node: Any) -> list[str]:
    """Section 5.1 (collectionMusts.test), and its embedded first page."""
    where = "collection"
    if not isinstance(node, dict):
        return [f"{where}: not an object"]
    wrong = lifecycle(node, where)
    if not context_ok(node):
        wrong.append(f"{where}: @context lacks {CONTEXT}")
    if not is_uri(single(node.get("id"))):
        wrong.append(f"{where}: id is not one IRI")
    if "AnnotationCollection" not in types(node):
        wrong.append(f"{where}: type is not AnnotationCollection")
    if "label" in node and not all(isinstance(label, str) for label in many(node["label"])):
        wrong.append(f"{where}: label is not text")
    if "total" in node and not count_ok(node["total"]):
        wrong.append(f"{where}: total is not one whole number >= 0")
    if count_ok(node.get("total")) and single(node["total"]) > 0 and "first" not in node:
        wrong.append(f"{where}: annotations but no first page")
    first = single(node.get("first"))
    if isinstance(first, dict):
        wrong += musts_page(first, "first page", embedded=True)
    elif "first" in node and not is_uri(first):
        wrong.append(f"{where}: first is neither an IRI nor a page")
    if "last" in node and not is_uri(single(node["last"])):
        wrong.append(f"{where}: last is not one IRI")
    return wrong


def count_ok(value: Any) -> bool:
    value = single(value)
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


# -- the export -------------------------------------------------------------------------------


def fill(lib: Library) -> dict[str, Article]:
    """Two articles with notes (a comment with tags, a highlight, a tag alone), one without."""
    made = {
        "first": Article.create("Talks", [Block("paragraph", "The talks began in Riyadh on Tuesday.")],
                                url="https://example.test/talks"),
        "second": Article.create("Pause", [Block("paragraph", "Both sides agreed to a pause.")]),
        "empty": Article.create("Quiet", [Block("paragraph", "Nothing here.")]),
    }
    for article in made.values():
        lib.add(article)
    lib.annotate(made["first"].id, 4, 9, note="**which** talks?", tags=["talks", "riyadh"])
    lib.annotate(made["first"].id, 20, 26)
    lib.annotate(made["second"].id, 0, 10, tags=["pause"])
    return made


@pytest.fixture
def library(tmp_path: Path):
    lib = Library(tmp_path / "lib")
    yield lib
    lib.close()


def test_the_export_meets_every_must_of_the_model(library: Library) -> None:
    fill(library)
    data = json.loads(export_w3c(library))
    assert musts_collection(data) == []
    assert len(data["first"]["items"]) == 3


def test_an_empty_export_meets_them_too(library: Library) -> None:
    data = json.loads(export_w3c(library))
    assert musts_collection(data) == [] and data["total"] == 0


def test_collection_and_page_name_each_other(library: Library) -> None:
    made = fill(library)
    data = json.loads(export_w3c(library))
    page = data["first"]
    assert page["partOf"] == data["id"] and data["last"] == page["id"] != data["id"]
    assert data["total"] == len(page["items"]) and page["startIndex"] == 0
    assert data["generator"] == {"type": "Software", "name": f"reader {__version__}"}
    for item in page["items"]:
        assert item["canonical"] == item["id"] and item["generator"] == data["generator"]
    one = json.loads(export_w3c(library, made["first"].id))
    assert one["id"] != data["id"] and one["total"] == 2  # other notes, another collection


def test_the_collection_id_follows_the_notes_not_the_moment(library: Library, tmp_path: Path) -> None:
    made = fill(library)
    first = export_w3c(library)
    assert export_w3c(library) == first
    library.annotate(made["empty"].id, 0, 5, note="new")
    assert json.loads(export_w3c(library))["id"] != json.loads(first)["id"]


def test_a_copy_under_another_id_is_still_our_note_by_its_canonical(library: Library, tmp_path: Path) -> None:
    """An annotation server that keeps our file gives each annotation its own id; the
    canonical IRI still says which note it is, so importing it back updates that note."""
    made = fill(library)
    data = json.loads(export_w3c(library))
    for i, item in enumerate(data["first"]["items"]):
        item["id"] = f"https://annotations.example/anno/{i}"
        item["body"] = [*item.get("body", []), {"type": "TextualBody", "value": "seen", "purpose": "tagging"}]
        item["modified"] = "2030-01-01T00:00:00+00:00"
    report = import_notes(library, data)
    assert (len(report.notes_added), len(report.notes_updated)) == (0, 3)
    assert all("seen" in note.tags for note in library.annotations(made["first"].id))


# -- the rules themselves refuse what they should ------------------------------------------------


BROKEN = [
    (lambda d: d.pop("id"), "collection: id is not one IRI"),
    (lambda d: d.__setitem__("id", "not an iri"), "collection: id is not one IRI"),
    (lambda d: d.__setitem__("type", "Collection"), "collection: type is not AnnotationCollection"),
    (lambda d: d.__setitem__("@context", "http://example.org/ctx"), "collection: @context lacks"),
    (lambda d: d.__setitem__("total", -1), "collection: total is not one whole number"),
    (lambda d: d.__setitem__("last", ["a:b", "c:d"]), "collection: last is not one IRI"),
    (lambda d: d.pop("first"), "collection: annotations but no first page"),
    (lambda d: d["first"].pop("id"), "first page: id is not one IRI"),
    (lambda d: d["first"].__setitem__("type", "Page"), "first page: type is not AnnotationPage"),
    (lambda d: d["first"].__setitem__("partOf", {"id": "x"}), "first page: partOf is not one IRI"),
    (lambda d: d["first"].__setitem__("startIndex", "0"), "first page: startIndex"),
    (lambda d: d["first"]["items"][0].pop("target"), "first page item 1: no target"),
    (lambda d: d["first"]["items"][0].__setitem__("bodyValue", "x"), "both body and bodyValue"),
    (lambda d: d["first"]["items"][0].__setitem__("created", "yesterday"), "created is not one date-time"),
    (lambda d: d["first"]["items"][0].__setitem__("canonical", "two words"), "canonical is not an IRI"),
    (lambda d: d["first"]["items"][0]["target"].__setitem__("source", "no iri"), "source is not an IRI"),
    (lambda d: d["first"]["items"][0]["target"]["selector"][1].__setitem__("start", -2), "TextPositionSelector"),
    (lambda d: d["first"]["items"][0].__setitem__("motivation", "liking"), "motivation 'liking'"),
]


@pytest.mark.parametrize(("breaks", "expected"), BROKEN)
def test_each_rule_refuses_a_file_that_breaks_it(library: Library, breaks, expected: str) -> None:
    fill(library)
    data = copy.deepcopy(json.loads(export_w3c(library)))
    breaks(data)
    wrong = musts_collection(data)
    assert any(expected in problem for problem in wrong), wrong
