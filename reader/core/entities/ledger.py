"""The entity ledger: every person, place and organisation across the library, with the
articles that mention each, the quotes each said, and the user's notes about each.

It is built from the search index (which already holds every article's entity mentions,
quote speakers and text, loaded from its cache), never from the analysis files one by one:
only an entity's page reads the few stored analyses that hold its quotes' wording.

Names are joined across the library automatically (`joins`: "Blair" where the article
means Tony Blair, "Tories" and "Conservative Party", "George Bush" and "George W Bush").
The user's merges and splits are aliases kept in library.json (`Library.aliases`): name ->
the name it joins, or -> itself to keep it apart from an automatic join. They are applied
over the automatic joins when names are read, so they hold for articles added later, and
an unmerge (`Library.remove_alias`) restores what was there before.

A note is about an entity when a mention of it lies inside (overlaps) the note's passage,
when the note's text names it (any of its spellings, as whole words), or when its passage
overlaps a quote the entity said.

This module holds the ledger and decides when to compute it again; the work is done
next to it: `entries` (the pass over the index, and the cached rows), `pages` (an
entity's page), `related` (tf-idf related articles), `results` (the records handed out).
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.core.entities import cache, pages, related
from reader.core.entities import names as naming
from reader.core.entities.entries import (
    Entry,
    article_count,
    compute_entries,
    entry_from_plain,
    entry_to_plain,
    sound,
)
from reader.core.entities.people import SHORT_RATIO
from reader.core.entities.related import DATE
from reader.core.entities.results import ArticleRef, EntityPage, EntitySummary, QuoteRef, summary
from reader.core.model import ENTITY_TYPES, Quote
from reader.core.search.index import SearchIndex
from reader.core.store.library import Library

__all__ = ["DATE", "PER", "ArticleRef", "EntityPage", "EntitySummary", "Ledger", "QuoteRef"]

PER = ENTITY_TYPES.index("PER")


class Ledger:
    def __init__(self, library: Library, index: SearchIndex) -> None:
        self.library = library
        self.index = index
        self.aliases: dict[str, str] = {}
        self._entries: dict[str, Entry | tuple] = {}  # a tuple: as read from the cache, not yet decoded
        self._summaries: tuple[EntitySummary, ...] | None = None
        self._vectors: dict[int, dict[str, float]] | None = None
        self._norms: dict[int, float] = {}
        self._holders: dict[str, dict[int, int]] = {}  # entity -> its articles, for related()
        self._quote_cache: dict[str, tuple[Quote, ...]] = {}
        self._spellings: dict[str, str] = {}  # a name joined into another entity -> that entity
        self._stamp: tuple[int, ...] = ()

    # -- building ---------------------------------------------------------------------------

    @classmethod
    def build(cls, library: Library, index: SearchIndex | None = None) -> Ledger:
        ledger = cls(library, index if index is not None else SearchIndex.build(library))
        ledger.aliases = ledger.index.articles.aliases
        ledger._compute()
        return ledger

    def refresh(self, library: Library) -> None:
        """Pick up what changed: articles, analyses, notes (on disk or through the index), merges."""
        self.library = library
        changed = self.index.refresh(library)
        aliases = self.index.articles.aliases  # read from library.json with the articles
        if changed:
            self._quote_cache.clear()
        if changed or aliases != self.aliases or self._index_stamp() != self._stamp:
            self.aliases = aliases
            self._compute()

    def _index_stamp(self) -> tuple[int, ...]:
        notes, articles = self.index.notes, self.index.articles
        return (len(notes.ids), len(notes.live), len(articles.ids), len(articles.live), len(articles.names))

    def _compute(self) -> None:
        key = cache.state_key(self.index, self.aliases)
        path = cache.cache_path(self.index)
        stored, spellings = cache.load(path, key)
        self._vectors = None
        self._norms = {}
        self._holders = {}
        self._stamp = self._index_stamp()
        if stored is not None and sound(stored):
            # summaries as saved (in order); each entry decoded when first asked for
            self._entries = {row[0]: row for row in stored}  # type: ignore[misc]
            self._spellings = spellings
            self._summaries = tuple(
                summary(name, ENTITY_TYPES[kind], articles, mentions, quotes, notes)
                for name, kind, articles, mentions, quotes, notes, _pairs, _detail in stored
            )
            return
        self._entries = compute_entries(self.index)  # type: ignore[assignment]
        self._spellings = _joined_spellings(self._entries)  # type: ignore[arg-type]
        self._summaries = None
        summaries = self.summaries()  # sorted once here, so the Entities screen opens on a ready list
        rows = [entry_to_plain(self._entries[s.name]) for s in summaries]  # type: ignore[arg-type]
        cache.save(path, key, rows, self._spellings)

    def _full(self, name: str) -> Entry:
        e = self._entries[name]
        if isinstance(e, tuple):
            e = self._entries[name] = entry_from_plain(e)
        return e

    # -- reading ----------------------------------------------------------------------------

    def summaries(self) -> tuple[EntitySummary, ...]:
        """Every entity, grouped by type (ENTITY_TYPES order), most articles first.

        The same tuple until something changes, so a screen can tell it has nothing to redo."""
        if self._summaries is None:
            rows = [
                summary(e.name, e.type, len(e.articles), e.mentions, len(e.quotes), len(e.notes))
                for e in self._entries.values()
            ]
            order = {t: i for i, t in enumerate(ENTITY_TYPES)}
            rows.sort(key=lambda s: (order[s.type], -s.articles, -s.mentions, -s.quotes, s.name))
            self._summaries = tuple(rows)
        return self._summaries

    def find(self, name: str, *, guess: bool = True) -> str | None:
        """The canonical name for a user's spelling, or None (unknown or ambiguous). With
        `guess`, a spelling several names share means the one in `SHORT_RATIO` times as
        many articles as any other ("blair": Tony Blair, not Cherie Blair or Blair Babes),
        as a short form in an article joins the full name the library makes clear."""
        target, candidates = self._find(name)
        if target is None and guess and candidates:
            return self._dominant(candidates)
        return target

    def articles_of(self, name: str) -> int:
        """How many articles name the entity (a canonical name from `find` or `candidates`)."""
        return article_count(self._entries[name])

    def candidates(self, name: str) -> list[str]:
        """The names an ambiguous spelling could mean, in the most articles first."""
        return sorted(self._find(name)[1], key=lambda c: (-article_count(self._entries[c]), c))

    def find_speaker(self, name: str) -> tuple[str | None, list[str]]:
        """`find` among the entities with quotes (`reader quotes --by`), as `said-by:` matches
        only quotes: a name that said nothing is no candidate ("may" is Theresa May, not a
        winery named Mayschoss). None and the quoted names it could mean when ambiguous; when
        no quoted name matches, what `find` gives (so a name without quotes says "no quotes")."""
        quoted = {s.name for s in self.summaries() if s.quotes}
        target, candidates = naming.find(name, quoted, {**self._spellings, **self.aliases})
        if target in quoted:
            return target, []
        candidates = sorted(candidates, key=lambda c: (-article_count(self._entries[c]), c))
        if len(candidates) > 1:
            return self._dominant(candidates), candidates
        return self.find(name), self.candidates(name)

    def _find(self, name: str) -> tuple[str | None, list[str]]:
        if name in self._entries:
            return name, []
        target, candidates = naming.find(name, self._entries, {**self._spellings, **self.aliases})
        if target is not None and target not in self._entries:
            return None, []
        return target, candidates

    def _dominant(self, candidates: list[str]) -> str | None:
        counts = sorted((article_count(self._entries[c]), c) for c in candidates)
        (second, _), (first, name) = counts[-2], counts[-1]
        return name if first >= SHORT_RATIO * max(second, 1) else None

    def suggestions(self, name: str, n: int = 3) -> list[str]:
        """Names a spelling might have meant: the ambiguous matches first, then close spellings."""
        found = self.candidates(name)[:n]
        for close in naming.close(name, self._entries, n):
            if close not in found and len(found) < n:
                found.append(close)
        return found

    def _entry(self, name: str) -> Entry:
        if name not in self._entries:
            canonical = self.find(name)
            if canonical is None:
                raise KeyError(f"no entity named {name}")
            name = canonical
        return self._full(name)

    def page(self, name: str, *, stored_notes: bool = False) -> EntityPage:
        """Articles newest first, quotes by the entity newest first, notes about it newest first.

        The notes come from the search index's columns (no note file is read); their anchor
        is "exact", or "orphan" when the passage no longer stands at its offsets. With
        `stored_notes` they are read from the library as stored (the CLI's JSON).
        """
        e = self._entry(name)
        return pages.page(e, self.index, self.library, self._quote_cache, stored_notes=stored_notes)

    # -- related articles -------------------------------------------------------------------

    def _weights(self) -> dict[int, dict[str, float]]:
        """The tf-idf vectors (`related.weights`), computed once per computing of the entries."""
        if self._vectors is None:
            self._vectors, self._norms, self._holders = related.weights(self.index, self._entries)
        return self._vectors

    def related(self, article_id: str, limit: int = 10) -> list[tuple[ArticleRef, float]]:
        """The articles sharing the most (weighted) entities with this one, best first.

        Cosine similarity of tf-idf vectors over entity mentions (idf over articles, DATE
        entities ignored); ties go to another outlet's article, then the newest. An
        ArticleRef's `mentions` here is how many entities the two articles share.
        """
        a = self.index.articles.by_id.get(article_id)
        vectors = self._weights()
        nearest = related.nearest(self.index, a, vectors, self._norms, self._holders, limit)
        return [(pages.article_ref(self.index, b, shared), score) for b, shared, score in nearest]

    # -- merging ------------------------------------------------------------------------------

    def merge(self, library: Library, names: Sequence[str], into: str) -> None:
        """Merge names into another for good (library.json), for every article now and later."""
        target = naming.canonical(into, self.aliases)
        mapping = {name: target for name in names if name != target}
        if not mapping:
            raise ValueError("nothing to merge: give names other than the one to merge into")
        library.save_aliases(mapping)
        self.refresh(library)

    def unmerge(self, library: Library, name: str) -> bool:
        """Undo a merge (or a split) of one name; False if it was neither."""
        removed = library.remove_alias(name)
        self.refresh(library)
        return removed

    def spellings(self) -> dict[str, str]:
        """Every name joined into another entity -> that entity: the analyser's joins
        ("Lib Dems" into Liberal Democrats) and the user's merges, followed to their end."""
        joined = dict(self._spellings)
        for name in self.aliases:
            if (target := naming.canonical(name, self.aliases)) != name:
                joined[name] = target
        return joined

    def joined_into(self, spelling: str) -> str | None:
        """The entity a name the library holds was joined into, automatically or by a merge
        (None: it is an entity of its own, or no name of the library)."""
        wanted = naming.key(spelling)
        for raw, entity in self._spellings.items():
            if naming.key(raw) == wanted and naming.key(entity) != wanted:
                return entity
        return None

    def split(self, library: Library, spelling: str) -> str | None:
        """Keep a name apart from the entity it was joined into, for good (stored like a
        merge, in library.json); the entity it left, or None if it was joined to none."""
        into = self.joined_into(spelling)
        if into is None:
            return None
        raw = next(r for r in self._spellings if naming.key(r) == naming.key(spelling))
        if self.aliases.get(raw, raw) != raw:
            library.remove_alias(raw)  # the user's own merge: undone
            self.refresh(library)
            if self.joined_into(raw) is None:
                return into
        library.keep_apart(raw)
        self.refresh(library)
        return into


def _joined_spellings(entries: dict[str, Entry]) -> dict[str, str]:
    """Each stored name that counts as another entity -> that entity (the one with most of
    its mentions when the articles disagree)."""
    best: dict[str, tuple[int, str]] = {}
    for e in entries.values():
        for spelling in e.spellings:
            if spelling != e.name:
                weight = e.mentions + len(e.quotes)
                if spelling not in best or weight > best[spelling][0]:
                    best[spelling] = (weight, e.name)
    return {spelling: name for spelling, (_w, name) in best.items()}
