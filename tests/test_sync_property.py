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


# Everything a step may use is drawn up front, the same draws whatever the step does:
# which branch runs depends on the libraries' state (random note ids, clock stamps), and
# Hypothesis needs the shape of its draws to depend only on its own earlier choices.
CHOICES = st.fixed_dictionaries({
    "pool": st.sampled_from(POOL), "pick": st.integers(0, 99), "start": st.integers(0, 20),
    "length": st.integers(1, 10), "word": st.sampled_from(WORDS), "tags": st.lists(st.sampled_from(TAGS), max_size=2),
    "text": st.sampled_from(WORDS + [None]), "color": st.sampled_from([None, 2, 4]), "tag": st.sampled_from(TAGS),
    "yes": st.booleans(), "position": st.integers(0, 5), "alias": st.sampled_from(["Boris", "Kyiv"]),
    "into": st.sampled_from(["Boris Johnson", "Kiev"]), "search": st.sampled_from(["s1", "s2"]),
})


def _step(library: Library, oracle: Oracle, choice: dict[str, Any], action: str, target: str) -> None:
    articles = [a.id for a in library.articles()]
    notes = library.annotations()
    article_id = articles[choice["pick"] % len(articles)] if articles else ""
    picked = notes[choice["pick"] % len(notes)] if notes else None
    time.sleep(0.002)  # the wall clock moves between changes: stamps order them as they were made
    if action == "add":
        article = choice["pool"]
        if library.add(article)[1]:
            oracle.wrote(("a", article.id, "present"), True)
    elif action == "note" and articles:
        start = choice["start"]
        note = library.annotate(article_id, start, start + choice["length"], note=choice["word"], tags=choice["tags"])
        oracle.wrote(("n", note.id, "alive"), True)
        oracle.wrote(("n", note.id, "note"), note.note)
        oracle.tagged(note.id, note.tags, [])
    elif action == "edit" and picked is not None:
        after = library.edit_annotation(picked, note=choice["text"], color=choice["color"])
        oracle.wrote(("n", after.id, "alive"), True)
        if after.note != picked.note:
            oracle.wrote(("n", after.id, "note"), after.note)
        if after.color != picked.color:
            oracle.wrote(("n", after.id, "color"), after.color)
    elif action == "delete" and picked is not None:
        if library.delete_annotation(picked) is not None:
            oracle.wrote(("n", picked.id, "alive"), False)
    elif action == "tag" and articles:
        tag = choice["tag"]
        before = library.article_state(article_id).tags
        if choice["yes"]:
            library.tag_article(article_id, add=[tag])
            oracle.tagged(article_id, [tag] if tag not in before else [], [])
        else:
            library.tag_article(article_id, remove=[tag])
            oracle.tagged(article_id, [], [tag] if tag in before else [])
    elif action == "notetag" and picked is not None:
        tag, add = choice["tag"], choice["yes"]
        library.edit_annotation(picked, add_tags=[tag] if add else [], remove_tags=[] if add else [tag])
        oracle.wrote(("n", picked.id, "alive"), True)
        oracle.tagged(picked.id, [tag] if add and tag not in picked.tags else [],
                      [tag] if not add and tag in picked.tags else [])
    elif action in ("star", "read", "position") and articles:
        name = {"star": "starred"}.get(action, action)
        value = choice["position"] if action == "position" else choice["yes"]
        library.update_article(article_id, **{name: value})
        oracle.wrote(("a", article_id, name), value)
    elif action == "alias":
        name = choice["alias"]
        if choice["yes"]:
            library.save_aliases({name: choice["into"]})
            oracle.wrote(("m", name), choice["into"])
        elif library.remove_alias(name):
            oracle.wrote(("m", name), None)
    elif action == "search":
        name = choice["search"]
        if choice["yes"]:
            library.save_search(name, choice["word"])
            oracle.wrote(("q", name), choice["word"])
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
            _step(libraries[who], oracle, data.draw(CHOICES), data.draw(st.sampled_from(ACTIONS)), str(target))
        for _ in range(2):  # a full round: each sends (again) what it has, then each takes all in
            for library in libraries:
                sync(library, str(target))
        dumps = [dump(library) for library in libraries]
        for other in dumps[1:]:
            assert other == dumps[0]
        _check(oracle, libraries[0])
        for library in libraries:
            library.close()
