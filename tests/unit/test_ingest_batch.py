"""Reading many files at once (`reader.core.ingest.batch`): in worker processes or in this
one, the same reads in the order given; a file that cannot be read, or that kills its
worker, is reported alone and the others go on."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from reader.core.ingest.batch import WORKER_DIED, Read, Reading, default_jobs, read_one

PARAGRAPH = "The harbour council met on Tuesday to discuss the spring tides with Anna Berg. " * 4


def folder(root: Path, count: int) -> list[Path]:
    paths = []
    for i in range(count):
        path = root / f"a{i:03d}.txt"
        path.write_text(f"Article {i}\n\n{PARAGRAPH}\n\n“We will see,” said Anna Berg. Item {i}.\n")
        paths.append(path)
    return paths


def die_on_poison(source: Path | str) -> Read:
    """A worker's job that kills the worker on a file named poison (as a crash would)."""
    if Path(source).stem == "poison":
        os.kill(os.getpid(), signal.SIGKILL)
    return read_one(source)


def summary(reads: list[Read]) -> list[tuple[str, str | None, bool]]:
    return [(str(r.source), r.imported.article.id if r.imported else r.reason, r.analysis is not None) for r in reads]


def test_workers_hand_back_the_same_reads_in_the_order_given(tmp_path: Path) -> None:
    paths = folder(tmp_path, 12)
    (tmp_path / "a005.txt").write_bytes(b"")  # one that cannot be read, in the middle
    with Reading(paths, jobs=1) as here:
        alone = list(here)
    with Reading(paths, jobs=2) as pool:
        pooled = [read for group in pool.groups() for read in group]
    assert summary(pooled) == summary(alone)
    assert [r.source for r in pooled] == paths
    assert pooled[5].error is not None and str(pooled[5].error) == f"{paths[5]}: empty file"
    assert all(r.analysis is not None and r.analysis.entities for i, r in enumerate(pooled) if i != 5)


def test_an_article_already_in_the_library_is_read_but_not_analysed(tmp_path: Path) -> None:
    paths = folder(tmp_path, 4)
    first = read_one(paths[0]).imported
    assert first is not None
    with Reading(paths, frozenset({first.article.id}), jobs=2) as pool:
        reads = list(pool)
    assert [r.analysis is None for r in reads] == [True, False, False, False]
    assert reads[0].imported is not None and reads[0].imported.article.id == first.article.id


def test_a_file_that_kills_its_worker_is_reported_and_the_others_are_read(tmp_path: Path) -> None:
    paths = folder(tmp_path, 8)
    poison = tmp_path / "poison.txt"
    poison.write_text(paths[0].read_text())
    given = [*paths[:3], poison, *paths[3:]]
    with Reading(given, jobs=2, work=die_on_poison) as pool:
        reads = list(pool)
    assert [r.source for r in reads] == given
    assert [str(r.error) for r in reads if r.error] == [f"{poison}: {WORKER_DIED}"]
    assert all(r.imported is not None for r in reads if r.source != poison)


def test_a_library_failure_inside_a_reader_is_one_line_not_a_crash(tmp_path: Path, monkeypatch) -> None:
    from reader.core.ingest import batch

    def broken(path: Path) -> None:
        raise ValueError("lxml said no")

    monkeypatch.setattr(batch, "load_file", broken)
    read = read_one(tmp_path / "x.html")
    assert str(read.error) == f"{tmp_path / 'x.html'}: could not be read (ValueError: lxml said no)"


@pytest.mark.parametrize(("count", "expected"), [(0, 0), (1, 0)])
def test_one_source_is_read_here_without_workers(count: int, expected: int) -> None:
    assert default_jobs(count) == expected
    assert default_jobs(50) >= 1
