"""Property: libraries changing the same things and syncing in any order through a folder,
some syncs cut short (a segment torn in the target, or the round stopped before it sent
anything), end identical after a full round, with every change a user made still there
unless a later change undid it."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.store import Library
from reader.core.sync import engine
from reader.core.sync.engine import sync
from reader.core.sync.target import Folder
from sync_helpers import dump, make_article

POOL = [make_article(n) for n in range(3)]
WORDS = ["alpha", "beta", "gamma", "delta"]
TAGS = ["red", "green", "blue"]
ACTIONS = ["add", "note", "note", "note", "edit", "edit", "edit", "delete", "delete", "tag", "tag", "notetag",
           "star", "read", "position", "alias", "search", "sync", "sync", "sync", "sync", "torn", "cut"]


class Oracle:
    """The changes that took effect, in the order they were made (one clock for all)."""

    def __init__(self) -> None:
        self.last: dict[tuple[str, ...], Any] = {}  # (entity, field) -> last value written
        self.tags: dict[tuple[str, str], str] = {}  # (entity, tag) -> "add" | "remove", the last

    def wrote(self, key: tuple[str, ...], value: Any) -> None:
        self.last[key] = value

    def tagged(self, entity: str, added: list[str], removed: list[str]) -> None:
        for tag in added:
            self.tags[(entity, tag)] = "add"
        for tag in removed:
            self.tags[(entity, tag)] = "remove"


def _step(library: Library, oracle: Oracle, data: st.DataObject, action: str, target: str) -> None:
    articles = [a.id for a in library.articles()]
    notes = library.annotations()
    time.sleep(0.002)  # the wall clock moves between changes: stamps order them as they were made
    if action == "add":
        article = data.draw(st.sampled_from(POOL))
        if library.add(article)[1]:
            oracle.wrote(("a", article.id, "present"), True)
    elif action == "note" and articles:
        article_id = data.draw(st.sampled_from(articles))
        start = data.draw(st.integers(0, 20))
        note = library.annotate(article_id, start, start + data.draw(st.integers(1, 10)),
                                note=data.draw(st.sampled_from(WORDS)), tags=data.draw(st.lists(st.sampled_from(TAGS), max_size=2)))
        oracle.wrote(("n", note.id, "alive"), True)
        oracle.wrote(("n", note.id, "note"), note.note)
        oracle.tagged(note.id, note.tags, [])
    elif action == "edit" and notes:
        before = data.draw(st.sampled_from(notes))
        text = data.draw(st.sampled_from(WORDS + [None]))
        color = data.draw(st.sampled_from([None, 2, 4]))
        after = library.edit_annotation(before, note=text, color=color)
        oracle.wrote(("n", after.id, "alive"), True)
        if after.note != before.note:
            oracle.wrote(("n", after.id, "note"), after.note)
        if after.color != before.color:
            oracle.wrote(("n", after.id, "color"), after.color)
    elif action == "delete" and notes:
        note = data.draw(st.sampled_from(notes))
        if library.delete_annotation(note) is not None:
            oracle.wrote(("n", note.id, "alive"), False)
    elif action == "tag" and articles:
        article_id, tag = data.draw(st.sampled_from(articles)), data.draw(st.sampled_from(TAGS))
        before = library.article_state(article_id).tags
        if data.draw(st.booleans()):
            library.tag_article(article_id, add=[tag])
            oracle.tagged(article_id, [tag] if tag not in before else [], [])
        else:
            library.tag_article(article_id, remove=[tag])
            oracle.tagged(article_id, [], [tag] if tag in before else [])
    elif action == "notetag" and notes:
        note, tag = data.draw(st.sampled_from(notes)), data.draw(st.sampled_from(TAGS))
        add = data.draw(st.booleans())
        after = library.edit_annotation(note, add_tags=[tag] if add else [], remove_tags=[] if add else [tag])
        oracle.wrote(("n", note.id, "alive"), True)
        oracle.tagged(note.id, [tag] if add and tag not in note.tags else [],
                      [tag] if not add and tag in note.tags else [])
    elif action in ("star", "read", "position") and articles:
        article_id = data.draw(st.sampled_from(articles))
        name = {"star": "starred"}.get(action, action)
        value = data.draw(st.integers(0, 5)) if action == "position" else data.draw(st.booleans())
        library.update_article(article_id, **{name: value})
        oracle.wrote(("a", article_id, name), value)
    elif action == "alias":
        name = data.draw(st.sampled_from(["Boris", "Kyiv"]))
        if data.draw(st.booleans()):
            into = data.draw(st.sampled_from(["Boris Johnson", "Kiev"]))
            library.save_aliases({name: into})
            oracle.wrote(("m", name), into)
        elif library.remove_alias(name):
            oracle.wrote(("m", name), None)
    elif action == "search":
        name = data.draw(st.sampled_from(["s1", "s2"]))
        if data.draw(st.booleans()):
            query = data.draw(st.sampled_from(WORDS))
            library.save_search(name, query)
            oracle.wrote(("q", name), query)
        elif name in library.searches():
            library.delete_search(name)
            oracle.wrote(("q", name), None)
    elif action == "sync":
        sync(library, target)
    elif action == "torn":  # a sync tool has copied half of what this round wrote
        sync(library, target)
        own = Folder(Path(target)).device_dir(engine.device_id(library))
        segments = sorted(own.glob("ops-*.jsonl"))
        if segments:
            data_ = segments[-1].read_bytes()
            segments[-1].write_bytes(data_[: len(data_) // 2])
    elif action == "cut":  # the round stops before it sends anything (killed, disk gone)
        original = Folder.publish

        def fail(*_args: object) -> bool:
            raise OSError("cut")

        Folder.publish = fail  # type: ignore[method-assign]
        try:
            sync(library, target)  # raises only when it had something to send
        except OSError:
            pass
        finally:
            Folder.publish = original  # type: ignore[method-assign]


def _check(oracle: Oracle, library: Library) -> None:
    articles = {a.id: a for a in library.articles()}
    notes = {n.id: n for n in library.annotations()}
    for key, value in oracle.last.items():
        kind, *rest = key
        if kind == "a" and rest[1] == "present":
            assert rest[0] in articles
        elif kind == "a":
            assert getattr(articles[rest[0]], rest[1]) == value, key
        elif kind == "n" and rest[1] == "alive":
            assert (rest[0] in notes) == value, key
        elif kind == "n" and rest[0] in notes:
            assert getattr(notes[rest[0]], rest[1]) == value, key
        elif kind == "m":
            assert library.aliases().get(rest[0]) == value, key
        elif kind == "q":
            assert library.searches().get(rest[0]) == value, key
    for (entity, tag), last in oracle.tags.items():
        if last == "add":
            tags = articles[entity].tags if entity in articles else notes[entity].tags if entity in notes else [tag]
            assert tag in tags, (entity, tag)


@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data(), count=st.integers(2, 3), steps=st.integers(8, 30))
def test_libraries_converge_and_keep_every_change(data: st.DataObject, count: int, steps: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        target = root / "target"
        target.mkdir()
        libraries = [Library(root / f"lib{i}") for i in range(count)]
        oracle = Oracle()
        for library in libraries:  # each in sync use from the start, with the same article added on each
            engine.device_id(library)
            library.add(POOL[0])
        for _ in range(steps):
            who = data.draw(st.integers(0, count - 1))
            _step(libraries[who], oracle, data, data.draw(st.sampled_from(ACTIONS)), str(target))
        for _ in range(2):  # a full round: each sends (again) what it has, then each takes all in
            for library in libraries:
                sync(library, str(target))
        dumps = [dump(library) for library in libraries]
        for other in dumps[1:]:
            assert other == dumps[0]
        _check(oracle, libraries[0])
        for library in libraries:
            library.close()
