"""Evaluate a parsed query against the index: the set of matching documents.

Every node narrows a candidate set (`within`) instead of building its full match and
intersecting afterwards: in `rubio since:7d color:2` the word is looked up once, and the
per-document checks (dates, colours, states) only run over what the word left. While
walking the tree it records what ranking and highlighting need: each positive query
word's matched terms, passage matches of names to boost, and words that matched nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping
from itertools import compress, count, repeat
from operator import eq, ge, le
from dataclasses import dataclass, field
from datetime import date

from reader.core.model import ENTITY_TYPES
from reader.core.search.fields import ARTICLE_DEFAULT_FIELDS, FIELDS, NOTE_DEFAULT_FIELDS
from reader.core.search.hints import field_term, near_names
from reader.core.search.mentions import Mentions, in_passage
from reader.core.search.nodes import And, Filter, Node, Not, Or, Phrase, Term
from reader.core.search.postings import Vocabulary
from reader.core.search.tables import Articles, Notes
from reader.core.search.text import fold, words

PASSAGE_BOOST = 2.0  # a name or speaker inside the passage, over one elsewhere in the article
__all__ = ["Evaluator", "Found", "Mentions", "PASSAGE_BOOST"]
_ORDER = {Term: 0, Phrase: 1, Or: 2, And: 2, Filter: 3, Not: 4}
_PREDICATES = frozenset({"color", "has", "is", "date"})


@dataclass
class Found:
    """What the evaluation learnt besides the matching set."""

    terms: list[set[str]] = field(default_factory=list)  # one per positive query word
    marked: set[str] = field(default_factory=set)  # every positive matched term
    missing: list[str] = field(default_factory=list)  # positive words (of no field) that matched no term
    near_fields: dict[str, list[str]] = field(default_factory=dict)  # "tag:irak" on no tag -> ["tag:iraq"]
    boost: dict[int, float] = field(default_factory=dict)


@dataclass
class Evaluator:
    notes: Notes
    articles: Articles
    vocabulary: Vocabulary
    groups: Callable[[], Mapping[int, set[int]]]  # article number -> its live notes, made on first use
    mentions: Callable[[], Mentions]  # built on first use: most queries name nobody
    articles_mode: bool
    today: date
    # sets that depend only on the index's contents (has:note, color:N...), kept by the
    # index until its next change, and every note newest first with their days
    cached: dict[str, set[int]] = field(default_factory=dict)
    newest: Callable[[], tuple[list[int], list[int]]] | None = None
    found: Found = field(default_factory=Found)

    @property
    def notes_of(self) -> Mapping[int, set[int]]:
        return self.groups()

    def _column(self, key: str, flags: Callable[[], Iterable[object]]) -> set[int]:
        """The live notes whose flag is set, computed once per index state under `key`."""
        found = self.cached.get(key)
        if found is None:
            found = _where(flags())
            if not _all_live(self.notes):  # a flag of a removed or replaced note is no match
                found &= self.notes.live
            self.cached[key] = found
        return found

    def universe(self) -> set[int]:
        """Every live document: the table's own set, never modified by the evaluation."""
        return self.articles.live if self.articles_mode else self.notes.live

    def run(self, node: Node | None) -> set[int]:
        """The matching documents; never mutate the result (it may be a shared set)."""
        within = self.universe()
        return within if node is None else self.eval(node, within, True)

    def column(self, matched: set[int]) -> str | None:
        """The key of the cached column set that *is* the result (a pure has:/color:/is:
        query), so what is derived from it alone (its facets) can be kept with it."""
        return next((key for key, found in self.cached.items() if found is matched), None)

    def _narrow(self, within: set[int], wanted: set[int]) -> set[int]:
        """`within & wanted`, skipping the intersection when `within` is everything."""
        return wanted if within is self.universe() else within & wanted

    def _narrow_docs(self, within: set[int], docs: set[int]) -> set[int]:
        """`within & docs` for a fresh set read from the postings, which may name removed
        or replaced documents: just `docs` when `within` is everything and nothing was
        removed (the usual case), saving a pass that probes the whole library's set."""
        if within is self.universe() and _all_live(self.articles if self.articles_mode else self.notes):
            return docs
        return within & docs

    def eval(self, node: Node, within: set[int], positive: bool) -> set[int]:
        if isinstance(node, And):
            ordered = sorted(node.operands, key=self._cost)
            for operand in ordered:
                within = self.eval(operand, within, positive)
            return within
        if isinstance(node, Or):
            found: set[int] = set()
            for operand in node.operands:
                found |= self.eval(operand, within, positive)
            return found
        if isinstance(node, Not):
            return within - self.eval(node.operand, within, not positive)
        if isinstance(node, Term):
            return self._term(node, within, positive)
        if isinstance(node, Phrase):
            return self._phrase(node, within, positive)
        if isinstance(node, Filter):
            return self._filter(node, within, positive)
        raise TypeError(f"not a query node: {node!r}")

    def _cost(self, node: Node) -> int:
        if isinstance(node, Filter):
            spec = FIELDS.get(node.field)
            return 4 if spec is not None and spec.kind in _PREDICATES else 3
        return _ORDER.get(type(node), 2)

    # -- words ------------------------------------------------------------------------------

    def _expand(self, word: str, positive: bool) -> set[str]:
        return self._record(word, self.vocabulary.expand(word), positive)

    def _exact(self, word: str, positive: bool) -> set[str]:
        return self._record(word, {word} if word in self.vocabulary else set(), positive)

    def _record(self, word: str, terms: set[str], positive: bool) -> set[str]:
        """Keep what a positive word matched: for ranking, marks and "did you mean"."""
        if positive:
            self.found.terms.append(terms)
            self.found.marked |= terms
            if not terms:
                self.found.missing.append(word)
        return terms

    def _term(self, node: Term, within: set[int], positive: bool) -> set[int]:
        if node.field is not None and FIELDS.get(node.field) is not None and FIELDS[node.field].kind != "text":
            return self._filter(Filter(node.field, node.text, node.position, node.length), within, positive)
        missed = len(self.found.missing)
        for word in words(node.text):
            within = self._narrow_docs(within, self._docs(node.field, self._expand(word, positive)))
        if node.field is not None:  # "title:negotiashuns": a whole term back, "title:negotiations"
            for word in self.found.missing[missed:]:
                self.found.near_fields[field_term(node.field, word)] = [
                    field_term(node.field, near) for near in self.vocabulary.near(word)
                ]
            del self.found.missing[missed:]
        return within

    def _phrase(self, node: Phrase, within: set[int], positive: bool) -> set[int]:
        """Exactly these words side by side within one field (case and accents aside: no
        prefix or stem, that is what the quotes ask for): candidates have every word in that
        field, then the field's text is checked (an article's title once, not per note)."""
        phrase = words(node.text)
        sequence = [self._exact(word, positive) for word in phrase]
        if not sequence:
            return within
        pattern = _phrase_pattern(phrase)
        if node.field is not None:
            names: tuple[str, ...] = (node.field,)
        else:
            names = ARTICLE_DEFAULT_FIELDS if self.articles_mode else NOTE_DEFAULT_FIELDS
        found: set[int] = set()
        for name in names:
            found |= self._phrase_in(name, sequence, pattern, within, found)
        return found

    def _phrase_in(
        self, name: str, sequence: list[set[str]], pattern: re.Pattern[str], within: set[int], known: set[int],
    ) -> set[int]:
        """The documents of `within` with the phrase in field `name`; texts of those already
        `known` to match are not checked again (`within - known` would copy the library)."""
        articles = self.articles
        article_level = name in articles.fields and (self.articles_mode or name != "tag")
        if article_level:
            candidates = articles.live
            for terms in sequence:
                candidates = candidates & articles.fields[name].matching(terms)
            column = getattr(articles, name)
            hits = {a for a in candidates if len(sequence) == 1 or pattern.search(fold(column[a]))}
            return within & (hits if self.articles_mode else self._notes_in(hits))
        candidates = within
        for terms in sequence:
            candidates = self._narrow_docs(candidates, self._docs(name, terms))
        if len(sequence) == 1:
            return candidates
        return {d for d in candidates - known if any(pattern.search(fold(t)) for t in self._texts(name, d))}

    def _docs(self, name: str | None, terms: set[str]) -> set[int]:
        """Documents with any of `terms` in field `name` (None: the default fields)."""
        if not terms:
            return set()
        if name is None:
            defaults = ARTICLE_DEFAULT_FIELDS if self.articles_mode else NOTE_DEFAULT_FIELDS
            found: set[int] = set()
            for each in defaults:
                found |= self._docs(each, terms)
            return found
        notes, articles = self.notes, self.articles
        if self.articles_mode:
            if name in articles.fields:
                return articles.fields[name].matching(terms)
            if name == "tag":
                return {a for a in self._tagged_articles() if not terms.isdisjoint(articles.tag_terms[a])}
            if name in notes.fields:
                return {notes.article[d] for d in notes.fields[name].matching(terms) if d in notes.live}
            return set()
        if name in ("note", "quote"):
            return notes.fields[name].matching(terms)
        if name == "tag":
            tagged = {a for a in self._tagged_articles() if not terms.isdisjoint(articles.tag_terms[a])}
            return notes.fields["tag"].matching(terms) | self._notes_in(tagged)
        if name in articles.fields:
            return self._notes_in(articles.fields[name].matching(terms))
        return set()

    def _texts(self, name: str | None, d: int) -> Iterable[str]:
        """The texts of a document a phrase may sit in (checked one by one: no crossing)."""
        if name is None:
            for each in ARTICLE_DEFAULT_FIELDS if self.articles_mode else NOTE_DEFAULT_FIELDS:
                yield from self._texts(each, d)
            return
        notes, articles = self.notes, self.articles
        if self.articles_mode:
            if name in ("title", "text", "source", "author"):
                yield getattr(articles, name)[d]
            elif name == "tag":
                yield from (t.replace("-", " ") for t in articles.tags[d])
            elif name in ("note", "quote"):
                yield from (getattr(notes, name)[n] for n in self.notes_of.get(d, ()))
            return
        if name in ("note", "quote"):
            yield getattr(notes, name)[d]
        elif name == "tag":
            yield from (t.replace("-", " ") for t in notes.tags[d] + articles.tags[notes.article[d]])
        elif name in ("title", "text", "source", "author"):
            yield getattr(articles, name)[notes.article[d]]

    def _tagged_articles(self) -> set[int]:
        """The live articles with any tag: most have none, so tag look-ups skip them."""
        found = self.cached.get("articles:tagged")
        if found is None:
            tags = self.articles.tags
            found = self.cached["articles:tagged"] = {a for a in self.articles.live if tags[a]}
        return found

    def _notes_in(self, article_numbers: Iterable[int]) -> set[int]:
        found: set[int] = set()
        for a in article_numbers:
            found.update(self.notes_of.get(a, ()))
        return found

    # -- filters ----------------------------------------------------------------------------

    def _filter(self, node: Filter, within: set[int], positive: bool) -> set[int]:
        spec = FIELDS.get(node.field)
        if spec is None:
            return set()
        if spec.kind == "text":
            return self._term(Term(node.value, node.field, node.position, node.length), within, positive)
        if spec.kind == "tag":
            prefix = fold(node.value).lstrip("#")
            tagged = self._tagged(prefix)
            if not tagged and positive and prefix:  # no tag starts so: "did you mean" as for a word
                self.found.near_fields[f"tag:{prefix}"] = [f"tag:{tag}" for tag in self._close_tags(prefix)]
            return within & tagged
        if spec.kind in ("entity", "speaker"):
            return self._named(node.field, spec.kind, spec.entity_types, node.value, within, positive)
        notes, articles = self.notes, self.articles
        if spec.kind == "date":
            from reader.core.search.when import parse_when

            day = parse_when(node.value, self.today, end=node.field == "until").toordinal()
            if self.articles_mode or self.newest is None:
                days = articles.day if self.articles_mode else notes.day
                return within & _where(map(le if node.field == "until" else ge, days, repeat(day)))
            order, negated_days = self.newest()  # notes newest first, and -day of each
            if node.field == "until":
                return self._narrow(within, set(order[bisect_left(negated_days, -day) :]))
            return self._narrow(within, set(order[: bisect_right(negated_days, -day)]))
        if spec.kind == "is":
            value = node.value.lower()
            if self.articles_mode:
                return within & self._state(value)
            flags = lambda: map(self._state(value).__contains__, notes.article)  # noqa: E731
            return self._narrow(within, self._column(f"is:{value}", flags))
        if spec.kind in ("color", "has"):
            if spec.kind == "color":
                try:
                    color = int(node.value)
                except ValueError:
                    return set()
                wanted = self._column(f"color:{color}", lambda: map(eq, notes.color, repeat(color)))
            elif node.value.lower() == "note":
                wanted = self._column("has:note", lambda: notes.has_note)
            else:
                return set()
            if not self.articles_mode:
                return self._narrow(within, wanted)
            return within & {notes.article[n] for n in wanted}
        return set()

    def _state(self, value: str) -> set[int]:
        articles = self.articles
        if value == "unread":
            return {a for a in articles.live if not articles.read[a]}
        if value == "read":
            return {a for a in articles.live if articles.read[a]}
        if value == "starred":
            return {a for a in articles.live if articles.starred[a]}
        if value == "annotated":
            return {a for a in articles.live if self.notes_of.get(a)}
        return set()

    def _close_tags(self, typed: str, n: int = 3) -> list[str]:
        """The library's tags a mistyped one most likely meant (the words' measure: difflib)."""
        from difflib import get_close_matches

        in_use = set(self.notes.by_tag) | {tag for tags in self.articles.tags for tag in tags}
        return get_close_matches(typed, sorted(in_use), n=n, cutoff=0.7)

    def _tagged(self, prefix: str) -> set[int]:
        """tag:x — a tag starting with x, on the note or its article (articles: or their notes)."""
        notes, articles = self.notes, self.articles
        tags = articles.tags
        tagged_articles = {a for a in self._tagged_articles() if any(t.startswith(prefix) for t in tags[a])}
        tagged_notes: set[int] = set()
        for tag, numbers in notes.by_tag.items():
            if tag.startswith(prefix):
                tagged_notes.update(numbers)
        tagged_notes &= notes.live
        if self.articles_mode:
            return tagged_articles | {notes.article[n] for n in tagged_notes}
        return tagged_notes | self._notes_in(tagged_articles)

    def _named(self, name: str, kind: str, types: tuple[str, ...], value: str, within: set[int],
               positive: bool) -> set[int]:
        """person:/place:/org:/entity: a name whose words the value's words begin, of the
        type the library decided for it, in the passage or its article; said-by: a note
        whose passage overlaps a quote by it (an article: one with such a quote)."""
        wanted = words(value)
        if not wanted:
            return set()
        mentions = self.mentions()
        spans = self._spans(kind, types, mentions.names(wanted))
        if not spans and positive:  # no such name: "did you mean" as whole terms ('said-by:onwurah')
            close = near_names(mentions, wanted, lambda names: bool(self._spans(kind, types, names)))
            self.found.near_fields[field_term(name, " ".join(wanted))] = [field_term(name, v) for v in close]
        if self.articles_mode:
            return within & spans.keys()
        notes = self.notes
        found = within & self._notes_in(spans)
        if kind == "speaker":  # the quote itself, not its article: a note on a caption is no quote
            return set(in_passage(True, spans, found, notes))
        if not positive or not found:
            return found
        # Rank a note whose passage holds the name higher.
        boost = self.found.boost
        for d in in_passage(False, spans, found, notes):
            boost[d] = boost.get(d, 0.0) + PASSAGE_BOOST
        return found

    def _spans(self, kind: str, types: tuple[str, ...], names: Iterable[str]) -> dict[int, list[tuple[int, int]]]:
        """Article -> the spans of these names there: their quotes (said-by:) or their
        mentions where the library decided they are of one of `types`."""
        mentions = self.mentions()
        type_numbers = {ENTITY_TYPES.index(t) for t in types}  # type: ignore[arg-type]
        spans: dict[int, list[tuple[int, int]]] = {}
        for name in names:
            if kind == "speaker":
                found_in = mentions.speakers.get(name, ())
            elif mentions.types.get(name) in type_numbers:
                found_in = mentions.entities.get(name, ())
            else:
                continue
            for a, start, end in found_in:
                spans.setdefault(a, []).append((start, end))
        return spans


def _all_live(table: Articles | Notes) -> bool:
    """No document of the table was removed or replaced: its live set is every number."""
    return len(table.live) == len(table.ids)


def _where(flags: Iterable[object]) -> set[int]:
    """The numbers of the documents whose flag is true: a C-speed scan of a column."""
    return set(compress(count(), flags))


def _phrase_pattern(phrase: list[str]) -> re.Pattern[str]:
    """The phrase's words, whole and side by side, in folded text."""
    return re.compile(r"(?<![^\W_])" + r"[\W_]+".join(map(re.escape, phrase)) + r"(?![^\W_])")
