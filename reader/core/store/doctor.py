"""Checking a library's files and restoring the newest good backup of a broken one.

Works on the files directly, never through `Library`, which refuses to open a broken
library. A restore keeps the broken file beside it (`name.broken-<time>`).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from filelock import FileLock

from reader.core.store.errors import CorruptFileError
from reader.core.store.files import BACKUPS_KEPT, TEMP_SUFFIX, backup_path, read_json, write_atomic
from reader.core.store.storage import check_tables
from reader.core.store.layout import ARTICLES_TABLE, Layout
from reader.core.store.schema import SCHEMA_VERSION, version_of


@dataclass
class Finding:
    path: Path
    problem: str
    backup: Path | None = None  # the newest backup that reads cleanly, if the file is broken
    broken: bool = True  # False: worth knowing, nothing lost


def _check_tables(path: Path) -> dict[str, Any]:
    data = read_json(path)
    check_tables(path, data)
    return data


def _schema_problem(path: Path, data: dict[str, Any]) -> str | None:
    version = version_of(path, data)
    if version > SCHEMA_VERSION:
        return f"written by a newer reader (schema {version}; this one reads up to {SCHEMA_VERSION}): upgrade reader"
    return None


def _good_backup(layout: Layout, path: Path) -> Path | None:
    for generation in range(1, BACKUPS_KEPT + 1):
        candidate = backup_path(layout.backup_dir(path), path.name, generation)
        if not candidate.exists():
            continue
        try:
            data = _check_tables(candidate)
        except CorruptFileError:
            continue
        if path != layout.index or _schema_problem(candidate, data) is None:
            return candidate
    return None


def diagnose(home: Path) -> list[Finding]:
    layout = Layout(home)
    findings: list[Finding] = []
    article_ids: set[str] | None = None
    if layout.index.exists():
        try:
            index = _check_tables(layout.index)
            problem = _schema_problem(layout.index, index)
            if problem:
                findings.append(Finding(layout.index, problem))
            article_ids = {doc["id"] for doc in index.get(ARTICLES_TABLE, {}).values()}
        except CorruptFileError as error:
            findings.append(Finding(layout.index, error.reason, _good_backup(layout, layout.index)))
    for shard in layout.shards():
        try:
            notes = _check_tables(shard)
        except CorruptFileError as error:
            findings.append(Finding(shard, error.reason, _good_backup(layout, shard)))
            continue
        if article_ids is not None:
            stray = [d for t in notes.values() for d in t.values() if d["article_id"] not in article_ids]
            if stray:
                findings.append(Finding(shard, f"{len(stray)} notes belong to no article (kept)", broken=False))
    for article_id in sorted(article_ids or ()):
        body = layout.body(article_id)
        try:
            read_json(body)
        except CorruptFileError as error:
            findings.append(Finding(body, f"article text {error.reason}: add the article again"))
    for directory in layout.data_dirs():
        for temp in directory.glob(f".*{TEMP_SUFFIX}") if directory.is_dir() else ():
            findings.append(Finding(temp, "left by an interrupted save; removed at next start", broken=False))
    return findings


def restore(home: Path, finding: Finding) -> Path:
    """Put the finding's backup in place; returns where the broken file was kept."""
    if finding.backup is None:
        raise ValueError(f"{finding.path}: no good backup")
    layout = Layout(home)
    with FileLock(layout.lock):
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        kept = finding.path.with_name(f"{finding.path.name}.broken-{stamp}")
        shutil.copy2(finding.path, kept)
        write_atomic(finding.path, finding.backup.read_text(encoding="utf-8"))
    return kept
