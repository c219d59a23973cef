"""patterns.py: regular expressions compiled once, kept between processes, always the same
patterns `re.compile` makes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core import patterns
from reader.core.patterns import Kept

SAMPLES = [
    (r"^\W*(?:read\s+more|lesen\s+sie\s+auch|à\s+lire\s+aussi)\W*$", re.IGNORECASE),
    (r"(?P<d>[0-3]?\d)\.\s?(?P<m>[01]?\d)\.\s?(?P<y>(?:19|20)\d\d)", 0),
    (r"[\u3040-\u30ff\u4e00-\u9fff]+", 0),
    (rb"\A\s*<\?xml[^>]*?\bencoding\s*=\s*[\"']([A-Za-z0-9._-]+)", re.IGNORECASE),
    (r"(?x) a \s+ b  # verbose", 0),
]


def _kept_then_read(path: Path) -> Kept:
    first = Kept(path, save_at_exit=False)
    for pattern, flags in SAMPLES:
        assert first.compile(pattern, flags) == re.compile(pattern, flags)
    assert first.new
    first.save()
    return Kept(path, save_at_exit=False)


def test_kept_patterns_are_the_ones_re_makes_and_are_not_compiled_again(tmp_path: Path, monkeypatch) -> None:
    again = _kept_then_read(tmp_path / "patterns.cache")

    def no_compiling(*args: object) -> None:
        raise AssertionError("compiled again")

    monkeypatch.setattr(re, "compile", no_compiling)
    for pattern, flags in SAMPLES:
        made = again.compile(pattern, flags)
        monkeypatch.undo()
        expected = re.compile(pattern, flags)
        monkeypatch.setattr(re, "compile", no_compiling)
        assert made == expected and made.groupindex == expected.groupindex and made.groups == expected.groups
    assert not again.new
    sample = again.compile(*SAMPLES[1])
    assert sample.match("26.01.2022").group("m", "y") == ("01", "2022")


@pytest.mark.parametrize("damage", ["flip", "truncate", "other python", "not ours"])
def test_a_damaged_or_foreign_cache_is_compiled_again(tmp_path: Path, monkeypatch, damage: str) -> None:
    path = tmp_path / "patterns.cache"
    _kept_then_read(path)
    data = bytearray(path.read_bytes())
    if damage == "flip":
        data[-5] ^= 0xFF
    elif damage == "truncate":
        data = data[: len(data) // 2]
    elif damage == "not ours":
        data = bytearray(b"something else entirely")
    path.write_bytes(bytes(data))
    if damage == "other python":
        programs = patterns._read(path)
        assert programs
        with monkeypatch.context() as patched:
            patched.setattr(patterns, "_python", lambda: "another Python")
            patterns._write(path, programs)
    again = Kept(path, save_at_exit=False)
    for pattern, flags in SAMPLES:
        assert again.compile(pattern, flags) == re.compile(pattern, flags)
    assert again.new  # nothing was read: everything compiled, to be written again


def test_an_unwritable_cache_folder_costs_nothing_but_the_compiling(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    kept = Kept(blocker / "patterns.cache", save_at_exit=False)
    assert kept.compile(*SAMPLES[0]) == re.compile(*SAMPLES[0])
    kept.save()  # no error
    assert blocker.read_text() == "not a folder"


def test_the_add_path_makes_the_same_patterns_in_every_process_and_keeps_each() -> None:
    """A pattern built from a set (iterated in hash order) differs from one process to the
    next: it would be compiled, and the cache rewritten, by every `reader add`."""
    script = (
        "import json, reader.cli.adding, reader.core.analysis, reader.core.ingest.text, reader.core.ingest.markdown\n"
        "from reader.core import patterns\n"
        "kept = patterns._KEPT\n"
        "print(json.dumps([sorted(repr(k) for k in kept.used), sorted(repr(k) for k in kept.used - set(kept.programs))]))"
    )
    runs = []
    for seed in ("1", "2"):
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": seed})
        runs.append(json.loads(done.stdout))
    (used_1, unkept_1), (used_2, _) = runs
    assert len(used_1) > 50
    assert used_1 == used_2
    assert unkept_1 == []  # every one of them can be kept on this Python
