"""The library's files: atomic saves, stray temps, backups, corrupt files, schema versions, migration."""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tinydb import TinyDB

from reader.core.model import Annotation, Article, Block, Selector, new_id
from reader.core.sanitize import sanitize
from reader.core.store import (
    SCHEMA_VERSION,
    CorruptFileError,
    Library,
    LibraryError,
    NewerSchemaError,
    SaveError,
)
from reader.core.store import records


def make_article(title: str = "A title", paragraphs: int = 5) -> Article:
    blocks = [Block("heading", title)] + [
        Block("paragraph", f"Paragraph {i} of {title}, with enough words to quote from.")
        for i in range(paragraphs)
    ]
    return Article.create(title, blocks)


def snapshot(home: Path, backups: bool = True) -> dict[str, bytes]:
    """Every file under home (but the lock), by relative path; `backups=False` skips backups/."""
    return {
        str(p.relative_to(home)): p.read_bytes()
        for p in sorted(home.rglob("*"))
        if p.is_file() and p.name != ".lock" and (backups or "backups" not in p.relative_to(home).parts)
    }


def temps(home: Path) -> list[Path]:
    return [p for p in home.rglob("*.tmp")]


@pytest.fixture
def home(tmp_path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def filled(home):
    """A library with one article and one note; returns (home, article, note)."""
    library = Library(home)
    article, _ = library.add(make_article("Filled"))
    note = library.annotate(article.id, 0, 6, note="old note")
    return home, article, note


def enospc(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


# -- atomic saves ----------------------------------------------------------------------------


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_failed_note_save_leaves_the_old_file(filled, monkeypatch, failing):
    home, article, old = filled
    library = Library(home)
    library.annotations()  # warm its cache: a failed save must not leave it changed
    shard = home / "notes" / f"{article.id[:2]}.json"
    before = snapshot(home, backups=False)

    monkeypatch.setattr(os, failing, enospc)
    with pytest.raises(SaveError) as caught:
        library.annotate(article.id, 7, 12, note="never saved")
    monkeypatch.undo()

    message = str(caught.value)
    assert str(shard) in message
    assert "No space left on device" in message
    assert "nothing was changed" in message
    assert isinstance(caught.value, LibraryError)
    # Every data file byte for byte. (A failed os.replace may already have linked the
    # current shard in as backup .1: a copy of unchanged data, so not compared here.)
    assert snapshot(home, backups=False) == before
    assert temps(home) == []
    for reader in (library, Library(home)):
        assert [(a.id, a.note) for a in reader.annotations()] == [(old.id, "old note")]
    # and the library works again once there is room
    library.annotate(article.id, 7, 12, note="saved now")
    assert sorted(a.note for a in Library(home).annotations()) == ["old note", "saved now"]


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_failed_index_save_leaves_the_old_file(filled, monkeypatch, failing):
    home, article, _ = filled
    library = Library(home)
    library.update_article(article.id, starred=True)
    library.update_article(article.id, position=1)  # backups exist: rotation is exercised too
    before = snapshot(home, backups=False)

    monkeypatch.setattr(os, failing, enospc)
    with pytest.raises(SaveError, match="nothing was changed"):
        library.tag_article(article.id, add=["lost"])
        library.update_article(article.id, position=2)
    with pytest.raises(SaveError, match="nothing was changed"):
        library.add(make_article("Never added"))
    monkeypatch.undo()

    assert snapshot(home, backups=False) == before
    assert temps(home) == []
    for reader in (library, Library(home)):
        [stored] = reader.articles()
        assert (stored.tags, stored.starred, stored.position) == ([], True, 1)


def test_failed_first_save_of_a_shard_leaves_no_file(filled, monkeypatch):
    home, _, _ = filled
    library = Library(home)
    other = make_article("Other shard")
    while other.id[:2] == filled[1].id[:2]:
        other = make_article(other.title + "!")
    library.add(other)
    shard = home / "notes" / f"{other.id[:2]}.json"

    monkeypatch.setattr(os, "fsync", enospc)
    with pytest.raises(SaveError, match="nothing was changed"):
        library.annotate(other.id, 0, 5)
    monkeypatch.undo()

    assert not shard.exists()
    assert temps(home) == []
    assert Library(home).annotations(other.id) == []


def test_a_save_that_says_nothing_changed_changed_nothing(filled, monkeypatch):
    """If the directory fsync fails after the swap, the file *was* replaced: the message must not
    tell the user nothing changed while the new data sits on disk (or the old one must be back)."""
    home, article, _ = filled
    library = Library(home)
    real_fsync = os.fsync

    def fsync_files_only(fd):
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync_files_only)
    try:
        library.update_article(article.id, starred=True)
    except SaveError as error:
        monkeypatch.undo()
        if "nothing was changed" in str(error):
            assert Library(home).article(article.id).starred is False
    assert temps(home) == []


def test_stray_temp_files_are_removed_on_open(filled):
    home, article, note = filled
    strays = [
        home / ".library.json.1a2b3c4d.tmp",
        home / "notes" / f".{article.id[:2]}.json.deadbeef.tmp",
        home / "bodies" / f".{article.id}.json.00000000.tmp",
        home / "backups" / "notes" / f".{article.id[:2]}.json.0.0cd940e0.tmp",  # a mirror's save
        home / "backups" / ".library.json.0.12345678.tmp",
    ]
    for stray in strays:
        stray.write_text('{"half": "writ')
    keep = [home / "notes.txt", home / "bodies" / "visible.tmp"]  # not ours: left alone
    for path in keep:
        path.write_text("user file")

    library = Library(home)

    assert [p for p in strays if p.exists()] == []
    assert all(p.exists() for p in keep)
    assert [a.id for a in library.annotations()] == [note.id]


# -- backups ---------------------------------------------------------------------------------


def test_a_save_after_a_hand_edit_keeps_the_last_version_reader_wrote(home):
    """The file edited by hand (a record spoilt), then a change saved: the version reader
    last acknowledged, which only the mirror held, stays in the backups beside the edited one."""
    library = Library(home)
    first, _ = library.add(make_article("First"))
    second, _ = library.add(make_article("Second"))
    index = home / "library.json"
    acknowledged = index.read_bytes()
    data = json.loads(acknowledged)
    next(iter(data["articles"].values()))["title"] = ["spoilt"]
    index.write_text(json.dumps(data))
    edited = index.read_bytes()

    Library(home).update_article(second.id, starred=True)

    backups = home / "backups"
    assert (backups / "library.json.1").read_bytes() == edited
    assert (backups / "library.json.2").read_bytes() == acknowledged
    assert (backups / "library.json.0").read_bytes() == index.read_bytes()



def test_backups_keep_the_last_three_versions(home):
    library = Library(home)
    article, _ = library.add(make_article("Backed up"))
    index = home / "library.json"
    versions = []
    for position in range(1, 6):
        versions.append(index.read_bytes())
        library.update_article(article.id, position=position)

    backups = home / "backups"
    assert sorted(p.name for p in backups.glob("library.json.*")) == [
        "library.json.0", "library.json.1", "library.json.2", "library.json.3",
    ]
    assert (backups / "library.json.0").read_bytes() == index.read_bytes()  # the mirror: as it is now
    assert (backups / "library.json.1").read_bytes() == versions[-1]
    assert (backups / "library.json.2").read_bytes() == versions[-2]
    assert (backups / "library.json.3").read_bytes() == versions[-3]
    assert json.loads(versions[-1])["articles"]  # the backup is a whole, loadable library

    shard = home / "notes" / f"{article.id[:2]}.json"
    shard_versions = []
    for i in range(4):
        library.annotate(article.id, i, i + 3, note=f"n{i}")
        shard_versions.append(shard.read_bytes())
    assert (backups / "notes" / f"{shard.name}.1").read_bytes() == shard_versions[-2]
    assert len(json.loads((backups / "notes" / f"{shard.name}.1").read_bytes())["annotations"]) == 3
    assert not (backups / "notes" / f"{shard.name}.4").exists()


# -- corrupt files ---------------------------------------------------------------------------

CORRUPT = {
    "invalid JSON": (b'{"meta": {"1": {"schema": 1}}, "articles": {"1', "not valid JSON"),
    "empty file": (b"", "not valid JSON"),
    "a JSON list": (b'[{"id": "abc"}, 2, 3]', "not a reader library file"),
    "a JSON string": (b'"library"', "not a reader library file"),
    "binary garbage": (bytes(range(256)) * 4, "not UTF-8"),
    "a PNG": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xd8\xff", "not UTF-8"),
}


@pytest.mark.parametrize("content, reason", CORRUPT.values(), ids=CORRUPT.keys())
def test_corrupt_index_is_reported_and_left_alone(home, content, reason):
    home.mkdir()
    index = home / "library.json"
    index.write_bytes(content)

    with pytest.raises(CorruptFileError) as caught:
        Library(home)

    assert caught.value.path == index
    assert str(index) in str(caught.value)
    assert reason in str(caught.value)
    assert isinstance(caught.value, LibraryError)
    assert index.read_bytes() == content
    assert not (home / "backups").exists()  # nothing was "repaired" over it
    with pytest.raises(CorruptFileError):
        Library(home)  # and still the same answer the second time
    assert index.read_bytes() == content


WRONG_SHAPE = {
    "meta is a list": '{"meta": [], "articles": {}}',
    "schema is not a number": '{"meta": {"1": {"schema": "one"}}, "articles": {}}',
    "articles is a list": '{"meta": {"1": {"schema": 1}}, "articles": [1, 2]}',
}


@pytest.mark.parametrize("content", WRONG_SHAPE.values(), ids=WRONG_SHAPE.keys())
def test_valid_json_of_the_wrong_shape_is_a_corrupt_file(home, content):
    """Hand-edited or foreign JSON: a CorruptFileError naming the file, not a traceback."""
    home.mkdir()
    index = home / "library.json"
    index.write_text(content)
    with pytest.raises(CorruptFileError) as caught:
        Library(home).articles()
    assert str(index) in str(caught.value)
    assert index.read_text() == content


def test_corrupt_index_reports_line_and_column(home):
    home.mkdir()
    (home / "library.json").write_text('{"meta": {"1": {"schema": 1}},\n  "articles": {,}}')
    with pytest.raises(CorruptFileError, match=r"line 2, column"):
        Library(home)


@pytest.mark.parametrize("content, reason", CORRUPT.values(), ids=CORRUPT.keys())
def test_corrupt_notes_shard_is_reported_and_left_alone(filled, content, reason):
    home, article, _ = filled
    shard = home / "notes" / f"{article.id[:2]}.json"
    shard.write_bytes(content)

    library = Library(home)  # the index is fine: the library opens
    assert [a.id for a in library.articles()] == [article.id]
    with pytest.raises(CorruptFileError) as caught:
        library.annotations(article.id)
    assert caught.value.path == shard and reason in str(caught.value)
    with pytest.raises(CorruptFileError):
        library.annotate(article.id, 0, 3)  # no save over a file it could not read
    assert shard.read_bytes() == content


def test_corrupt_body_is_reported_and_left_alone(filled):
    home, article, _ = filled
    body = home / "bodies" / f"{article.id}.json"
    body.write_bytes(b'{"blocks": [["paragraph", "cut off')
    with pytest.raises(CorruptFileError, match="not valid JSON") as caught:
        Library(home).article(article.id)
    assert caught.value.path == body
    assert body.read_bytes() == b'{"blocks": [["paragraph", "cut off'


# -- schema ----------------------------------------------------------------------------------


def test_new_library_records_the_schema(home):
    Library(home)
    data = json.loads((home / "library.json").read_text())
    assert data["meta"] == {"1": {"schema": SCHEMA_VERSION, "writes": 1}}


def test_newer_schema_is_refused_and_left_alone(home):
    home.mkdir()
    index = home / "library.json"
    content = json.dumps({"meta": {"1": {"schema": 99}}, "articles": {}, "future": {"1": {}}}).encode()
    index.write_bytes(content)

    with pytest.raises(NewerSchemaError) as caught:
        Library(home)

    message = str(caught.value)
    assert caught.value.found == 99
    assert str(index) in message and "99" in message and "nothing was changed" in message
    assert isinstance(caught.value, LibraryError)
    assert index.read_bytes() == content
    assert not (home / "backups").exists()


def write_schema_0(home: Path, count: int = 3, notes_each: int = 2) -> tuple[list[Article], list[Annotation]]:
    """A schema-0 library as TinyDB's own JSONStorage wrote it: one file, counter doc ids,
    bodies inline as [[kind, text], ...], an `annotations` table, no `meta` table."""
    home.mkdir(parents=True)
    db = TinyDB(home / "library.json")
    articles, notes = [], []
    for i in range(count):
        article = make_article(f"Old article {i}")
        record = records.article_to_record(article)
        record["blocks"] = [[block.kind, block.text] for block in article.blocks]
        db.table("articles").insert(record)
        articles.append(article)
        for j in range(notes_each):
            note = Annotation(
                id=new_id(), article_id=article.id, selector=Selector.at(article.text, j, j + 9),
                note=f"old note {i}.{j}", tags=[f"t{j}"], color=1 + j % 5,
            )
            db.table("annotations").insert(records.annotation_to_record(note))
            notes.append(note)
    db.close()
    return articles, notes


def test_schema_0_library_is_migrated(home):
    articles, notes = write_schema_0(home, count=3, notes_each=2)
    assert "meta" not in json.loads((home / "library.json").read_bytes())

    library = Library(home)

    data = json.loads((home / "library.json").read_text())
    assert data["meta"]["1"]["schema"] == SCHEMA_VERSION == 2
    assert "annotations" not in data
    for article in articles:
        body = json.loads((home / "bodies" / f"{article.id}.json").read_text())
        assert body["blocks"] == [[b.kind, b.text] for b in article.blocks]
    shards = {p.name for p in (home / "notes").glob("*.json")}
    assert shards == {f"{a.id[:2]}.json" for a in articles}

    for reader in (library, Library(home)):
        assert sorted(a.id for a in reader.articles()) == sorted(a.id for a in articles)
        stored = {a.id: a for a in reader.annotations()}
        assert set(stored) == {n.id for n in notes}
        for note in notes:
            got = stored[note.id]
            assert (got.article_id, got.selector, got.note, got.tags, got.color) == (
                note.article_id, note.selector, note.note, note.tags, note.color)
            assert (got.created, got.updated) == (note.created, note.updated)
    migrated = snapshot(home)
    Library(home)
    assert snapshot(home) == migrated  # the second open has nothing to do


def test_schema_0_migration_takes_the_bodies_out_of_the_index(home):
    write_schema_0(home, count=2, notes_each=1)
    Library(home)
    data = json.loads((home / "library.json").read_text())
    assert [sorted(set(doc) & {"blocks"}) for doc in data["articles"].values()] == [[], []]


@pytest.mark.parametrize("count", [1, 3])
def test_schema_0_migration_keeps_the_old_file_in_backups(home, count):
    write_schema_0(home, count=count, notes_each=2)
    original = (home / "library.json").read_bytes()
    Library(home)
    kept = [p for p in (home / "backups").rglob("*") if p.is_file() and p.read_bytes() == original]
    assert kept, "the pre-migration library.json is not among backups/"


def test_schema_0_articles_are_usable_after_migration(home):
    """Migrated articles must be found by id, not re-added, and take new notes."""
    articles, notes = write_schema_0(home, count=2, notes_each=1)
    library = Library(home)
    for article in articles:
        loaded = library.article(article.id)
        assert loaded.blocks == article.blocks
        assert library.add(make_article(article.title))[1] is False
        library.update_article(article.id, starred=True)
        library.annotate(article.id, 0, 4, note="new")
    assert len(library.articles()) == 2
    assert len(Library(home).annotations()) == len(notes) + 2


def test_interrupted_migration_can_be_resumed(home):
    """Killed after writing the shards but before dropping the old table: the next open must finish."""
    articles, notes = write_schema_0(home, count=1, notes_each=2)
    library_before = (home / "library.json").read_bytes()
    Library(home)
    (home / "library.json").write_bytes(library_before)  # as if the index writes never happened:
    for copy in (home / "backups").glob("library.json.*"):  # nor those of its copies (schema 0 kept none)
        copy.unlink()
    for body in (home / "bodies").iterdir():
        body.unlink()

    library = Library(home)
    assert sorted(a.id for a in library.annotations()) == sorted(n.id for n in notes)
    assert library.article(articles[0].id).blocks == articles[0].blocks


# -- text that is not plain UTF-8 ------------------------------------------------------------


def test_note_with_a_lone_surrogate_is_saved_without_it(filled):
    """`reader note --note $'\\xff'` hands Python '\\udcff' (surrogateescape): no traceback, no temp."""
    home, article, old = filled
    saved = Library(home).annotate(article.id, 0, 4, note="bad \udcff byte")
    assert temps(home) == []
    notes = {a.id: a.note for a in Library(home).annotations()}
    assert notes.get(old.id) == "old note"
    assert notes[saved.id] == "bad  byte"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    paragraphs=st.lists(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60),
                        min_size=1, max_size=4),
    data=st.data(),
)
def test_any_unicode_text_and_selection_round_trips(tmp_path_factory, paragraphs, data):
    home = tmp_path_factory.mktemp("home")
    library = Library(home)
    article, _ = library.add(Article.create("Unicode", [Block("paragraph", p) for p in paragraphs]))
    text = article.text
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    note_text = data.draw(st.text(st.characters(blacklist_categories=("Cs",)), max_size=40))
    made = library.annotate(article.id, start, end, note=note_text)

    [stored] = Library(home).annotations(article.id)
    assert stored.selector == made.selector == Selector.at(text, start, end)
    assert stored.quote == text[start:end]
    assert stored.note == made.note == sanitize(note_text)  # notes are stored sanitised
    assert Library(home).article(article.id).text == text


def _as_schema_1(home: Path) -> None:
    """Turn a library into what schema 1 wrote: keys from an id's first 15 hex digits, no
    copies in backups/, no write counts."""
    import shutil

    from reader.core.store.layout import ALIASES_TABLE, SEARCHES_TABLE

    old_key = {SEARCHES_TABLE: lambda d: records.search_key(d["name"]), ALIASES_TABLE: lambda d: records.alias_key(d["name"])}
    for path in [home / "library.json", *sorted((home / "notes").glob("*.json"))]:
        data = json.loads(path.read_text())
        for name, docs in data.items():
            if name == "meta":
                docs["1"].pop("writes", None)
                if "schema" in docs["1"]:
                    docs["1"]["schema"] = 1
                continue
            key = old_key.get(name, lambda d: int("1" + d["id"], 16))
            data[name] = {str(int(hex(key(d))[3:18], 16)): d for d in docs.values()}
        if path.parent.name == "notes":
            data.pop("meta")
        path.write_text(json.dumps(data))
    shutil.rmtree(home / "backups")


def test_schema_1_library_is_migrated_with_copies_and_whole_id_keys(home):
    from reader.core.store.doctor import diagnose

    library = Library(home)
    article, _ = library.add(make_article("Migrated"))
    note = library.annotate(article.id, 0, 5, note="kept", tags=["t"])
    library.tag_article(article.id, add=["old"])
    library.save_search("talks", "ceasefire")
    library.save_aliases({"Rubio": "Marco Rubio"})
    library.close()
    _as_schema_1(home)
    assert json.loads((home / "library.json").read_text())["meta"]["1"] == {"schema": 1}

    again = Library(home)
    assert [a.tags for a in again.articles()] == [["old"]]
    assert [(n.id, n.note, n.tags) for n in again.annotations()] == [(note.id, "kept", ["t"])]
    assert again.searches() == {"talks": "ceasefire"} and again.aliases() == {"Rubio": "Marco Rubio"}
    index = json.loads((home / "library.json").read_text())
    assert index["meta"]["1"]["schema"] == SCHEMA_VERSION
    assert list(index["articles"]) == [str(records.doc_id(article.id))]
    assert (home / "backups" / "bodies" / f"{article.id}.json.0").read_bytes() == (home / "bodies" / f"{article.id}.json").read_bytes()
    assert [f for f in diagnose(home) if f.broken] == []


@pytest.mark.parametrize("value", ["NaN", "-Infinity", "123456789012345678901234567890"])
def test_a_save_writes_back_what_it_read_exactly(tmp_path, value):
    """Values a fast encoder would change (NaN as null, a number past 64 bits) stay as read."""
    from reader.core.store.storage import open_db

    path = tmp_path / "shard.json"
    path.write_text('{"meta": {"1": {"writes": 1}}, "kept": {"1": {"v": %s}}}' % value)
    db = open_db(path, tmp_path / "backups")
    db.table("annotations", cache_size=0).insert({"note": "new"})
    raw = path.read_text()
    assert f'"v":{value}' in raw and '"note":"new"' in raw
    assert (tmp_path / "backups" / "shard.json.0").read_text() == raw


def test_a_save_keeps_the_old_version_and_a_mirror_of_the_new(tmp_path):
    from reader.core.store.files import write_atomic

    path, backups = tmp_path / "notes" / "ab.json", tmp_path / "backups" / "notes"
    for text in ("one", b"two", "three"):
        write_atomic(path, text, backups)
    assert path.read_text() == "three" == (backups / "ab.json.0").read_text()
    assert [(backups / f"ab.json.{g}").read_text() for g in (1, 2)] == ["two", "one"]
    assert [p.name for p in tmp_path.rglob("*.tmp")] == []


def test_a_save_whose_mirror_cannot_be_written_is_saved_and_says_so(tmp_path):
    from reader.core.store.files import write_atomic

    path, backups = tmp_path / "notes" / "ab.json", tmp_path / "backups"
    backups.write_text("a file where the backup folder goes")
    with pytest.raises(SaveError, match="but not its backup copy"):
        write_atomic(path, "kept", backups)
    assert path.read_text() == "kept"
