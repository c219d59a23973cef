"""The search index: built at load, kept current on every change, asked with a parsed query.

`SearchIndex.build` loads the cache in the library folder when it is sound and then reads
only the files whose stat signatures changed since it was written (with no cache, that
is every file: a full build). The same `refresh` serves the app when another process
(the CLI) has written. Changes made in this process come in through `note_changed`,
`article_changed` and their removals, without touching the disk. How `refresh` finds
and re-reads what changed on disk is in refreshing.py.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from reader.core.model import Annotation, Article
from reader.core.search import cache
from reader.core.search.evaluate import Evaluator
from reader.core.search import named
from reader.core.search.mentions import Mentions
from reader.core.search.named import Saved
from reader.core.search.nodes import Node
from reader.core.search.packed import CacheDamaged, Packed
from reader.core.search.postings import Vocabulary
from reader.core.search.rank import TAG_WEIGHT, Hit, SearchResult, article_hit, bm25, note_hit, tag_counts, top
from reader.core.search.refreshing import RESAVE_AFTER, RefreshMixin
from reader.core.search.scores import TermScores
from reader.core.search.tables import ARTICLE_SCORED, NOTE_SCORED, Articles, Notes
from reader.core.store.layout import Layout
from reader.core.store.library import Library

if TYPE_CHECKING:
    from reader.core.entities.joins import Joins

__all__ = ["Hit", "SearchIndex", "SearchResult"]
# The results of the last few queries are kept until the next change: typing, going back
# to the Notes screen and the side panel's saved-search counts repeat the same queries.
MEMO_RESULTS, MEMO_HITS = 32, 200


class SearchIndex(RefreshMixin):
    def __init__(
        self, layout: Layout, notes: Notes | None = None, articles: Articles | None = None,
        vocabulary: Vocabulary | None = None, signatures: cache.Signatures | None = None,
        notes_of: Callable[[], dict[int, set[int]]] | None = None,
    ) -> None:
        self.layout = layout
        self.notes = notes or Notes()
        self.articles = articles or Articles()
        self.vocabulary = vocabulary or Vocabulary()
        self._sigs: cache.Signatures = signatures or {}
        self._more_sigs: Callable[[], cache.Signatures] | None = None  # the analyses', read on need
        self._groups: dict[int, set[int]] | None = None  # article number -> its live notes
        self._make_groups = notes_of or self._group_notes
        self._library: Library | None = None  # to rebuild from, should the cache prove damaged
        self._mentions: Mentions | Saved | None = None
        self._saved_names: Packed | None = None  # the cache holding this state's name index, if any
        self.names_unsaved = False  # a name index was computed that the cache does not hold
        self._joins: Joins | None = None
        self._newest: tuple[list[int], list[int]] | None = None  # notes, articles: newest first
        self._all_tags: tuple[dict[str, int], dict[str, int]] | None = None  # facets of everything
        self._sets: dict[str, set[int]] = {}  # has:note, color:N, is:X over all notes
        self._days: tuple[list[int], list[int]] | None = None  # notes newest first, -day of each
        self._by_tag: dict[str, set[int]] | None = None  # tag -> its live notes, for facets
        self._column_facets: dict[str, dict[str, int]] = {}  # facets of a pure has:/color:/is:
        self._parts: dict[bool, TermScores] = {}  # articles mode? -> each word's BM25 parts
        self._results: dict[tuple, SearchResult] = {}  # recent queries' results, oldest first
        self.generation = 0  # counts changes to the documents: a result holds while it stays

    def _changed(self) -> None:
        """Forget what is derived from the documents (the name index, orders, norms, memos)."""
        self.generation += 1
        self._mentions = None
        self._saved_names = None
        self.names_unsaved = False
        self._joins = None
        self._newest = None
        self._days = None
        self._by_tag = None
        self.forget_memos()

    def forget_memos(self) -> None:
        """Forget what earlier queries left to reuse: their results, each word's BM25 parts, the
        has:/color:/is: sets and their facets, the empty query's facets. The next query computes what it needs
        (bench/search.py times queries this way, as if their words were new)."""
        self._all_tags = None
        self._sets = {}
        self._column_facets = {}
        self._parts = {}
        self._results = {}

    # -- loading --------------------------------------------------------------------------

    @property
    def _signatures(self) -> cache.Signatures:
        """The signature of every file the index was read from (the analyses' read from the
        cache only now: a search whose library did not change never needs them)."""
        if self._more_sigs is not None:
            more, self._more_sigs = self._more_sigs, None
            self._sigs.update(more())
        return self._sigs

    @property
    def _notes_of(self) -> dict[int, set[int]]:
        """Article number -> its live notes, made when first needed (few searches need it)."""
        if self._groups is None:
            self._groups = self._make_groups()
        return self._groups

    def _group_notes(self) -> dict[int, set[int]]:
        groups: dict[int, set[int]] = {}
        article = self.notes.article
        for n in self.notes.live:
            groups.setdefault(article[n], set()).add(n)
        return groups

    @classmethod
    def build(cls, library: Library, *, use_cache: bool = True) -> SearchIndex:
        """The index of a library: from the cache plus what changed, else from the files.

        The cache is written again only when rewriting it costs less than what the next
        process would redo without it: after a full build or a re-read of the articles,
        or once many files changed (a few edited notes are re-read quicker than 100 MB
        of cache is written)."""
        path = cache.cache_path(library.layout)
        index = cls._from_cache(library.layout, cache.load(path)) if use_cache else None
        if index is not None and len(index.notes.ids) > 4 * max(1, len(index.notes.live)) // 3:
            index = None  # over a quarter of its note numbers are old versions: start afresh
        fresh = index is None
        if index is None:
            index = cls(library.layout)
        index._library = library
        try:
            changed = index.refresh(library)
        except CacheDamaged:
            return cls.build(library, use_cache=False)
        if fresh or changed >= RESAVE_AFTER:
            index.save_cache()
        return index

    @classmethod
    def _from_cache(cls, layout: Layout, packed: Packed | None) -> SearchIndex | None:
        if packed is None:
            return None
        try:
            notes, articles, vocabulary, signatures, more = cache.restore(packed)
        except (KeyError, TypeError, ValueError, IndexError, AttributeError, OverflowError, EOFError):
            return None  # a cache of the wrong shape: rebuild, never an error
        index = cls(layout, notes, articles, vocabulary, signatures, lambda: cache.Groups(packed))
        index._more_sigs = more
        index._saved_names = packed
        return index

    def save_cache(self) -> None:
        """Write the cache now (the app may call this on exit so the next start is quick)."""
        kept = self._mentions
        names = None
        if isinstance(kept, Saved):
            names = kept.plain, kept.sections()
        elif kept is not None:
            names = named.dump(kept, self.articles.aliases)
        try:
            cache.save(
                cache.cache_path(self.layout), self.notes, self.articles, self.vocabulary, self._signatures,
                self._notes_of, names,
            )
        except CacheDamaged:
            pass  # what was loaded cannot be copied: the next start rebuilds
        self.names_unsaved = False

    def _recover(self) -> bool:
        """Rebuild in place from the library after the cache proved damaged mid-search."""
        if self._library is None:
            return False
        fresh = SearchIndex.build(self._library, use_cache=False)
        self.__dict__.update(fresh.__dict__)
        self._changed()
        return True

    # -- changes made in this process ------------------------------------------------------

    def note_changed(self, annotation: Annotation, *, forget: bool = True) -> None:
        """A note was added or edited; `forget` False: the caller forgets what was derived
        once it is done (a refresh of 200,000 notes did that 200,000 times)."""
        a = self.articles.by_id.get(annotation.article_id)
        if a is None:
            return  # its article is not indexed (yet): refresh() picks the note up with it
        old = self.notes.by_id.get(annotation.id)
        if old is not None:
            self._notes_of.get(self.notes.article[old], set()).discard(old)
        n = self.notes.add(annotation, a, self.vocabulary)
        self._notes_of.setdefault(a, set()).add(n)
        if forget:
            self._changed()

    def note_removed(self, annotation_id: str) -> None:
        n = self.notes.remove(annotation_id)
        if n is not None:
            self._notes_of.get(self.notes.article[n], set()).discard(n)
            self._changed()

    def article_changed(self, article: Article) -> None:
        """An article's tags/star/read changed, or it was added (with its body, if loaded)."""
        self.articles.add(article, self.vocabulary)
        self._changed()

    def article_removed(self, article_id: str) -> None:
        a = self.articles.by_id.pop(article_id, None)
        if a is None:
            return
        self.articles.live.discard(a)
        for n in list(self._notes_of.pop(a, ())):
            self.notes.remove(self.notes.ids[n])
        self._changed()

    # -- searching --------------------------------------------------------------------------

    def search(
        self, query: str | Node | None, *, articles: bool = False, limit: int | None = 50, today: date | None = None,
    ) -> SearchResult:
        """Notes (or articles) matching a query, best first; None or "" lists all, newest first."""
        from reader.core.search.query import parse, unparse

        if isinstance(query, str):
            query = parse(query) if query.strip() else None
        today = today or date.today()
        key = (unparse(query) if query is not None else "", articles, limit, today)
        result = self._results.pop(key, None)  # re-inserted below: the dict's order is recency
        if result is None:
            try:
                result = self._search(query, articles, limit, today)
            except CacheDamaged:
                if not self._recover():
                    raise
                result = self._search(query, articles, limit, today)
        if len(result.hits) <= MEMO_HITS:
            self._results[key] = result
            while len(self._results) > MEMO_RESULTS:
                del self._results[next(iter(self._results))]
        return SearchResult(
            list(result.hits), result.total, dict(result.tag_counts), {k: list(v) for k, v in result.suggestions.items()},
        )

    def _search(self, query: Node | None, articles: bool, limit: int | None, today: date) -> SearchResult:
        def groups() -> dict[int, set[int]]:
            return self._notes_of

        evaluator = Evaluator(
            self.notes, self.articles, self.vocabulary, groups,
            self._mentions_index, articles, today, self._sets, self._newest_days,
        )
        matched = evaluator.run(query)
        found = evaluator.found
        notes, table = self.notes, self.articles
        if articles:
            recency = list(zip(table.day, table.added))
            bonus: dict[int, float] = {}
            for terms in found.terms:
                for a in matched:
                    if not terms.isdisjoint(table.tag_terms[a]):
                        bonus[a] = bonus.get(a, 0.0) + TAG_WEIGHT
            scored = bm25(matched, found, self._term_scores(True), bonus)
            ranked = top(matched, scored, recency, lambda: self._newest_first()[1], limit)
            hits = [article_hit(table, a, score, found.marked) for a, score in ranked]
        else:
            scored = bm25(matched, found, self._term_scores(False))
            ranked = top(matched, scored, notes.created, lambda: self._newest_first()[0], limit)
            hits = [note_hit(notes, table, d, score, found.marked) for d, score in ranked]
        if query is None:
            if self._all_tags is None:
                self._all_tags = (  # both kinds at once, whichever was asked: `matched` is not used
                    tag_counts(set(notes.live), notes, table, False, groups),
                    tag_counts(set(table.live), notes, table, True, groups),
                )
            facets = dict(self._all_tags[1 if articles else 0])
        elif not articles and (column := evaluator.column(matched)) is not None:
            if column not in self._column_facets:
                self._column_facets[column] = tag_counts(matched, notes, table, articles, groups, self._tag_sets)
            facets = dict(self._column_facets[column])
        else:
            facets = tag_counts(matched, notes, table, articles, groups, self._tag_sets)
        return SearchResult(
            hits=hits,
            total=len(matched),
            tag_counts=facets,
            suggestions={**{word: self.vocabulary.near(word) for word in found.missing}, **found.near_fields},
        )

    def _tag_sets(self) -> dict[str, set[int]]:
        """Tag -> the live notes that carry it, on themselves or through their article."""
        if self._by_tag is None:
            live = self.notes.live
            by_tag = {tag: live.intersection(numbers) for tag, numbers in self.notes.by_tag.items()}
            for a in self.articles.live:
                for tag in self.articles.tags[a]:
                    by_tag.setdefault(tag, set()).update(self._notes_of.get(a, ()))
            self._by_tag = by_tag
        return self._by_tag

    def _newest_days(self) -> tuple[list[int], list[int]]:
        if self._days is None:
            order = self._newest_first()[0]
            self._days = (order, [-day for day in map(self.notes.day.__getitem__, order)])
        return self._days

    def _mentions_index(self) -> Mentions | Saved:
        """Where each entity is named and quoted: from the cache if it holds this state's,
        else worked out (and `names_unsaved` says the cache is worth writing again)."""
        if self._mentions is None and self._saved_names is not None:
            self._mentions = named.load(self._saved_names, self.articles.aliases)
        if self._mentions is None:
            self._mentions = Mentions.of(self.articles, self.joins())
            self.names_unsaved = True
        return self._mentions

    def joins(self) -> Joins:
        """Which stored names are one entity, and each entity's type (`entities.joins`),
        computed once per state of the index and the user's merges."""
        if self._joins is None:
            from reader.core.entities.joins import compute

            self._joins = compute(self.articles, self.articles.aliases)
        return self._joins

    def _term_scores(self, articles: bool) -> TermScores:
        """Each word's BM25 part per document, for notes or articles, kept until a change."""
        parts = self._parts.get(articles)
        if parts is None:
            table = self.articles if articles else self.notes
            names = ARTICLE_SCORED if articles else NOTE_SCORED
            fields = [table.fields[name] for name in names]
            parts = self._parts[articles] = TermScores(fields, table.length, table.total_length)
        return parts

    def _newest_first(self) -> tuple[list[int], list[int]]:
        if self._newest is None:
            notes, articles = self.notes, self.articles
            self._newest = (
                sorted(notes.live, key=notes.created.__getitem__, reverse=True),
                sorted(articles.live, key=lambda a: (articles.day[a], articles.added[a], a), reverse=True),
            )
        return self._newest
