"""Export (Markdown, JSON, W3C) and import-notes: layout, shapes, and a lossless round trip."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from reader.core.export.importing import ImportFileError, import_notes
from reader.core.export.json_format import FORMAT_VERSION, export_json
from reader.core.export.markdown import export_markdown, file_name, slug
from reader.core.export.w3c import export_w3c
from reader.core.model import Anchor, Article, Block
from reader.core.store import Library

T0 = datetime(2025, 3, 1, 12, 0, tzinfo=timezone.utc)
HOSTILE = 'A "quoted" title\n---\nwith: colons # and ../../etc/passwd'


def make_library(path: Path) -> Library:
    return Library(path)


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    lib = make_library(tmp_path / "lib")
    yield lib
    lib.close()


def article(title: str, paragraphs: list[str], **meta: object) -> Article:
    made = Article.create(title, [Block("paragraph", p) for p in paragraphs], **meta)  # type: ignore[arg-type]
    made.added = T0
    return made


def fill(lib: Library) -> dict[str, Article]:
    """Two articles with notes (one hostile title), one without; fixed times and ids."""
    first = article(
        "Ceasefire talks", ["The talks began in Riyadh on Tuesday.", "Both sides agreed to a pause.\nA second line."],
        author="Ann Author", source="The Daily Test", url="https://example.test/talks", published=date(2025, 3, 12),
    )
    first.tags = ["ukraine", "diplomacy"]
    first.starred, first.read, first.position = True, True, 1
    hostile = article(HOSTILE, ["Nothing but a short text here.", "And more of it."])
    empty = article("No notes", ["Quiet."])
    for a in (first, hostile, empty):
        lib.add(a)
    text = first.text
    notes = [
        lib.annotate(first.id, text.index("Both sides"), text.index("A second line.") + len("A second line."),
                     note="**Pause** matters.\n\n- a list", tags=["ceasefire", "pause"], color=3),
        lib.annotate(first.id, text.index("Riyadh"), text.index("Riyadh") + len("Riyadh"), tags=["places"]),
        lib.annotate(hostile.id, 0, len("Nothing but"), note="---\nnot front matter"),
    ]
    for i, note in enumerate(notes):  # times fixed, so that expected output does not depend on the clock
        note.created = note.updated = T0.replace(minute=i)
    notes[1].anchor = Anchor("fuzzy", 0.75)
    lib.add_annotations(notes)
    return {"first": first, "hostile": hostile, "empty": empty}


# -- Markdown -------------------------------------------------------------------------------


def front(text: str) -> dict[str, object]:
    assert text.startswith("---\n")
    block, _, _ = text[4:].partition("\n---\n")
    fields = {}
    for line in block.split("\n"):
        key, _, value = line.partition(": ")
        fields[key] = json.loads(value)  # JSON strings and arrays: valid YAML, read back exactly
    return fields


def test_markdown_one_file_per_article_with_notes(library: Library, tmp_path: Path) -> None:
    made = fill(library)
    out = tmp_path / "out"
    written = export_markdown(library, out)
    assert sorted(p.name for p in written) == sorted(file_name(made[k]) for k in ("first", "hostile"))
    assert all(p.parent == out for p in written)
    everything = export_markdown(library, tmp_path / "all", include_empty=True)
    assert len(everything) == 3


def test_markdown_front_matter_quotes_notes_and_tags_in_text_order(library: Library, tmp_path: Path) -> None:
    made = fill(library)
    first = made["first"]
    (path,) = export_markdown(library, tmp_path / "out", first.id)
    text = path.read_text(encoding="utf-8")
    assert front(text) == {
        "title": "Ceasefire talks", "author": "Ann Author", "source": "The Daily Test",
        "url": "https://example.test/talks", "date": "2025-03-12", "tags": ["ukraine", "diplomacy"], "id": first.id,
    }
    body = text.split("\n---\n", 1)[1]
    assert "# Ceasefire talks" in body
    riyadh, pause = body.index("> Riyadh"), body.index("> Both sides agreed to a pause.\n> A second line.")
    assert riyadh < pause  # text order, not the order the notes were made
    assert "#places" in body[riyadh:pause]
    after = body[pause:]
    assert "> A second line.\n\nColour 3 · Tags: #ceasefire #pause\n\n**Pause** matters.\n\n- a list" in after
    assert "> Riyadh\n\nColour 1 · Tags: #places\n\n" in body


def test_markdown_a_note_opening_with_a_quote_or_a_tag_line_stays_apart_from_passage_and_tags(
    library: Library, tmp_path: Path
) -> None:
    made = fill(library)
    first = made["first"]
    start = first.text.index("The talks")
    library.annotate(first.id, start, start + len("The talks"), note="> their words, not mine\n#todo check", color=2)
    (path,) = export_markdown(library, tmp_path / "out", first.id)
    section = path.read_text(encoding="utf-8").split("> The talks", 1)[1]
    assert section.startswith("\n\nColour 2\n\n> their words, not mine\n#todo check")  # a line between quote and note


def test_markdown_hostile_title_stays_in_its_field_and_folder(library: Library, tmp_path: Path) -> None:
    made = fill(library)
    out = tmp_path / "out"
    (path,) = export_markdown(library, out, made["hostile"].id)
    assert path.parent == out and ".." not in path.name and "/" not in path.name
    assert path.name == f"{slug(HOSTILE)}-{made['hostile'].id[:8]}.md"
    text = path.read_text(encoding="utf-8")
    assert front(text)["title"] == HOSTILE
    assert text.count("\n---\n") == 1 + text.split("\n---\n", 1)[1].count("\n---\n")  # the closing fence is the first
    assert text.split("\n")[1].startswith('title: "A \\"quoted\\" title\\n---\\n')
    assert "> Nothing but" in text and "---\nnot front matter" in text


@pytest.mark.parametrize("title", ["../../x", "..", "/", "a/b\\c", "\u202e\u0000", ""])
def test_slug_never_escapes(title: str) -> None:
    name = slug(title)
    assert name and set(name) - set("-") and "/" not in name and "\\" not in name and ".." not in name


# -- JSON and W3C shapes ------------------------------------------------------------------------


def test_json_has_everything_with_a_version(library: Library) -> None:
    made = fill(library)
    data = json.loads(export_json(library))
    assert data["format"] == "reader-export" and data["version"] == FORMAT_VERSION
    assert [a["id"] for a in data["articles"]] == sorted(a.id for a in made.values())
    first = next(a for a in data["articles"] if a["id"] == made["first"].id)
    assert first["blocks"][0] == {"kind": "paragraph", "text": "The talks began in Riyadh on Tuesday."}
    assert (first["starred"], first["read"], first["position"], first["tags"]) == (True, True, 1, ["ukraine", "diplomacy"])
    assert len(data["notes"]) == 3
    assert {n["anchor"]["state"] for n in data["notes"]} == {"exact", "fuzzy"}


def test_w3c_shape(library: Library) -> None:
    made = fill(library)
    data = json.loads(export_w3c(library))
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld" and data["type"] == "AnnotationCollection"
    items = data["first"]["items"]
    assert data["total"] == len(items) == 3
    pause = next(i for i in items if i["reader:note"]["color"] == 3)
    assert pause["type"] == "Annotation" and pause["id"].startswith("urn:reader:note:")
    assert pause["target"]["source"] == "https://example.test/talks"
    quote, position = pause["target"]["selector"]
    assert quote == {"type": "TextQuoteSelector", "exact": "Both sides agreed to a pause.\nA second line.",
                     "prefix": quote["prefix"], "suffix": ""}
    text = made["first"].text
    assert position == {"type": "TextPositionSelector", "start": text.index("Both"), "end": len(text)}
    assert quote["prefix"] == text[: position["start"]][-32:]
    assert pause["body"] == [
        {"type": "TextualBody", "value": "**Pause** matters.\n\n- a list", "format": "text/markdown", "purpose": "commenting"},
        {"type": "TextualBody", "value": "ceasefire", "purpose": "tagging"},
        {"type": "TextualBody", "value": "pause", "purpose": "tagging"},
    ]
    riyadh = next(i for i in items if i["target"]["selector"][0]["exact"] == "Riyadh")
    assert riyadh["body"] == [{"type": "TextualBody", "value": "places", "purpose": "tagging"}]  # no note, no note body
    hostile = next(i for i in items if i["reader:note"]["article"] == made["hostile"].id)
    assert hostile["target"]["source"] == f"urn:reader:article:{made['hostile'].id}"
    assert hostile["reader:note"]["title"] == HOSTILE


# -- the round trip -------------------------------------------------------------------------------


def test_json_round_trip_into_an_empty_library_is_byte_identical(library: Library, tmp_path: Path) -> None:
    fill(library)
    first = export_json(library)
    (tmp_path / "x.json").write_text(first, encoding="utf-8")
    empty = make_library(tmp_path / "empty")
    assert empty.articles() == []
    report = import_notes(empty, tmp_path / "x.json")
    assert (len(report.articles_added), len(report.notes_added)) == (3, 3)
    assert export_json(empty) == first


def test_w3c_round_trip_into_a_library_without_notes_is_byte_identical(library: Library, tmp_path: Path) -> None:
    made = fill(library)
    first = export_w3c(library)
    (tmp_path / "x.jsonld").write_text(first, encoding="utf-8")
    fresh = make_library(tmp_path / "fresh")  # W3C carries notes, not articles: the same articles, no notes
    for a in made.values():
        fresh.add(article(a.title, [b.text for b in a.blocks or []], url=a.url))
    assert fresh.annotations() == []
    report = import_notes(fresh, tmp_path / "x.jsonld")
    assert len(report.notes_added) == 3 and not report.missing and not report.moved
    assert export_w3c(fresh) == first


def test_importing_twice_adds_nothing_new(library: Library, tmp_path: Path) -> None:
    fill(library)
    (tmp_path / "x.json").write_text(export_json(library), encoding="utf-8")
    (tmp_path / "x.jsonld").write_text(export_w3c(library), encoding="utf-8")
    other = make_library(tmp_path / "other")
    import_notes(other, tmp_path / "x.json")
    before = export_json(other)
    again = import_notes(other, tmp_path / "x.json")
    assert (again.articles_added, again.notes_added, again.notes_updated) == ([], [], [])
    assert len(again.notes_unchanged) == 3 and len(again.articles_existing) == 3
    w3c_again = import_notes(other, tmp_path / "x.jsonld")
    assert (w3c_again.notes_added, w3c_again.notes_updated, len(w3c_again.notes_unchanged)) == ([], [], 3)
    assert export_json(other) == before


# -- bad files and missing articles ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json at all", "not JSON"),
        ("[1, 2]", "neither a reader JSON export"),
        ('{"format": "reader-export", "version": 99, "articles": [], "notes": []}', "newer reader"),
        ('{"format": "reader-export", "version": 1, "articles": {}, "notes": []}', "'articles'"),
        ('{"format": "something-else", "version": 1}', "not a reader export"),
        ('{"type": "AnnotationCollection", "reader:version": 7, "first": {"items": []}}', "newer reader"),
    ],
)
def test_a_bad_file_names_itself_and_imports_nothing(
    library: Library, tmp_path: Path, content: str, message: str
) -> None:
    fill(library)
    before = export_json(library)
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(ImportFileError) as error:
        import_notes(library, bad)
    assert str(bad) in str(error.value) and message in str(error.value)
    assert export_json(library) == before


def test_a_fault_late_in_the_file_imports_nothing_before_it(library: Library, tmp_path: Path) -> None:
    fill(library)
    data = json.loads(export_json(library))
    data["notes"][-1]["color"] = 9
    empty = make_library(tmp_path / "empty")
    with pytest.raises(ImportFileError, match="note 3: colour 9"):
        import_notes(empty, data, name="broken.json")
    assert empty.articles() == [] and empty.annotations() == []


def test_a_w3c_note_for_a_missing_article_is_reported(library: Library, tmp_path: Path) -> None:
    made = fill(library)
    data = json.loads(export_w3c(library))
    other = make_library(tmp_path / "other")
    first = made["first"]
    other.add(article(first.title, [b.text for b in first.blocks or []], url=first.url))
    report = import_notes(other, data)
    assert len(report.notes_added) == 2
    assert [m.quote for m in report.missing] == ["Nothing but"]
    assert report.missing[0].source == f"urn:reader:article:{made['hostile'].id}"
    assert len(other.annotations()) == 2


def test_a_w3c_note_is_placed_again_by_its_quote_when_the_offsets_moved(library: Library, tmp_path: Path) -> None:
    made = fill(library)
    data = json.loads(export_w3c(library))
    other = make_library(tmp_path / "other")
    first = made["first"]
    other.add(article(first.title, ["A new first paragraph.", *[b.text for b in first.blocks or []]], url=first.url))
    report = import_notes(other, data)
    assert len(report.moved) == 2 and len(report.missing) == 1
    text = other.article(first.id).text
    for note in other.annotations(first.id):
        assert text[note.selector.start : note.selector.end] == note.quote
        assert note.anchor.state == "moved"


def test_a_foreign_w3c_annotation_is_read(library: Library) -> None:
    made = fill(library)
    foreign = [{
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "urn:uuid:6a3f0d4e-2f8b-4a7e-9c1d-0b6f2b9d1e11",
        "type": "Annotation",
        "created": "2024-01-02T03:04:05Z",
        "body": {"type": "TextualBody", "value": "Seen elsewhere"},
        "target": {"source": "https://example.test/talks",
                   "selector": {"type": "TextQuoteSelector", "exact": "Tuesday"}},
    }]
    report = import_notes(library, foreign)
    assert len(report.notes_added) == 1
    (note,) = [n for n in library.annotations(made["first"].id) if n.note == "Seen elsewhere"]
    assert note.id == "6a3f0d4e2f8b4a7e9c1d0b6f2b9d1e11" and note.quote == "Tuesday"
    assert made["first"].text[note.selector.start : note.selector.end] == "Tuesday"
