"""Checking a library's files, and putting back whatever one file lost.

Every library file has a second copy (its mirror, see files.py), so any one file lost,
truncated, zeroed or replaced by garbage is restored with every acknowledged change:
a broken data file from its mirror (or, if that is broken too, the newest good older
version, said so), a broken mirror from the data file. Derived files (analyses, caches)
are removed and recomputed. Works on the files directly, never through `Library`, which
refuses to open a broken library; a restored file's broken version is kept beside it.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from reader.core.store import records
from reader.core.store.cachefile import CACHES, cache_problem
from reader.core.store.errors import CorruptFileError, LibraryError
from reader.core.store.files import TEMP_SUFFIX, read_json, write_atomic
from reader.core.store.layout import ARTICLES_TABLE, Layout
from reader.core.store.locking import LibraryLock
from reader.core.store.schema import SCHEMA_VERSION, version_of
from reader.core.store.storage import check_tables, unreadable_keys, writes_of


@dataclass
class Finding:
    path: Path
    problem: str
    repair: str | None = None  # what --restore does, said in the report
    broken: bool = True  # False: worth knowing, nothing to repair
    source: Path | None = None  # the good copy a restore puts in place
    remove: bool = False  # a derived file: --restore deletes it, and it is made again


@dataclass
class _State:
    """What one copy of a file holds: `problem` if it cannot be read at all, `malformed` if
    it reads but holds records that do not (None and None: it reads cleanly)."""

    problem: str | None
    malformed: str | None = None
    raw: bytes | None = None
    data: Any = None


def diagnose(home: Path) -> list[Finding]:
    layout = Layout(home)
    if not home.is_dir():
        raise LibraryError(f"{home}: {'is a file, not' if home.exists() else 'there is no'} a library folder")
    newer = _newer_schema(layout)
    if newer:  # a newer reader's library: nothing here may judge, let alone change, its files
        return [Finding(layout.index, newer)]
    findings: list[Finding] = []
    index = _check_pair(layout, layout.index, _tables_problem, findings)
    for shard in _expected(layout, layout.notes, "*.json"):
        _check_pair(layout, shard, _tables_problem, findings)
    for article_id in _article_ids(index):
        _check_pair(layout, layout.body(article_id), _body_problem, findings, what="article text")
    findings += _derived(layout)
    for directory in layout.data_dirs():
        for temp in directory.glob(f".*{TEMP_SUFFIX}") if directory.is_dir() else ():
            findings.append(Finding(temp, "left by an interrupted save; removed at next start", broken=False))
    return findings


def restore(home: Path, findings: list[Finding], lock_timeout: float | None = None) -> Iterator[str]:
    """Repair what can be repaired, under the library lock (bounded wait); a line for each."""
    layout = Layout(home)
    with LibraryLock(home, layout.lock, lock_timeout).held():
        for finding in findings:
            if finding.remove:
                finding.path.unlink(missing_ok=True)
                yield f"removed {finding.path} (made again when needed)"
            elif finding.source is not None:
                kept = _keep_broken(finding.path)
                write_atomic(finding.path, finding.source.read_text(encoding="utf-8"))
                yield f"restored {finding.path} from {finding.source}" + (f"; the broken file is kept as {kept}" if kept else "")


def repairable(finding: Finding) -> bool:
    return finding.remove or finding.source is not None


# -- one data file and its copies ---------------------------------------------------------------

Check = Callable[[Path, Any], tuple[str | None, str | None]]  # (cannot be read, malformed records)


def _check_pair(layout: Layout, path: Path, check: Check, findings: list[Finding], what: str = "") -> Any:
    """Check a data file against its mirror; the data a reader will see (None if unreadable).

    A file that cannot be read is restored from its mirror (else the newest older version
    that reads). A file that reads but holds malformed records is restored from a mirror
    without them; if the mirror has them too (reader keeps such records as it found
    them), they are only named.
    """
    mirror_path = layout.mirror(path)
    main, mirror = _state(path, check), _state(mirror_path, check)
    label = f"{what} " if what else ""
    replaced = mirror.problem is None and main.raw != mirror.raw and writes_of(main.data) <= writes_of(mirror.data)
    if main.problem is None and not replaced and (main.malformed is None or mirror.problem or mirror.malformed):
        if mirror.problem is not None or mirror.raw != main.raw:
            # One save behind is what a save killed between the file and its copy leaves:
            # nothing acknowledged is missing, and the next save brings it up to date.
            interrupted = mirror.problem is None and 0 < writes_of(mirror.data) == writes_of(main.data) - 1
            reason = "is one save behind the file (a save was interrupted)" if interrupted else mirror.problem or "is behind the file it copies"
            findings.append(Finding(mirror_path, f"backup copy {reason}", f"copied again from {path.name}",
                                    broken=not interrupted, source=path))
        if main.malformed:
            findings.append(Finding(path, f"{label}{main.malformed}"))
        return main.data
    problem = main.problem or main.malformed or "was replaced: it is not the version reader last wrote"
    if mirror.problem is None:
        findings.append(Finding(path, f"{label}{problem}", f"restored from {mirror_path}", source=mirror_path))
        return mirror.data
    older = next((c for c in layout.backups_of(path)[1:] if _state(c, check).problem is None), None)
    if older is None:
        findings.append(Finding(path, f"{label}{problem}; no good copy to restore it from"))
        return None
    lost = " (an older version: its newest changes are lost)"
    findings.append(Finding(path, f"{label}{problem}", f"restored from {older}{lost}", source=older))
    findings.append(Finding(mirror_path, f"backup copy {mirror.problem}", f"copied from {older}", source=older))
    return _state(older, check).data


def _state(path: Path, check: Check) -> _State:
    if not path.exists():
        return _State("is missing")
    try:
        raw = path.read_bytes()
        data = read_json(path)
    except (CorruptFileError, OSError) as error:
        return _State(getattr(error, "reason", None) or str(error))
    problem, malformed = check(path, data)
    return _State(problem, malformed, raw, data)


def _tables_problem(path: Path, data: Any) -> tuple[str | None, str | None]:
    try:
        check_tables(path, data)
    except CorruptFileError as error:
        return error.reason, None
    hidden = unreadable_keys(data)
    if hidden:
        name, bad = next(iter(hidden.items()))
        return None, f"the {name} table has {len(bad)} record(s) under a key that is no id (kept, skipped by readers)"
    for name, docs in data.items():
        if name not in records.READERS:
            continue
        for key, doc in docs.items():
            try:
                records.read_record(name, key, doc)
            except records.MalformedRecord as error:
                return None, f"the {name} record {key} {error} (kept, skipped by readers)"
    return None, None


def _body_problem(path: Path, data: Any) -> tuple[str | None, str | None]:
    try:
        records.blocks_from_record(data)
    except (KeyError, TypeError, ValueError) as error:
        return f"is not an article text ({type(error).__name__}: {error})", None
    return None, None


def _newer_schema(layout: Layout) -> str | None:
    for path in (layout.index, layout.mirror(layout.index)):
        try:
            version = version_of(path, read_json(path))
        except (CorruptFileError, AttributeError):
            continue
        if version > SCHEMA_VERSION:
            return f"written by a newer reader (schema {version}; this one reads up to {SCHEMA_VERSION}): upgrade reader"
    return None


def _expected(layout: Layout, folder: Path, pattern: str) -> list[Path]:
    """The data files of a folder: those there, and those its mirrors say should be."""
    here = set(folder.glob(pattern)) if folder.is_dir() else set()
    mirrors = layout.backup_dir(folder / "x")
    if mirrors.is_dir():
        here |= {folder / m.name[: -len(".0")] for m in mirrors.glob(f"{pattern}.0")}
    return sorted(here)


def _article_ids(index: Any) -> list[str]:
    docs = index.get(ARTICLES_TABLE, {}) if isinstance(index, dict) else {}
    found = {d.get("id") for d in docs.values() if isinstance(d, dict)} if isinstance(docs, dict) else set()
    return sorted(i for i in found if isinstance(i, str) and _is_id(i))


def _is_id(text: str) -> bool:
    try:
        records.doc_id(text)
    except LibraryError:
        return False
    return True


# -- derived files -------------------------------------------------------------------------------


def _derived(layout: Layout) -> list[Finding]:
    found = []
    for path in sorted(layout.analyses.glob("*.json")) if layout.analyses.is_dir() else []:
        try:
            records.analysis_from_record(read_json(path))
        except (CorruptFileError, KeyError, TypeError, ValueError, AttributeError) as error:
            reason = getattr(error, "reason", None) or f"is malformed ({type(error).__name__})"
            found.append(Finding(path, f"analysis {reason}", "removed; recomputed when the article is read", remove=True))
    for name, magic in CACHES.items():
        path = layout.home / name
        problem = cache_problem(path, magic) if path.exists() else None
        if problem:
            found.append(Finding(path, f"cache {problem}", "removed; rebuilt when needed", remove=True))
    return found


def _keep_broken(path: Path) -> Path | None:
    if not path.exists():
        return None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = path.with_name(f"{path.name}.broken-{stamp}")
    if path.is_dir():
        shutil.move(path, kept)
    else:
        shutil.copy2(path, kept)
    return kept
