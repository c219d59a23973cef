"""The search index against a brute-force reading of the query language, on a generated
library: every note tested one by one against each query's meaning (the words a query word
matches, phrases in one field, tags, colours, dates, states), and the index as built,
as loaded from its cache, and as brought up to date after changes giving the same hits
in the same order with the same scores. The cache and the incremental updates are what
make search fast at 200,000 notes; this is what says they changed no result."""

from __future__ import annotations

import random
import re
from datetime import date, datetime, timedelta, timezone

import pytest

from reader.core.model import Analysis, Annotation, Article, Block, Entity, Selector
from reader.core.search.fields import FIELDS, NOTE_DEFAULT_FIELDS
from reader.core.search.index import SearchIndex
from reader.core.search.named import Saved
from reader.core.search.nodes import And, Filter, Not, Or, Phrase, Term
from reader.core.search.query import parse
from reader.core.search.text import fold, stem, words
from reader.core.search.when import parse_when
from reader.core.store import Library

TODAY = date(2025, 6, 30)
VOCABULARY = (
    "government minister ministers negotiations negotiating negotiated talks stalled stall economy "
    "growth growing inflation rates interest prime labour tories election vote voters music film "
    "café crème brûlée Zürich ÉCOLE naïve straße e-mail 30-day 2025 covid-19 ports trade traders"
).split()
TAGS = ("politics", "economy", "econ-watch", "follow-up", "check", "uk", "ukraine", "quote")
PEOPLE = ("Tony Blair", "Gordon Brown", "Marco Rubio")
QUERIES = (
    "government", "minist", "negotiat", "negotiations", "stall", "cafe", "CRÈME", "zurich", "ecole",
    "naive", "strasse", "e-mail", "30-day", "covid", "2025", '"prime minister"', '"interest rates"',
    '"brulee"', "election OR vote", "economy -growth", "-economy", "(talks OR trade) -stalled",
    "tag:follow-up", "tag:econ", "tag:uk", "-tag:check", "color:2", "has:note", "-has:note", "is:starred",
    "is:unread", "is:annotated", "since:30d", "until:2025-01", "since:2024-06 until:2024-12",
    "note:music", "quote:trade", "title:labour", 'title:"prime minister"', "source:daily", "author:jane",
    "tag:politics minister", "has:note color:3 since:90d", "minister -labour tag:check",
    'quote:"rates" OR note:film', "title:labour has:note is:starred", "zzzz", "govt", "rubio",
    "person:blair", "said-by:brown", "person:rubio tag:quote", "place:zurich", "entity:brown",
)


def article_text(rng: random.Random) -> list[str]:
    return [" ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(8, 20))).capitalize() + "."
            for _ in range(rng.randint(3, 6))]


def build_library(home, seed: int = 16) -> Library:
    rng = random.Random(seed)
    library = Library(home)
    articles = []
    for i in range(14):
        paras = article_text(rng)
        person = PEOPLE[i % len(PEOPLE)]
        paras.append(f"\u201cWe will not stall,\u201d said {person} in Zürich.")
        title = " ".join(rng.choice(VOCABULARY) for _ in range(4)).title() + f" {i}"
        article = Article.create(title, [Block("paragraph", p) for p in paras],
                                 source=rng.choice(("Daily Post", "Example Times")),
                                 author=rng.choice(("Jane Doe", "John Roe", None)),
                                 published=date(2024, 1, 1) + timedelta(days=rng.randrange(540)))
        library.add(article)
        articles.append(library.article(article.id))
        text = articles[-1].text
        at = text.index(person)
        place = text.index("Zürich")
        library.save_analysis(article.id, Analysis(version=1, entities=(
            Entity(at, at + len(person), "PER", person, person),
            Entity(place, place + 6, "LOC", "Zürich", "Zürich"),
        ), quotes=()))
        if rng.random() < 0.4:
            library.tag_article(article.id, add=rng.sample(TAGS, rng.randint(1, 2)))
        if rng.random() < 0.3:
            library.update_article(article.id, starred=True)
        if rng.random() < 0.5:
            library.update_article(article.id, read=True)
    notes = []
    end = datetime(2025, 6, 30, 12, tzinfo=timezone.utc)
    for i in range(260):
        article = rng.choice(articles[:-2])  # two articles keep no notes
        text = article.text
        spans = [m.span() for m in re.finditer(r"\S+", text)]
        first = rng.randrange(len(spans))
        last = min(len(spans) - 1, first + rng.randint(0, 6))
        start, stop = spans[first][0], spans[last][1]
        note = " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(1, 6))) if rng.random() < 0.7 else ""
        created = end - timedelta(seconds=rng.randrange(730 * 86400))
        notes.append(Annotation(
            id=f"{i:032x}", article_id=article.id, selector=Selector.at(text, start, stop), note=note,
            tags=rng.sample(TAGS, rng.choice((0, 0, 1, 2))), color=rng.randint(1, 5), created=created,
            updated=created,
        ))
    library.add_annotations(notes)
    return library


# -- the language, one note at a time --------------------------------------------------------------


class Brute:
    """What a query means for one note, read off the library's records directly."""

    def __init__(self, library: Library) -> None:
        self.articles = {a.id: library.article(a.id) for a in library.articles()}
        self.notes = library.annotations()
        self.vocabulary = set()
        for note in self.notes:
            self.vocabulary.update(words(note.note), words(note.quote))
        for article in self.articles.values():
            self.vocabulary.update(words(article.title), words(article.source or ""), words(article.author or ""),
                                   words(article.text), *(words(t) for t in article.tags))
        for note in self.notes:
            self.vocabulary.update(*(words(t) for t in note.tags))

    def texts(self, note: Annotation, field: str) -> list[str]:
        article = self.articles[note.article_id]
        if field == "note":
            return [note.note]
        if field == "quote":
            return [note.quote]
        if field == "tag":
            return [t.replace("-", " ") for t in (*note.tags, *article.tags)]
        return [getattr(article, field) or ""]

    def expand(self, word: str) -> set[str]:
        base = stem(word)
        return {t for t in self.vocabulary if t.startswith(word) or (len(base) > 3 and stem(t) == base)}

    def matches(self, node, note: Annotation) -> bool:
        if isinstance(node, And):
            return all(self.matches(n, note) for n in node.operands)
        if isinstance(node, Or):
            return any(self.matches(n, note) for n in node.operands)
        if isinstance(node, Not):
            return not self.matches(node.operand, note)
        fields = (node.field,) if getattr(node, "field", None) else NOTE_DEFAULT_FIELDS
        if isinstance(node, Term):
            found = {w for f in fields for t in self.texts(note, f) for w in words(t)}
            return all(found & self.expand(word) for word in words(node.text))
        if isinstance(node, Phrase):
            phrase = words(node.text)
            if any(w not in self.vocabulary for w in phrase):
                return False
            pattern = re.compile(r"(?<![^\W_])" + r"[\W_]+".join(map(re.escape, phrase)) + r"(?![^\W_])")
            for f in fields:
                texts = self.texts(note, f)
                if len(phrase) == 1:
                    if any(phrase[0] in words(t) for t in texts):
                        return True
                elif any(pattern.search(fold(t)) for t in texts):
                    return True
            return False
        assert isinstance(node, Filter)
        article = self.articles[note.article_id]
        kind = FIELDS[node.field].kind
        if kind == "tag":
            prefix = fold(node.value).lstrip("#")
            return any(t.startswith(prefix) for t in (*note.tags, *article.tags))
        if kind == "color":
            return note.color == int(node.value)
        if kind == "has":
            return bool(note.note.strip())
        if kind == "is":
            return {"starred": article.starred, "unread": not article.read, "read": article.read,
                    "annotated": True}[node.value]
        if kind == "date":
            day = parse_when(node.value, TODAY, end=node.field == "until")
            return note.created.date() <= day if node.field == "until" else note.created.date() >= day
        raise NotImplementedError(kind)

    def named(self, node) -> bool:
        """Whether the query asks for names (left to the index's name tests)."""
        if isinstance(node, (And, Or)):
            return any(self.named(n) for n in node.operands)
        if isinstance(node, Not):
            return self.named(node.operand)
        return isinstance(node, Filter) and FIELDS[node.field].kind in ("entity", "speaker")

    def search(self, query: str) -> set[str]:
        node = parse(query)
        return {note.id for note in self.notes if self.matches(node, note)}


def shown(result) -> list[tuple]:
    return [(h.id, h.score, h.title, h.date, h.quote, h.note, h.tags, h.marks, h.excerpt) for h in result.hits]


def same_results(one: SearchIndex, other: SearchIndex, ranked: bool = True) -> None:
    """The same hits; `ranked`: in the same order with the same scores too (an index kept up
    to date counts the old versions of edited notes in its BM25 statistics, as it always
    has, so only a new build or its cache scores exactly alike)."""
    for query in (*QUERIES, ""):
        for articles in (False, True):
            a = one.search(query, articles=articles, limit=None, today=TODAY)
            b = other.search(query, articles=articles, limit=None, today=TODAY)
            if ranked:
                assert shown(a) == shown(b), (query, articles)
            else:
                unscored = lambda result: sorted(row[:1] + row[2:] for row in shown(result))  # noqa: E731
                assert unscored(a) == unscored(b), (query, articles)
            assert (a.total, a.tag_counts, a.suggestions) == (b.total, b.tag_counts, b.suggestions), query


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    library = build_library(tmp_path_factory.mktemp("equivalence") / "home")
    yield library
    library.close()


def test_every_query_matches_what_it_means_note_by_note(library):
    index = SearchIndex.build(library, use_cache=False)
    brute = Brute(library)
    checked = 0
    for query in QUERIES:
        if brute.named(parse(query)):
            continue
        got = {h.id for h in index.search(query, limit=None, today=TODAY).hits}
        assert got == brute.search(query), query
        checked += bool(got)
    assert checked > 40  # most queries find something: the comparison says something


def test_the_index_from_its_cache_answers_as_the_one_built(library):
    built = SearchIndex.build(library, use_cache=False)
    loaded = SearchIndex.build(library)
    assert loaded.search("negotiat", today=TODAY).total > 0
    same_results(built, loaded)
    assert loaded.search("person:blair", today=TODAY).total > 0
    assert loaded.names_unsaved  # who is who was worked out: the CLI writes the cache again
    loaded.save_cache()
    named = SearchIndex.build(library)
    assert isinstance(named._mentions_index(), Saved)  # read from the cache, not worked out again
    same_results(built, named)
    assert not named.names_unsaved


def test_changes_kept_up_to_date_answer_as_a_new_build(tmp_path):
    library = build_library(tmp_path / "home", seed=7)
    try:
        kept = SearchIndex.build(library)
        loaded = SearchIndex.build(library)  # from the cache: its lists read in place until changed
        notes = library.annotations()
        articles = library.articles()
        rng = random.Random(3)
        for note in rng.sample(notes, 20):
            edited = library.edit_annotation(note, note="negotiations stalled over music", add_tags=["follow-up"])
            kept.note_changed(edited)
        for note in rng.sample(notes, 10):
            if library.delete_annotation(note) is not None:
                kept.note_removed(note.id)
        for article in articles[:3]:
            kept.article_changed(library.tag_article(article.id, add=["economy"]))
        gone = articles[-1]
        library.remove(gone.id)
        kept.article_removed(gone.id)
        kept.note_changed(library.annotate(articles[0].id, 0, 20, note="a new okapi", tags=["uk"]))
        fresh = SearchIndex.build(library, use_cache=False)
        same_results(fresh, kept, ranked=False)
        assert loaded.refresh(library)  # another process's view: re-reads only what changed
        same_results(fresh, loaded, ranked=False)
        assert loaded.search("okapi", today=TODAY).total == 1
        loaded.save_cache()
        same_results(loaded, SearchIndex.build(library))  # and the cache written after the changes
    finally:
        library.close()


def test_a_settled_analyses_folder_is_not_read_file_by_file_and_a_change_is_seen(tmp_path, monkeypatch):
    import os

    library = build_library(tmp_path / "home", seed=5)
    try:
        folder = library.layout.analyses
        os.utime(folder, (0, 1_000_000_000))  # changed long ago: its mtime vouches for its files
        SearchIndex.build(library, use_cache=False)
        loaded = SearchIndex.build(library)
        assert "analysis/" in loaded._sigs and not any(k.endswith(".json") and k.startswith("analysis/")
                                                         for k in loaded._sigs)  # not even read
        assert loaded.refresh(library) == 0
        loaded.save_cache()
        again = SearchIndex.build(library)
        assert again.refresh(library) == 0 and len(again._signatures) == len(loaded._signatures)
        article = next(a for a in library.articles() if library.annotations(a.id))
        text = library.article(article.id).text
        at = text.index("Zürich")
        library.save_analysis(article.id, Analysis(version=1, entities=(
            Entity(at, at + 6, "PER", "Zürich Okapi", "Zürich Okapi"),), quotes=()))
        assert again.refresh(library) >= 1  # the folder changed: its files compared one by one
        assert again.search("person:okapi", today=TODAY).total == len(library.annotations(article.id)) > 0
    finally:
        library.close()
