"""Where each part of a library lives under its home directory.

    library.json        TinyDB: tables `meta` (schema version), `articles` (index + state)
                        `searches` (saved searches), `feeds` (subscriptions) and
                        `aliases` (entity merges: name -> the name it joins)
    bodies/<id>.json    one article's blocks, written once
    bodies/<name>.pack  the blocks of many articles added together (a refresh's feed; packs.py),
                        its copy as backups/bodies/<name>.pack; a file of an article's own outranks it
    analysis/<id>.json  its entities and quotes, derived, rewritten when the analyser changes
    analysis/VERSION    the analyser version every analysis there is known to have
    notes/<xx>.json     TinyDB: the annotations of articles whose id starts with xx
    backups/            a mirror of each of those files as it is now (`name.0`), and the
                        versions it replaced (`name.1` to `name.3`); see files.py
    .lock               the cross-process lock (never the data files: os.replace swaps them)
    .swept              empty; its time says when stray temp files were last cleared

A note save rewrites one notes shard (1/256 of the notes), never the article bodies or
the index, so its cost stays flat as the library grows.
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass
from pathlib import Path

from reader.core.store.files import BACKUPS_KEPT, backup_path

SHARD_CHARS = 2  # 256 shards of hex ids
ARTICLES_TABLE = "articles"
NOTES_TABLE = "annotations"
SEARCHES_TABLE = "searches"  # in library.json: the user's saved searches
FEEDS_TABLE = "feeds"  # in library.json: subscriptions
ALIASES_TABLE = "aliases"  # in library.json: merged entity names, name -> the name it joins
META_TABLE = "meta"  # in every TinyDB file: record 1 holds how many times it was written (and, in
META_DOC_ID = 1  # library.json, the schema version)


@dataclass(frozen=True)
class Layout:
    home: Path

    @property
    def index(self) -> Path:
        return self.home / "library.json"

    @property
    def bodies(self) -> Path:
        return self.home / "bodies"

    @property
    def analyses(self) -> Path:
        return self.home / "analysis"

    def analysis(self, article_id: str) -> Path:
        return self.analyses / f"{article_id}.json"

    @property
    def analyses_version(self) -> Path:
        return self.analyses / "VERSION"

    @property
    def notes(self) -> Path:
        return self.home / "notes"

    @property
    def backups(self) -> Path:
        return self.home / "backups"

    @property
    def lock(self) -> Path:
        return self.home / ".lock"

    @property
    def swept(self) -> Path:
        return self.home / ".swept"

    def body(self, article_id: str) -> Path:
        return self.bodies / f"{article_id}.json"

    def shard(self, article_id: str) -> Path:
        return self.notes / f"{article_id[:SHARD_CHARS]}.json"

    def shards(self) -> list[Path]:
        return sorted(self.notes.glob("*.json")) if self.notes.is_dir() else []

    def expected(self, folder: Path, pattern: str) -> list[Path]:
        """The data files of a folder: those there, and those its mirrors say should be (a
        deleted file whose mirror is kept is missing, never silently nothing)."""
        names = set(fnmatch.filter(_names(folder), pattern))  # names, not Paths: 1,280 of them at 256 shards
        names.update(m[: -len(".0")] for m in fnmatch.filter(_names(self.backup_dir(folder / "x")), f"{pattern}.0"))
        return [folder / name for name in sorted(names)]

    def backup_dir(self, path: Path) -> Path:
        """Backups mirror the data's folders: backups/notes/ab.json.1 backs notes/ab.json."""
        return self.backups / path.parent.relative_to(self.home)

    def mirror(self, path: Path) -> Path:
        """The second copy of a data file, as it is now."""
        return backup_path(self.backup_dir(path), path.name, 0)

    def backups_of(self, path: Path) -> list[Path]:
        """Its mirror, then the versions it replaced, newest first (those that exist or not)."""
        return [backup_path(self.backup_dir(path), path.name, g) for g in range(BACKUPS_KEPT + 1)]

    def data_dirs(self) -> list[Path]:
        """Every folder a save writes into (so may leave a temp file in): the data's and their backups'."""
        data = [self.home, self.bodies, self.notes, self.analyses]
        return data + [self.backup_dir(directory / "file") for directory in data]


def _names(folder: Path) -> list[str]:
    """The names in a folder ([] if it is none)."""
    try:
        return os.listdir(folder)
    except OSError:
        return []
