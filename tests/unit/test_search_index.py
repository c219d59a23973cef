"""The search index over a small fixed library: fields, operators, ranking, facets,
suggestions, incremental updates, refresh from another process, and the cache."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from reader.core.model import Analysis, Annotation, Article, Block, Entity, Quote, Selector
from reader.core.search.cache import cache_path
from reader.core.search.index import SearchIndex
from reader.core.search.nodes import And, Filter, Not, Or, Phrase, Term
from reader.core.search.query import QueryError
from reader.core.search.text import fold, stem, words
from reader.core.store import Library

A1_TITLE = "Ukraine peace negotiations stall in Geneva"
A1_PARAS = [
    "Negotiations over a ceasefire stalled on Monday, officials said.",
    "\u201cWe are not dragging our feet,\u201d said Marco Rubio in Geneva.",
    "The café near the lake served crème brûlée to the delegates.",
    "Peace talks resumed later as diplomats were negotiating a new draft.",
]
A2_TITLE = "Markets rally as inflation cools"
A2_PARAS = [
    "Stocks rose sharply after inflation data cooled.",
    "The central bank said rates would stay unchanged.",
    "Traders expect negotiations on trade to stall again.",
]
TODAY = date(2025, 3, 10)


def at(day: int, month: int = 3) -> datetime:
    return datetime(2025, month, day, 12, tzinfo=timezone.utc)


def find(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


class Fixture:
    """The library and the ids of its articles and notes, by the names the tests use."""

    def __init__(self, home) -> None:
        self.lib = Library(home)
        a1 = Article.create(A1_TITLE, [Block("paragraph", p) for p in A1_PARAS], source="Example Times",
                            author="Jane Doe", published=date(2025, 3, 1))
        a2 = Article.create(A2_TITLE, [Block("paragraph", p) for p in A2_PARAS], source="Money Daily",
                            author="John Roe", published=date(2025, 2, 1))
        self.lib.add(a1)
        self.lib.add(a2)
        self.lib.tag_article(a1.id, add=["ukraine"])
        self.lib.tag_article(a2.id, add=["economy"])
        self.a1, self.a2 = a1.id, a2.id
        t1, t2 = a1.text, a2.text
        self.text = {a1.id: t1, a2.id: t2}
        rubio = find(t1, "Marco Rubio")
        geneva = find(t1, "Geneva.")
        quote = find(t1, "We are not dragging our feet,")
        self.lib.save_analysis(a1.id, Analysis(
            version=1,
            entities=(
                Entity(rubio[0], rubio[1], "PER", "Marco Rubio", "Marco Rubio"),
                Entity(geneva[0], geneva[1] - 1, "LOC", "Geneva", "Geneva"),
            ),
            quotes=(Quote(quote[0], quote[1], "We are not dragging our feet,", "Marco Rubio"),),
        ))
        bank = find(t2, "central bank")
        self.lib.save_analysis(a2.id, Analysis(
            version=1, entities=(Entity(bank[0], bank[1], "ORG", "central bank", "Central Bank"),),
        ))
        specs = {
            "n1": (a1.id, "Negotiations over a ceasefire stalled on Monday", "negotiations keep failing",
                   ["diplomacy"], 2, at(2)),
            "n2": (a1.id, "\u201cWe are not dragging our feet,\u201d said Marco Rubio", "", [], 1, at(3)),
            "n3": (a1.id, "The café near the lake", "nice café", ["food"], 3, at(4)),
            "n4": (a2.id, "Stocks rose sharply", "markets up; negotiations irrelevant", ["economy", "markets"], 1,
                   at(2, 2)),
            "n5": (a2.id, "Traders expect negotiations on trade to stall again", "", [], 2, at(3, 2)),
        }
        self.ids: dict[str, str] = {}
        annotations = []
        for name, (article_id, passage, note, tags, color, created) in specs.items():
            start, end = find(self.text[article_id], passage)
            annotation = Annotation(
                id=f"{int(name[1:]):03x}{0:029x}", article_id=article_id,
                selector=Selector.at(self.text[article_id], start, end),
                note=note, tags=tags, color=color, created=created, updated=created,
            )
            annotations.append(annotation)
            self.ids[name] = annotation.id
        self.lib.add_annotations(annotations)
        self.names = {v: k for k, v in self.ids.items()}

    def notes(self, result) -> list[str]:
        return [self.names.get(hit.id, hit.id) for hit in result.hits]


@pytest.fixture
def fx(tmp_path):
    fixture = Fixture(tmp_path / "home")
    yield fixture
    fixture.lib.close()


@pytest.fixture
def index(fx):
    return SearchIndex.build(fx.lib)


def found(fx, index, query, **options) -> set[str]:
    return set(fx.notes(index.search(query, today=TODAY, **options)))


# -- text --------------------------------------------------------------------------------


def test_text_folds_accents_and_case_and_stems_the_issue_examples():
    assert fold("Crème BRÛLÉE") == "creme brulee"
    assert words("“We’re” café—ok") == ["we", "re", "cafe", "ok"]
    assert {stem(w) for w in ("negotiations", "negotiating", "negotiated", "negotiate")} == {"negotiat"}
    assert {stem(w) for w in ("stall", "stalls", "stalled", "stalling")} == {"stall"}
    assert stem("us") == "us" and stem("2025") == "2025"


def test_marks_are_whole_words_whether_or_not_a_term_is_a_substring():
    from reader.core.search.text import marked_spans

    text = "Cafeteria talk: the Cafe, a café."
    assert marked_spans(text, {"cafe"}) == ((20, 24), (28, 32))  # not "Cafeteria"
    assert marked_spans("Cafeteria talk", {"cafe"}) == ()  # ASCII, substring only
    assert marked_spans("Tea talk", {"cafe", "coffee"}) == ()  # no term even as a substring
    many = {f"w{i}" for i in range(40)} | {"talk"}  # split into words instead
    assert marked_spans("Tea talk", many) == ((4, 8),)


@pytest.mark.parametrize("text", [
    "aaa aa a_aa aa1 aa", "Said: said, SAID said'said unsaid said_ 2said said2", "x", "", "a-b a b-a ab",
    "don't do it; it's 5am at 5 am", "aa aaa aa aaaa", "(said)\n\tsaid.",
])
def test_marks_by_search_equal_marks_by_splitting(text):
    """The per-term search finds exactly the words that splitting the text finds."""
    import re

    from reader.core.search.text import marked_spans

    for terms in ({"aa"}, {"a", "aa", "aaa"}, {"said"}, {"5", "am", "it"}, {"b", "a"}, {"t", "don", "s"}, {"caf"}):
        split = tuple(m.span() for m in re.finditer(r"[^\W_]+", text.lower()) if m.group() in terms)
        assert marked_spans(text, terms) == split


# -- words and fields -----------------------------------------------------------------------


def test_prefix_and_stem_matching_from_the_issue(fx, index):
    assert found(fx, index, Term("negotiat")) == {"n1", "n2", "n3", "n4", "n5"}  # n2, n3: the title
    assert found(fx, index, Term("negotiat", "note")) == {"n1", "n4"}
    assert found(fx, index, Term("stall", "quote")) == {"n1", "n5"}  # stalled, stall
    assert found(fx, index, Term("negotiating", "quote")) == {"n1", "n5"}  # same stem as negotiations


def test_accents_and_case_do_not_matter(fx, index):
    assert found(fx, index, Term("cafe")) == {"n3"}
    assert found(fx, index, Term("CAFÉ", "note")) == {"n3"}


def test_text_fields(fx, index):
    assert found(fx, index, Term("markets", "note")) == {"n4"}
    assert found(fx, index, Term("markets", "title")) == {"n4", "n5"}
    assert found(fx, index, Term("money", "source")) == {"n4", "n5"}
    assert found(fx, index, Term("jane", "author")) == {"n1", "n2", "n3"}
    assert found(fx, index, Term("unchanged", "text")) == {"n4", "n5"}


def test_tag_matches_the_note_or_its_article_by_prefix(fx, index):
    assert found(fx, index, Filter("tag", "ukr")) == {"n1", "n2", "n3"}
    assert found(fx, index, Filter("tag", "econ")) == {"n4", "n5"}
    assert found(fx, index, Filter("tag", "diplo")) == {"n1"}
    assert found(fx, index, Term("food")) == {"n3"}  # a bare word searches tags too


def test_entities_in_the_passage_rank_above_the_article(fx, index):
    result = index.search(Filter("person", "rubio"))
    assert fx.notes(result)[0] == "n2" and set(fx.notes(result)) == {"n1", "n2", "n3"}
    assert found(fx, index, Filter("person", "marco rub")) == {"n1", "n2", "n3"}
    assert found(fx, index, Filter("place", "geneva")) == {"n1", "n2", "n3"}
    assert found(fx, index, Filter("org", "central")) == {"n4", "n5"}
    assert found(fx, index, Filter("person", "central")) == set()
    assert found(fx, index, Filter("entity", "central")) == {"n4", "n5"}


def test_said_by_is_a_passage_on_the_quote_and_nothing_else_of_its_article(fx, index):
    assert found(fx, index, Filter("said-by", "rubio")) == {"n2"}  # n1, n3: same article, not the quote
    assert found(fx, index, Filter("said-by", "jane")) == set()
    assert found(fx, index, "-said-by:rubio tag:ukraine") == {"n1", "n3"}


def test_state_filters(fx, index):
    assert found(fx, index, Filter("has", "note")) == {"n1", "n3", "n4"}
    assert found(fx, index, Filter("color", "2")) == {"n1", "n5"}
    assert found(fx, index, Filter("is", "annotated")) == {"n1", "n2", "n3", "n4", "n5"}
    fx.lib.update_article(fx.a2, starred=True)
    fx.lib.update_article(fx.a1, read=True)
    index.refresh(fx.lib)
    assert found(fx, index, Filter("is", "starred")) == {"n4", "n5"}
    assert found(fx, index, Filter("is", "unread")) == {"n4", "n5"}


def test_dates(fx, index):
    assert found(fx, index, Filter("since", "2025-03-03")) == {"n2", "n3"}
    assert found(fx, index, Filter("until", "2025-02-28")) == {"n4", "n5"}
    assert found(fx, index, Filter("since", "7d")) == {"n2", "n3"}  # from 2025-03-03, TODAY - 7


def test_not_or_and_phrases(fx, index):
    assert found(fx, index, And((Term("negotiat"), Not(Term("stall", "quote"))))) == {"n2", "n3", "n4"}
    assert found(fx, index, Or((Term("cafe"), Term("stocks")))) == {"n3", "n4"}
    assert found(fx, index, Phrase("rose sharply", "quote")) == {"n4"}
    assert found(fx, index, Phrase("sharply rose", "quote")) == set()
    assert found(fx, index, Phrase("dragging our feet")) == {"n2"}
    assert found(fx, index, Phrase("dragging feet")) == set()
    # Quotes ask for these very words: no prefix or stem inside a phrase; case and accents aside.
    assert found(fx, index, Phrase("rose sharp", "quote")) == set()
    assert found(fx, index, Phrase("ROSE  Sharply", "quote")) == {"n4"}
    assert found(fx, index, Phrase("the cafe near")) == {"n3"}


def test_queries_through_the_parser(fx, index):
    assert found(fx, index, "negotiat -quote:stall") == {"n2", "n3", "n4"}
    assert found(fx, index, "cafe OR stocks") == {"n3", "n4"}
    assert found(fx, index, 'quote:"rose sharply"') == {"n4"}
    assert found(fx, index, "tag:ukr color:2 has:note") == {"n1"}
    assert found(fx, index, "person:rubio since:2025-03-03") == {"n2", "n3"}
    with pytest.raises(QueryError):
        index.search('"unclosed')


# -- ranking, facets, suggestions ---------------------------------------------------------------


def test_empty_query_lists_everything_newest_first(fx, index):
    for query in (None, "", "   "):
        result = index.search(query)
        assert fx.notes(result) == ["n3", "n2", "n1", "n5", "n4"] and result.total == 5
    assert fx.notes(index.search(None, limit=2)) == ["n3", "n2"]


def test_word_in_note_and_quote_ranks_above_once(fx, index):
    result = index.search(Term("negotiations"))
    assert fx.notes(result)[0] == "n1"
    assert fx.notes(result)[-2:] in (["n3", "n2"], ["n2", "n3"])  # title only: no score, newest first
    assert fx.notes(result)[-2:] == ["n3", "n2"]


def test_equal_scores_are_broken_by_recency(fx, index):
    text = fx.text[fx.a2]
    start, end = find(text, "central bank")
    older, newer = (
        Annotation(id=f"{n:03x}{0:029x}", article_id=fx.a2, selector=Selector.at(text, start, end), note="zebra",
                   created=at(day), updated=at(day))
        for n, day in ((90, 1), (91, 5))
    )
    fx.lib.add_annotations([older, newer])
    index.refresh(fx.lib)
    result = index.search(Term("zebra"))
    assert [hit.id for hit in result.hits] == [newer.id, older.id]
    assert result.hits[0].score == result.hits[1].score > 0


def test_tag_facets_count_every_match(fx, index):
    result = index.search(Term("negotiat"), limit=1)
    assert len(result.hits) == 1 and result.total == 5
    assert result.tag_counts == {"ukraine": 3, "economy": 2, "diplomacy": 1, "food": 1, "markets": 1}
    assert list(result.tag_counts)[0] == "ukraine"


def plain_facets(hits) -> dict[str, int]:
    """How many of the hits have each tag (a note's own or its article's: what `tag:` matches),
    counted one by one."""
    counts: dict[str, int] = {}
    for hit in hits:
        for tag in set(hit.tags) | set(hit.article_tags):
            counts[tag] = counts.get(tag, 0) + 1
    return counts


@pytest.mark.parametrize(
    "query", ["negotiat", "has:note", "color:1 OR color:2 OR color:3", "-zzz", "color:2", "is:unread", "since:2025-03-01"],
)
def test_tag_facets_equal_a_plain_count_of_the_hits_tags(fx, index, query):
    """Broad queries count by tag, narrow ones by hit: both give what a plain count gives."""
    result = index.search(query, limit=None)
    assert result.tag_counts == plain_facets(result.hits)


def test_the_empty_query_counts_notes_facets_even_after_an_articles_search(fx, index):
    """The library screen lists articles (empty query) first; the Notes screen's facets are still the notes'."""
    index.search(None, articles=True)
    result = index.search(None, limit=None)
    assert result.tag_counts == plain_facets(result.hits)


def test_both_ways_of_counting_facets_agree(fx, index):
    """Counting per tag set (many hits) and per hit (few) give the same facets for any set."""
    from itertools import combinations

    from reader.core.search.rank import tag_counts

    live = sorted(index.notes.live)
    for size in range(len(live) + 1):
        for chosen in combinations(live, size):
            matched = set(chosen)
            by_hit = tag_counts(matched, index.notes, index.articles, False, lambda: index._notes_of)
            by_set = tag_counts(matched, index.notes, index.articles, False, lambda: index._notes_of, index._tag_sets)
            assert by_hit == by_set


@pytest.mark.parametrize("query", [None, "negotiat", "has:note", "color:2", "is:unread", "tag:ukraine OR ceasefire"])
def test_forgetting_the_memos_of_earlier_queries_changes_no_result(fx, index, query):
    """The memos only save work: dropped, the same query gives the same hits, scores and facets."""
    def answer():
        result = index.search(query, limit=None)
        return [(hit.id, hit.score) for hit in result.hits], result.total, result.tag_counts

    remembered = answer()
    index.forget_memos()
    assert index._parts == {} and index._sets == {} and index._column_facets == {} and index._all_tags is None
    assert answer() == remembered


def test_facets_kept_for_a_pure_filter_follow_changes(fx, index):
    """has:/color:/is: alone give their cached set as the result; its facets are kept with it
    until the index changes, and narrowing it further never alters the cached set."""
    first = index.search("has:note")
    assert first.tag_counts == {"diplomacy": 1, "economy": 1, "food": 1, "markets": 1, "ukraine": 2}
    assert index.search("has:note -tag:food").total == first.total - 1
    again = index.search("has:note")
    assert again.total == first.total and again.tag_counts == first.tag_counts
    again.tag_counts["food"] = 99  # the caller's copy, not the kept one
    assert index.search("has:note").tag_counts == first.tag_counts
    text = fx.text[fx.a2]
    start, end = find(text, "rates would stay unchanged")
    index.note_changed(fx.lib.annotate(fx.a2, start, end, note="walrus", tags=["food"]))
    changed = index.search("has:note")
    assert changed.total == first.total + 1 and changed.tag_counts["food"] == 2


def test_remembered_word_scores_are_bounded_and_exact(fx, index):
    """A memo of one document's worth forgets older words yet scores the same."""
    from reader.core.search.scores import TermScores

    fields = [index.notes.fields[name] for name in ("note", "quote", "tag")]
    lengths, total = index.notes.length, index.notes.total_length
    tiny, roomy = TermScores(fields, lengths, total, max_entries=1), TermScores(fields, lengths, total)
    words = [{"negotiations"}, {"stall", "stalled"}, {"cafe"}, {"negotiations"}, {"zzz"}]
    for terms in words:
        assert tiny.of(terms) == roomy.of(terms)
    assert tiny._entries <= max(1, len(tiny.of({"negotiations"})))
    assert len(tiny._memo) == 1 and tiny.of({"zzz"}) == {}


def test_suggestions_for_a_misspelt_word(fx, index):
    result = index.search(Term("negotiashuns"))
    assert result.total == 0
    assert "negotiations" in result.suggestions["negotiashuns"]
    assert index.search("rubbio OR cafe").suggestions["rubbio"] == ["rubio"]
    assert index.search(Term("cafe")).suggestions == {}
    assert index.search(Not(Term("zzzq"))).suggestions == {}  # a negated word is no typo to fix


def test_hits_carry_what_the_list_shows_with_marks(fx, index):
    hit = index.search(Term("negotiat", "note")).hits[0]
    assert fx.names[hit.id] == "n1" and hit.kind == "note" and hit.article_id == fx.a1
    assert hit.title == A1_TITLE and hit.date == date(2025, 3, 1)  # the article's date, as listings show it
    assert hit.created == date(2025, 3, 2)  # the note's own day
    assert hit.tags == ("diplomacy",) and hit.article_tags == ("ukraine",)  # the note's own, and its article's
    assert hit.marks["note"] == ((0, 12),)
    assert hit.marks["quote"] == ((0, 12),)
    assert hit.marks["title"] == (find(A1_TITLE, "negotiations"),)
    accent = index.search(Term("cafe", "note")).hits[0]
    assert [accent.note[s:e] for s, e in accent.marks["note"]] == ["café"]


# -- article search -----------------------------------------------------------------------------


def test_article_search(fx, index):
    def articles(query):
        return {h.id for h in index.search(query, articles=True, today=TODAY).hits}

    assert articles(Term("negotiat")) == {fx.a1, fx.a2}
    assert articles(Term("cooled", "text")) == {fx.a2}
    assert articles(Term("money", "source")) == {fx.a2}
    assert articles(Term("cafe", "note")) == {fx.a1}
    assert articles(Phrase("peace talks")) == {fx.a1}
    assert articles(Filter("color", "3")) == {fx.a1}
    assert articles(Filter("tag", "econ")) == {fx.a2}
    assert articles(Filter("said-by", "rubio")) == {fx.a1}
    assert articles(Filter("since", "2025-02-15")) == {fx.a1}
    hit = index.search(Term("unchanged"), articles=True).hits[0]
    assert hit.kind == "article" and hit.date == date(2025, 2, 1) and hit.quote == hit.note == ""
    assert "unchanged" in hit.excerpt
    assert [hit.excerpt[s:e] for s, e in hit.marks["text"]] == ["unchanged"]


# -- keeping up to date -------------------------------------------------------------------------


def test_note_changes_in_this_process(fx, index):
    text = fx.text[fx.a2]
    start, end = find(text, "rates would stay unchanged")
    added = fx.lib.annotate(fx.a2, start, end, note="walrus")
    index.note_changed(added)
    assert {h.id for h in index.search(Term("walrus")).hits} == {added.id}
    index.note_changed(fx.lib.edit_annotation(added, note="narwhal"))
    assert index.search(Term("walrus")).total == 0
    assert index.search(Term("narwhal")).total == 1
    assert index.search(None).total == 6
    assert added.id in {h.id for h in index.search("has:note", limit=None).hits}
    assert added.id in {h.id for h in index.search(f"color:{added.color}", limit=None).hits}
    index.note_removed(added.id)
    assert index.search(Term("narwhal")).total == 0 and index.search(None).total == 5
    # A removed note's flags are still in the columns: the column filters leave it out.
    assert added.id not in {h.id for h in index.search("has:note", limit=None).hits}
    assert added.id not in {h.id for h in index.search(f"color:{added.color}", limit=None).hits}


def test_words_never_find_a_replaced_version(fx, index):
    """With no old versions a word's postings are its matches as they are; after an edit the
    old version's words (kept in the postings) must not find the note."""
    assert found(fx, index, "failing") == {"n1"} and found(fx, index, '"keep failing"') == {"n1"}
    n1 = next(a for a in fx.lib.annotations() if a.id == fx.ids["n1"])
    index.note_changed(fx.lib.edit_annotation(n1, note="walrus tusks"))
    assert found(fx, index, "failing") == set() and found(fx, index, '"keep failing"') == set()
    assert found(fx, index, "walrus") == {"n1"} and found(fx, index, "note:walrus OR failing") == {"n1"}


def test_article_changes_in_this_process(fx, index):
    article = fx.lib.tag_article(fx.a2, add=["finance"], remove=["economy"])
    index.article_changed(article)
    assert found(fx, index, Filter("tag", "fin")) == {"n4", "n5"}
    # A bare word finds a word that only a tag has (the library's `/` filter relies on it).
    assert {h.id for h in index.search(Term("finance"), articles=True).hits} == {fx.a2}
    assert found(fx, index, Filter("tag", "econ")) == {"n4"}  # still on the note itself
    added = Article.create("Walrus migration", [Block("paragraph", "Walruses swim north.")])
    fx.lib.add(added)
    index.article_changed(added)
    assert {h.id for h in index.search(Term("walrus"), articles=True).hits} == {added.id}
    index.article_removed(fx.a1)
    assert found(fx, index, None) == {"n4", "n5"}
    assert fx.a1 not in {h.id for h in index.search(None, articles=True).hits}


def test_refresh_sees_another_library_on_the_same_folder(fx, index, tmp_path):
    other = Library(tmp_path / "home")
    try:
        text = fx.text[fx.a1]
        start, end = find(text, "diplomats were negotiating")
        added = other.annotate(fx.a1, start, end, note="okapi")
        assert index.search(Term("okapi")).total == 0
        assert index.refresh(fx.lib)
        assert {h.id for h in index.search(Term("okapi")).hits} == {added.id}
        assert not index.refresh(fx.lib)  # nothing changed since
        other.delete_annotation(added)
        other.tag_article(fx.a1, add=["war"])
        index.refresh(fx.lib)
        assert index.search(Term("okapi")).total == 0
        assert found(fx, index, Filter("tag", "war")) == {"n1", "n2", "n3"}
        other.remove(fx.a2)
        index.refresh(fx.lib)
        assert found(fx, index, None) == {"n1", "n2", "n3"}
    finally:
        other.close()


# -- the cache ------------------------------------------------------------------------------------


def test_cache_is_written_and_used(fx, index, monkeypatch):
    path = cache_path(fx.lib.layout)
    assert path.exists()
    calls = []
    monkeypatch.setattr(fx.lib, "annotations", lambda *a, **k: calls.append(a) or [])
    monkeypatch.setattr(fx.lib, "shard_annotations", lambda *a, **k: calls.append(a) or [])
    loaded = SearchIndex.build(fx.lib)
    assert calls == []  # nothing changed: nothing re-read
    for query in (Term("negotiat"), Filter("person", "rubio"), Filter("tag", "ukr"), None):
        assert [h.id for h in loaded.search(query).hits] == [h.id for h in index.search(query).hits]
    assert loaded.search(Term("negotiashuns")).suggestions == index.search(Term("negotiashuns")).suggestions


def test_stale_cache_reads_only_what_changed(fx, index):
    text = fx.text[fx.a1]
    start, end = find(text, "diplomats were negotiating")
    added = fx.lib.annotate(fx.a1, start, end, note="okapi")
    loaded = SearchIndex.build(fx.lib)
    assert {h.id for h in loaded.search(Term("okapi")).hits} == {added.id}
    assert loaded.search(None).total == 6


@pytest.mark.parametrize("damage", ["garbage", "truncated", "flipped", "empty", "version"])
def test_damaged_cache_is_rebuilt_not_an_error(fx, index, damage):
    path = cache_path(fx.lib.layout)
    data = path.read_bytes()
    if damage == "garbage":
        path.write_bytes(b"\x00not a cache at all" * 10)
    elif damage == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "flipped":
        path.write_bytes(data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:])
    elif damage == "empty":
        path.write_bytes(b"")
    else:
        path.write_bytes(data[:8] + (999).to_bytes(4, "little") + data[12:])
    rebuilt = SearchIndex.build(fx.lib)
    assert found(fx, rebuilt, Term("negotiat")) == {"n1", "n2", "n3", "n4", "n5"}
    assert SearchIndex.build(fx.lib).search(None).total == 5  # and the cache is sound again


def test_a_cache_mostly_of_old_versions_is_rebuilt_compact(fx, index):
    stored = fx.lib.annotations()
    for _ in range(3):
        for annotation in stored:
            index.note_changed(annotation)  # each edit leaves the old version as a tombstone
    assert len(index.notes.ids) == 20
    index.save_cache()
    loaded = SearchIndex.build(fx.lib)
    assert len(loaded.notes.ids) == 5 and loaded.search(None).total == 5


@pytest.mark.parametrize("query", ["rubio", "rubio OR ports", None, "tag:ukraine"])
def test_limit_zero_counts_without_ranking(fx, index, query):
    """The library's side panel counts each saved search with limit=0: a total, no hits
    (a ranked word query used to fail taking the 0th best score)."""
    everything = index.search(query)
    counted = index.search(query, limit=0)
    assert counted.hits == [] and counted.total == everything.total
