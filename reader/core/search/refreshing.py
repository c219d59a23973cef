"""Keeping the search index current with the library folder: `SearchIndex.refresh`.

The index (index.py) is built from its cache and then told what changed; this is how it
finds out, by comparing each file's stat signature with the one it was read at, and
re-reading only those files: the articles' index, an analysis, a notes shard. A mixin,
like the Library's (store/choices.py), so that loading and querying are read apart.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.core.model import Annotation
from reader.core.search import cache
from reader.core.store.errors import CorruptFileError, LibraryError
from reader.core.store.layout import SHARD_CHARS
from reader.core.store.library import Library

if TYPE_CHECKING:
    from reader.core.search.index import SearchIndex

    _Base = SearchIndex
else:
    _Base = object

RESAVE_AFTER = 16  # changed files re-read before the cache is written again


class RefreshMixin(_Base):
    def refresh(self, library: Library) -> int:
        """Re-read what changed on disk since the last build or refresh: how many files did
        (RESAVE_AFTER when the articles' index did: every article's state was re-read)."""
        old = self._sigs
        now = cache.signatures(library.layout, old)
        if now == old:
            return 0
        if old.get("analysis/") is None or now.get("analysis/") != old.get("analysis/"):
            old = self._signatures  # the analyses were stat'ed one by one: compare with each
        changed = {key for key in now.keys() | old.keys() if now.get(key) != old.get(key)}
        if not changed:
            return 0
        added: set[str] = set()
        if "library.json" in changed:
            added = self._refresh_articles(library)
        for key in changed:
            if key.startswith("analysis/") and key.endswith(".json"):
                article_id = key[len("analysis/") : -len(".json")]
                n = self.articles.by_id.get(article_id)
                if n is not None and article_id not in added:
                    self.articles.set_analysis(n, library.analysis(article_id))
                    self._changed()
        shards = {key[len("notes/") : -len(".json")] for key in changed if key.startswith("notes/") and key.endswith(".json")}
        shards |= {article_id[:SHARD_CHARS] for article_id in added}
        by_shard: dict[str, list[tuple[str, int]]] = {}
        for article_id, a in self.articles.by_id.items():
            by_shard.setdefault(article_id[:SHARD_CHARS], []).append((article_id, a))
        for shard in shards:
            if not self._refresh_shard(library, shard, by_shard):
                now.pop(f"notes/{shard}.json", None)  # unreadable now: try again next time
        self._sigs = now
        if "library.json" in changed or "analysis/" in now.keys() - old.keys():
            return RESAVE_AFTER  # every article re-read, or the analyses' folder now vouched for
        return len(changed)

    def _refresh_articles(self, library: Library) -> set[str]:
        try:
            listed = library.articles()
        except LibraryError:
            return set()
        try:
            self.articles.aliases = library.aliases()  # merges live in library.json too
        except LibraryError:
            pass
        added: set[str] = set()
        for article in listed:
            n = self.articles.by_id.get(article.id)
            if n is not None:
                self.articles.set_state(n, article, self.vocabulary)  # forgotten once, below
                continue
            try:
                article = library.article(article.id)
            except LibraryError as error:  # body missing or damaged: index what the listing says
                _left_out(library, error, "its text is left out of the search")
            n = self.articles.add(article, self.vocabulary)
            self.articles.set_analysis(n, library.analysis(article.id))
            added.add(article.id)
        gone = self.articles.by_id.keys() - {a.id for a in listed}
        for article_id in gone:
            self.article_removed(article_id)
        self._changed()
        return added

    def _refresh_shard(self, library: Library, shard: str, by_shard: dict[str, list[tuple[str, int]]]) -> bool:
        """Bring one notes shard's notes up to date: add new versions, drop deleted ones.

        The shard is read once (not once per article in it: at 200,000 notes that was most
        of a full build), its notes taken article by article in text order as before."""
        if len(shard) == SHARD_CHARS:
            mine = by_shard.get(shard, [])
        else:  # not a name the library gives a shard: whatever articles it could hold
            mine = [(article_id, a) for article_id, a in self.articles.by_id.items() if article_id.startswith(shard)]
        if not mine:
            return True
        try:
            stored = library.shard_annotations(shard)
        except LibraryError as error:
            _left_out(library, error, "its notes are left out of the search")
            for _, a in mine:  # as said: not found with what they held when last read
                for n in list(self._notes_of.get(a, ())):
                    self.note_removed(self.notes.ids[n])
            self._changed()
            return False
        by_article: dict[str, list[Annotation]] = {}
        for annotation in stored:
            by_article.setdefault(annotation.article_id, []).append(annotation)
        changed = False
        for article_id, a in mine:
            notes = sorted(by_article.get(article_id, ()), key=lambda n: (n.selector.start, n.selector.end))
            present = {annotation.id for annotation in notes}
            for n in list(self._notes_of.get(a, ())):
                if self.notes.ids[n] not in present:
                    self.note_removed(self.notes.ids[n])
            for annotation in notes:
                if not self.notes.same(annotation):
                    self.note_changed(annotation, forget=False)
                    changed = True
        if changed:
            self._changed()  # once for the shard, not once per note
        return True


def _left_out(library: Library, error: LibraryError, what: str) -> None:
    """Say a damaged file's part is missing from the index, rather than let a note or an
    article just look gone (a missing article is no file to name)."""
    if isinstance(error, CorruptFileError):
        library.left_out(error.path, error, what)
