"""The Library's stored analyses (entities, quotes): derived files, kept beside the articles.

An analysis is worked out from an article's text, so it is kept more loosely than what
the user made: no backup copy, a damaged one read as none (it is made again), and a
command that only reads may save one, waiting a moment at most for another process's
lock and keeping nothing if that fails. A mixin of Library, like notes.py and choices.py.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from reader.core.model import Analysis
from reader.core.store import records
from reader.core.store.batchwrite import write_all
from reader.core.store.errors import CorruptFileError, LockTimeoutError, ReadOnlyError
from reader.core.store.files import dump_json, read_json

if TYPE_CHECKING:
    from reader.core.store.library import Library

    _Base = Library
else:
    _Base = object

DERIVED_WAIT = 1.0  # seconds a derived file (an analysis) waits for another process's change


class AnalysesMixin(_Base):
    def analysis(self, article_id: str) -> Analysis | None:
        """The stored analysis, or None; a damaged one is None too, since it can be recomputed."""
        path = self.layout.analysis(article_id)
        try:
            return records.analysis_from_record(read_json(path)) if path.exists() else None
        except (CorruptFileError, KeyError, TypeError, ValueError):
            return None

    def unanalysed(self) -> list[str]:
        """The ids of articles with no stored analysis (a page `reader add` stored moments ago,
        or one `doctor` removed): what a reader of stored analyses must have made first.
        One listing of the folder, not a stat per article."""
        try:
            kept = {name[: -len(".json")] for name in os.listdir(self.layout.analyses) if name.endswith(".json")}
        except OSError:
            kept = set()
        return [i for i in self.article_ids() if i not in kept]

    def save_analysis(self, article_id: str, analysis: Analysis) -> None:
        """Keep a computed analysis; on a read-only library it is simply not kept (it is derived)."""
        self.save_analyses({article_id: analysis})

    def save_analyses(self, analyses: dict[str, Analysis]) -> None:
        """`save_analysis` for many articles, their folder synced once. A command that only
        reads (search, show) may be the one to make an analysis: it waits for another
        process's change a moment at most (DERIVED_WAIT), and keeps nothing if that one
        takes longer; the next reader makes it again."""
        if not analyses:
            return
        try:
            with self._lock.held(DERIVED_WAIT):
                write_all([
                    (self.layout.analysis(i), dump_json(records.analysis_to_record(a)), None)
                    for i, a in analyses.items()
                ])
        except (ReadOnlyError, LockTimeoutError):
            pass
