"""Sync through a real git repository: a bare repository in a temp folder, libraries that
each keep a work folder of it, the system's git."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.store import Library
from reader.core.sync import engine
from reader.core.sync.engine import sync
from reader.core.sync.gitsync import Git
from reader.core.sync.target import TargetError
from sync_helpers import dump, make_article
from test_sync_property import ACTIONS, CHOICES, POOL, Oracle, _check, _step

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed (.ci/run installs it)")


def bare(root: Path) -> str:
    path = root / "remote.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(path)], check=True)
    return str(path)


def test_two_libraries_through_a_bare_repository(tmp_path):
    remote = bare(tmp_path)
    a, b = Library(tmp_path / "a"), Library(tmp_path / "b")
    article = a.add(make_article(1))[0]
    note = a.annotate(article.id, 4, 11, note="on a", tags=["civic"])
    assert sync(a, remote).out == 2
    report = sync(b, remote)
    assert (report.applied.articles, report.applied.notes) == (1, 1)
    b.edit_annotation(b.annotations()[0], note="edited on b")
    a.delete_annotation(note)  # later than b's edit: the note goes
    b.add(make_article(2))
    for library in (a, b, a, b):
        sync(library, remote)
    assert dump(a) == dump(b) and a.annotations() == [] and len(a.articles()) == 2
    log = subprocess.run(["git", "-C", remote, "log", "--oneline", "main"], capture_output=True, text=True).stdout
    assert len(log.splitlines()) >= 3  # each device's rounds are commits on main


def test_a_push_beaten_by_another_device_is_rebased_and_sent(tmp_path, monkeypatch):
    remote = bare(tmp_path)
    a, b = Library(tmp_path / "a"), Library(tmp_path / "b")
    a.add(make_article(1))
    sync(a, remote)
    sync(b, remote)
    a.save_search("s", "bridge")
    b.save_search("t", "council")
    sync(a, remote)  # a pushes first
    original = Git.pull
    monkeypatch.setattr(Git, "pull", lambda self: self.work)  # b does not see it before pushing
    sync(b, remote)
    monkeypatch.setattr(Git, "pull", original)
    for library in (a, b, a):
        sync(library, remote)
    assert a.searches() == {"s": "bridge", "t": "council"} == b.searches()


def test_an_unreachable_repository_is_one_clear_error(tmp_path):
    library = Library(tmp_path / "lib")
    with pytest.raises(TargetError, match=r"^git clone .*failed: fatal: .*nothing-here.git.* not .*a git repository"):
        sync(library, f"file://{tmp_path}/nothing-here.git")


@settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data(), steps=st.integers(8, 20))
def test_random_changes_converge_through_git(data: st.DataObject, steps: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        remote = bare(root)
        libraries = [Library(root / f"lib{i}") for i in range(2)]
        oracle = Oracle()
        for library in libraries:
            engine.device_id(library)
            library.add(POOL[0])
        for _ in range(steps):
            who = data.draw(st.integers(0, 1))
            action = data.draw(st.sampled_from([a for a in ACTIONS if a != "torn"]))
            _step(libraries[who], oracle, data.draw(CHOICES), action, remote)
        for _ in range(2):
            for library in libraries:
                sync(library, remote)
        assert dump(libraries[0]) == dump(libraries[1])
        _check(oracle, libraries[0])
