"""Checking a library's files, and putting back whatever one file lost.

Every library file has a second copy (its mirror, see files.py), so any one file lost,
truncated, zeroed or replaced by garbage is restored with every acknowledged change:
a broken data file from its mirror (or, if that is broken too, the newest good older
version, said so), a broken mirror from the data file. A file that reads, and carries
as many writes as its mirror, was edited by hand: it is kept, and its mirror follows.
A damaged record in a file that reads is put back alone from the newest backup holding
it whole (recovery.py). Derived files (analyses, caches) are removed and recomputed.
Works on the files directly, never through `Library`, which refuses to open a broken
library; a restored file's broken version is kept beside it.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from reader.core.store import naming, packs, records
from reader.core.store.cachefile import CACHES, cache_problem
from reader.core.store.errors import CorruptFileError, LibraryError
from reader.core.store.files import TEMP_SUFFIX, parse_json, read_json, write_atomic
from reader.core.store.layout import ARTICLES_TABLE, Layout
from reader.core.store.locking import LibraryLock
from reader.core.store.recovery import Damaged, damaged_records, put_back
from reader.core.store.schema import SCHEMA_VERSION, unversioned_problem, version_of
from reader.core.store.storage import check_tables, writes_of


@dataclass
class Finding:
    path: Path
    problem: str
    repair: str | None = None  # what --restore would do ('restore it from ...'), said in the report
    broken: bool = True  # False: worth knowing, nothing to repair
    source: Path | None = None  # the good copy a restore puts in place
    remove: bool = False  # a derived file: --restore deletes it, and it is made again
    record: Damaged | None = None  # one damaged record: --restore puts back its good copy, if one was found
    member: packs.Member | None = None  # the good copy is this one in the pack `source`
    set_aside: bool = False  # a pack of copies that does not read: --restore renames it (its texts are copied again)


@dataclass
class _State:
    """What one copy of a file holds: `problem` if it cannot be read at all."""

    problem: str | None
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
    index = _check_tables(layout, layout.index, findings, _index_problem(layout))
    for shard in layout.expected(layout.notes, "*.json"):
        _check_tables(layout, shard, findings)
    packed = (packs.Packs.read(layout.bodies), packs.Packs.read(layout.backup_dir(layout.body("x"))))
    for what, found in zip(("the pack of article texts", "the pack of backup copies"), packed):
        findings += [Finding(pack, _sentence(what, problem), "set it aside (each article it held gets a file of its "
                             "own again)", set_aside=True) for pack, problem in found.damaged.items()]
    for article_id in _article_ids(index):
        _check_pair(layout, layout.body(article_id), _body_problem, findings, what="the article text file",
                    packed=packed)
    findings += _derived(layout)
    from reader.core.sync.check import sync_problems

    findings += [Finding(path, problem, "remove it" if fix else None, broken=fix, remove=fix)
                 for path, problem, fix in sync_problems(home)]
    for directory in layout.data_dirs():
        for temp in directory.glob(f".*{TEMP_SUFFIX}") if directory.is_dir() else ():
            findings.append(Finding(temp, "left by an interrupted save; removed at next start", broken=False))
    return findings


def restore(home: Path, findings: list[Finding], lock_timeout: float | None = None) -> Iterator[str]:
    """Repair what can be repaired, under the library lock (bounded wait); a line for each.

    Derived files go, whole files are restored, then damaged records are put back (each
    file's in one save, which writes its mirror too), the mirrors are refreshed from their
    files (one that save already brought up to date is left), and when any data came back
    the caches go too: one built while a file was broken lacks what the file holds."""
    layout = Layout(home)
    copies = [f for f in findings if f.source is not None and f.path != layout.mirror(f.source)]
    refreshes = [f for f in findings if f.source is not None and f.path == layout.mirror(f.source)]
    records_of: dict[Path, list[Damaged]] = {}
    for finding in findings:
        if finding.record is not None and finding.record.source is not None:
            records_of.setdefault(finding.path, []).append(finding.record)
    with LibraryLock(home, layout.lock, lock_timeout).held():
        for finding in findings:
            if finding.remove:
                finding.path.unlink(missing_ok=True)
                yield f"removed {finding.path} (made again when needed)"
        for finding in copies:
            yield _copy(finding)
        for path, damaged in records_of.items():
            yield from put_back(layout, path, damaged)
        for finding in refreshes:
            if _same(finding.path, finding.source):
                continue
            yield _copy(finding)
        for finding in findings:
            if finding.set_aside and finding.path.exists():
                kept = finding.path.with_name(f"{finding.path.name}.broken-{datetime.now():%Y%m%d-%H%M%S}")
                finding.path.rename(kept)
                yield f"set aside {finding.path} as {kept}"
        if copies or records_of:  # caches made while a file was broken left out what it held
            for name in CACHES:
                if (layout.home / name).exists():
                    (layout.home / name).unlink()
                    yield f"removed {layout.home / name} (made again from the restored files)"


def _copy(finding: Finding) -> str:
    """Put the finding's good copy in place of its file, keeping the file replaced beside it."""
    assert finding.source is not None
    kept = _keep_broken(finding.path)
    good = finding.member.read() if finding.member is not None else finding.source.read_text(encoding="utf-8")
    write_atomic(finding.path, good)
    verb, old = ("restored", "the broken file") if finding.broken else ("brought up to date", "its old version")
    return f"{verb} {finding.path} from {finding.source}" + (f"; {old} is kept as {kept}" if kept else "")


def _same(path: Path, other: Path | None) -> bool:
    try:
        return other is not None and path.is_file() and path.read_bytes() == other.read_bytes()
    except OSError:
        return False


def repairable(finding: Finding) -> bool:
    return finding.remove or finding.set_aside or finding.source is not None or (finding.record is not None and finding.record.source is not None)


# -- one data file and its copies ---------------------------------------------------------------

Check = Callable[[Path, Any], str | None]  # why a file that parses is still not one of ours


def _check_tables(layout: Layout, path: Path, findings: list[Finding], check: Check | None = None) -> Any:
    """`_check_pair` for a TinyDB file, then each of its damaged records, as it will be after a restore."""
    data = _check_pair(layout, path, check or _tables_problem, findings)
    if isinstance(data, dict):
        for damaged in damaged_records(layout, path, data):
            findings.append(Finding(path, damaged.report(), damaged.repair(), record=damaged))
    return data


def _check_pair(layout: Layout, path: Path, check: Check, findings: list[Finding], what: str = "",
                packed: tuple[packs.Packs, packs.Packs] | None = None) -> Any:
    """Check a data file against its mirror; the data a reader will see (None if unreadable).

    A file that cannot be read, or is an older version than its mirror (fewer writes), is
    restored from its mirror (else the newest older version that reads). One that reads
    and carries its writes count is kept, its mirror refreshed if it differs. An article
    text with no file of its own, or no copy file, may be in the `packed` (texts, copies):
    one that is damaged there gets a file of its own, from the other.
    """
    mirror_path = layout.mirror(path)
    main, mirror = _state(path, check), _state(mirror_path, check)
    source, member = mirror_path, None
    own: packs.Member | None = None  # where the file is, when it is in a pack
    if packed is not None and not path.exists() and (own := packed[0].find(path.name)) is not None:
        main = _packed_state(own, check)
    if packed is not None and not mirror_path.exists() and (member := packed[1].find(path.name)) is not None:
        source, mirror = member.pack, _packed_state(member, check)
    if main.problem is None and not _superseded(main, mirror):
        finding = _mirror_finding(path, mirror_path, main, mirror)
        if finding:
            if own is not None:  # the mirror is made again from the file's copy in its pack
                finding.source, finding.member = own.pack, own
            findings.append(finding)
        return main.data
    problem = main.problem or "was replaced: it is not the version reader last wrote"
    if mirror.problem is None:
        copy = f"{source}'s copy" if member is not None else str(source)
        findings.append(Finding(path, _sentence(what, problem), f"restore it from {copy}", source=source,
                                member=member))
        return mirror.data
    older = next((c for c in layout.backups_of(path)[1:] if _state(c, check).problem is None), None)
    if older is None:
        findings.append(Finding(path, f"{_sentence(what, problem)}; no good copy to restore it from"))
        return None
    lost = " (an older version: its newest changes would be lost)"
    findings.append(Finding(path, _sentence(what, problem), f"restore it from {older}{lost}", source=older))
    findings.append(Finding(mirror_path, _sentence("the backup copy", mirror.problem), f"copy it from {older}", source=older))
    return _state(older, check).data


def _packed_state(member: packs.Member, check: Check) -> _State:
    """What a copy in a pack holds, as `_state` says it of a file."""
    try:
        raw = member.read()
    except CorruptFileError as error:
        return _State(f"in {member.pack} {error.reason}")
    try:
        data = parse_json(member.pack, raw)
    except CorruptFileError as error:
        return _State(f"in {member.pack} {error.reason}")
    return _State(check(member.pack, data), raw, data)


def _superseded(main: _State, mirror: _State) -> bool:
    """Whether a file that reads is not the one to keep: its mirror reads, differs, and is
    newer by the writes count, or as new while the file carries no count (not ours)."""
    if mirror.problem is not None or main.raw == mirror.raw:
        return False
    ours, theirs = writes_of(main.data), writes_of(mirror.data)
    return ours < theirs or ours == theirs == 0


def _mirror_finding(path: Path, mirror_path: Path, main: _State, mirror: _State) -> Finding | None:
    """What is wrong with the mirror of a file that is kept, if anything."""
    if mirror.problem is None and mirror.raw == main.raw:
        return None
    ours, theirs = writes_of(main.data), (writes_of(mirror.data) if mirror.problem is None else None)
    again = f"copy it again from {path.name}"
    if theirs is not None and ours == theirs:  # the same writes, other content: edited by hand
        return Finding(mirror_path, "the backup copy differs from the file (edited by hand?): the file is kept, and "
                       "the copy is refreshed on the next save", again, broken=False, source=path)
    if theirs is not None and 0 < theirs == ours - 1:
        # One save behind is what a save killed between the file and its copy leaves:
        # nothing acknowledged is missing, and the next save brings it up to date.
        return Finding(mirror_path, "the backup copy is one save behind the file (a save was interrupted)", again,
                       broken=False, source=path)
    return Finding(mirror_path, _sentence("the backup copy", mirror.problem or "is behind the file it copies"), again,
                   source=path)


def _sentence(subject: str, problem: str) -> str:
    """'the backup copy is not valid JSON (...)' from a subject and a file problem."""
    if not subject:
        return problem
    return f"{subject} {'is ' if problem.startswith('not ') else ''}{problem}"


def _state(path: Path, check: Check) -> _State:
    try:
        raw = path.read_bytes()
        data = read_json(path)
    except CorruptFileError as error:
        return _State(error.reason)
    except OSError as error:
        return _State(_os_problem(error))
    return _State(check(path, data), raw, data)


def _os_problem(error: OSError) -> str:
    """An OS error as a plain phrase about the file, not '[Errno 21] Is a directory'."""
    if isinstance(error, FileNotFoundError):
        return "is missing"
    if isinstance(error, IsADirectoryError):
        return "is a directory, not a file"
    if isinstance(error, PermissionError):
        return "cannot be read (permission denied)"
    return f"cannot be read ({(error.strerror or type(error).__name__).lower()})"


def _tables_problem(path: Path, data: Any) -> str | None:
    try:
        check_tables(path, data)
    except CorruptFileError as error:
        return error.reason
    return None


def _index_problem(layout: Layout) -> Check:
    """library.json's check: tables, and a schema record (a library's index without one was damaged)."""

    def check(path: Path, data: Any) -> str | None:
        problem = _tables_problem(path, data)
        if problem is None:
            try:
                unversioned = version_of(path, data) == 0 and unversioned_problem(layout, data)
            except CorruptFileError as error:
                return error.reason
            problem = "has no schema record, though the library's other files do" if unversioned else None
        return problem

    return check


def _body_problem(path: Path, data: Any) -> str | None:
    try:
        records.blocks_from_record(data)
    except records.MalformedRecord as error:
        return f"does not hold an article's text (it {error})"
    except (KeyError, TypeError, ValueError):
        return "does not hold an article's text (a block does not read)"
    return None


def _newer_schema(layout: Layout) -> str | None:
    for path in (layout.index, layout.mirror(layout.index)):
        try:
            version = version_of(path, read_json(path))
        except (CorruptFileError, AttributeError):
            continue
        if version > SCHEMA_VERSION:
            return f"written by a newer reader (schema {version}; this one reads up to {SCHEMA_VERSION}): upgrade reader"
    return None


def _article_ids(index: Any) -> list[str]:
    """The articles the index holds (damaged records too: by the id their key was made from)."""
    docs = index.get(ARTICLES_TABLE, {}) if isinstance(index, dict) else {}
    found = {naming.id_of(key, doc) for key, doc in docs.items() if records.is_key(key)} if isinstance(docs, dict) else set()
    return sorted(i for i in found if i)


# -- derived files -------------------------------------------------------------------------------


def _derived(layout: Layout) -> list[Finding]:
    found = []
    for path in sorted(layout.analyses.glob("*.json")) if layout.analyses.is_dir() else []:
        try:
            records.analysis_from_record(read_json(path))
        except (CorruptFileError, KeyError, TypeError, ValueError, AttributeError) as error:
            reason = getattr(error, "reason", None) or "does not hold an analysis"
            found.append(Finding(path, _sentence("the analysis file", reason),
                                 "remove it (it is recomputed when the article is read)", remove=True))
    for name, magic in CACHES.items():
        path = layout.home / name
        problem = cache_problem(path, magic) if path.exists() else None
        if problem:
            found.append(Finding(path, _sentence("the cache", problem), "remove it (it is rebuilt when needed)", remove=True))
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
