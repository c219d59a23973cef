"""The entity ledger over a small fixed library with stored analyses: counts, pages, the
rules for which notes are about an entity, spellings, merges (persisted, applied to later
articles, undone) and related articles."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from reader.core.entities.ledger import Ledger
from reader.core.model import ANALYZER_VERSION, Analysis, Annotation, Article, Block, Entity, Quote, Selector, new_id
from reader.core.store import Library

# title, source, published, text, entities (surface, type, name, occurrence), quotes (inside, speaker)
ARTICLES = {
    "a1": ("Talks resume in Geneva", "BBC", date(2025, 3, 1),
           'Volodymyr Zelenskyy met Marco Rubio in Geneva on Monday. "We want peace now," Zelenskyy said.',
           [("Volodymyr Zelenskyy", "PER", "Volodymyr Zelenskyy", 0), ("Marco Rubio", "PER", "Marco Rubio", 0),
            ("Geneva", "LOC", "Geneva", 0), ("Monday", "DATE", "Monday", 0),
            ("Zelenskyy", "PER", "Volodymyr Zelenskyy", 1)],
           [("We want peace now,", "Volodymyr Zelenskyy")]),
    "a2": ("Kyiv and Washington meet in Geneva", "Guardian", date(2025, 3, 2),
           'Zelensky and Marco Rubio met in Geneva on Monday. "The talks were useful," Marco Rubio said.',
           [("Zelensky", "PER", "Zelensky", 0), ("Marco Rubio", "PER", "Marco Rubio", 0),
            ("Geneva", "LOC", "Geneva", 0), ("Monday", "DATE", "Monday", 0),
            ("Marco Rubio", "PER", "Marco Rubio", 1)],
           [("The talks were useful,", "Marco Rubio")]),
    "a3": ("Arsenal beat Chelsea", "BBC", date(2025, 3, 3),
           "Arsenal beat Chelsea on Monday in Manchester.",
           [("Arsenal", "ORG", "Arsenal", 0), ("Chelsea", "ORG", "Chelsea", 0),
            ("Monday", "DATE", "Monday", 0), ("Manchester", "LOC", "Manchester", 0)],
           []),
    "a4": ("Rubio visits London", "BBC", date(2025, 2, 1),
           "Marco Rubio visited London and Société Générale.",
           [("Marco Rubio", "PER", "Marco Rubio", 0), ("London", "LOC", "London", 0),
            ("Société Générale", "ORG", "Société Générale", 0)],
           []),
}
LATER = ("Zelensky returns to Kyiv", "BBC", date(2025, 3, 5), "Zelensky returned to Kyiv.",
         [("Zelensky", "PER", "Zelensky", 0), ("Kyiv", "LOC", "Kyiv", 0)], [])


def _at(text: str, surface: str, occurrence: int) -> int:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(surface, start + 1)
    return start


def add_article(lib: Library, spec: tuple) -> str:
    title, source, published, text, entities, quotes = spec
    article = Article.create(title, [Block("paragraph", text)], source=source, published=published)
    lib.add(article)
    found = [
        Entity(_at(text, s, k), _at(text, s, k) + len(s), kind, s, name) for s, kind, name, k in entities
    ]
    said = []
    for inside, speaker in quotes:
        start = text.index(inside) - 1
        said.append(Quote(start, start + len(inside) + 2, inside, speaker))
    lib.save_analysis(article.id, Analysis(ANALYZER_VERSION, tuple(found), tuple(said)))
    return article.id


def note(lib: Library, article_id: str, passage: str, text: str, day: int) -> Annotation:
    body = lib.article(article_id).text
    start = body.index(passage)
    stamp = datetime(2025, 4, day, 12, tzinfo=timezone.utc)
    annotation = Annotation(new_id(), article_id, Selector.at(body, start, start + len(passage)), note=text,
                            created=stamp, updated=stamp)
    lib.add_annotations([annotation])
    return annotation


def make_library(home: Path) -> tuple[Library, dict[str, str], dict[str, Annotation]]:
    lib = Library(home)
    ids = {key: add_article(lib, spec) for key, spec in ARTICLES.items()}
    notes = {
        "on_rubio": note(lib, ids["a1"], "met Marco Rubio", "", 1),  # a mention inside the passage
        "on_quote": note(lib, ids["a1"], "want peace", "", 2),  # inside Zelenskyy's quote
        "names_rubio": note(lib, ids["a3"], "Arsenal beat", "Like what Marco Rubio said", 3),  # by name
        "nothing": note(lib, ids["a4"], "visited", "nothing to see", 4),
    }
    return lib, ids, notes


@pytest.fixture
def fixed(tmp_path):
    lib, ids, notes = make_library(tmp_path / "home")
    yield lib, ids, notes
    lib.close()


def _summary(ledger: Ledger, name: str):
    return next(s for s in ledger.summaries() if s.name == name)


def test_summaries_count_articles_mentions_quotes_and_notes(fixed):
    lib, _, _ = fixed
    ledger = Ledger.build(lib)
    rubio = _summary(ledger, "Marco Rubio")
    assert (rubio.type, rubio.articles, rubio.mentions, rubio.quotes, rubio.notes) == ("PER", 3, 4, 1, 2)
    zel = _summary(ledger, "Volodymyr Zelenskyy")
    assert (zel.articles, zel.mentions, zel.quotes, zel.notes) == (1, 2, 1, 1)
    monday = _summary(ledger, "Monday")
    assert (monday.type, monday.articles) == ("DATE", 3)
    arsenal = _summary(ledger, "Arsenal")
    assert (arsenal.type, arsenal.notes) == ("ORG", 1)


def test_summaries_are_grouped_by_type_most_articles_first(fixed):
    ledger = Ledger.build(fixed[0])
    rows = ledger.summaries()
    types = [s.type for s in rows]
    assert types == sorted(types, key=["PER", "LOC", "ORG", "MISC", "DATE"].index)
    people = [s.name for s in rows if s.type == "PER"]
    assert people == ["Marco Rubio", "Volodymyr Zelenskyy", "Zelensky"]
    places = [s.name for s in rows if s.type == "LOC"]
    assert places[0] == "Geneva"


def test_page_lists_articles_and_quotes_newest_first_and_its_notes(fixed):
    lib, ids, notes = fixed
    page = Ledger.build(lib).page("Marco Rubio")
    assert (page.name, page.type, page.aliases) == ("Marco Rubio", "PER", ())
    assert [a.id for a in page.articles] == [ids["a2"], ids["a1"], ids["a4"]]
    first = page.articles[0]
    assert (first.title, first.source, first.date, first.mentions) == (
        "Kyiv and Washington meet in Geneva", "Guardian", date(2025, 3, 2), 2)
    assert [(q.text, q.speaker, q.article_id, q.source, q.partial) for q in page.quotes] == [
        ("The talks were useful,", "Marco Rubio", ids["a2"], "Guardian", False)]
    quote = page.quotes[0]
    assert lib.article(ids["a2"]).text[quote.start : quote.end] == '"The talks were useful,"'
    assert [n.id for n in page.notes] == [notes["names_rubio"].id, notes["on_rubio"].id]


def test_notes_selection_rules(fixed):
    lib, _, notes = fixed
    ledger = Ledger.build(lib)
    about = {name: {n.id for n in ledger.page(name).notes} for name in ("Marco Rubio", "Volodymyr Zelenskyy",
                                                                        "Arsenal", "London", "Geneva")}
    assert about["Marco Rubio"] == {notes["on_rubio"].id, notes["names_rubio"].id}  # mention inside; by name
    assert about["Volodymyr Zelenskyy"] == {notes["on_quote"].id}  # sits on its quote
    assert about["Arsenal"] == {notes["names_rubio"].id}
    assert about["London"] == set()  # "visited" touches no mention of London
    assert about["Geneva"] == set()


def test_page_notes_from_the_index_match_the_stored_ones(fixed):
    lib, _, _ = fixed
    ledger = Ledger.build(lib)
    fast, stored = ledger.page("Marco Rubio"), ledger.page("Marco Rubio", stored_notes=True)
    assert [(n.id, n.selector, n.note, n.created, n.anchor) for n in fast.notes] == [
        (n.id, n.selector, n.note, n.created, n.anchor) for n in stored.notes]


def test_find_spellings(fixed):
    ledger = Ledger.build(fixed[0])
    assert ledger.find("Marco Rubio") == "Marco Rubio"
    assert ledger.find("MARCO rubio") == "Marco Rubio"
    assert ledger.find("societe generale") == "Société Générale"  # accents
    assert ledger.find("rubio") == "Marco Rubio"  # a word
    assert ledger.find("marc rub") == "Marco Rubio"  # word prefixes
    assert ledger.find("Zelensky") == "Zelensky"  # exact beats a prefix
    assert ledger.find("zelensk") is None  # ambiguous
    assert ledger.find("nobody at all") is None
    assert set(ledger.suggestions("zelensk")) == {"Volodymyr Zelenskyy", "Zelensky"}


def test_merge_persists_applies_to_later_articles_and_unmerges(fixed):
    lib, ids, _ = fixed
    ledger = Ledger.build(lib)
    ledger.merge(lib, ["Zelensky"], "Volodymyr Zelenskyy")
    zel = _summary(ledger, "Volodymyr Zelenskyy")
    assert (zel.articles, zel.mentions) == (2, 3)
    assert "Zelensky" not in {s.name for s in ledger.summaries()}
    assert ledger.find("zelensky") == "Volodymyr Zelenskyy"  # the alias spelling
    lib.close()

    again = Library(lib.home)  # a new Library object reads the merge from library.json
    assert again.aliases() == {"Zelensky": "Volodymyr Zelenskyy"}
    later = add_article(again, LATER)
    fresh = Ledger.build(again)
    page = fresh.page("Volodymyr Zelenskyy")
    assert page.aliases == ("Zelensky",)
    assert [a.id for a in page.articles] == [later, ids["a2"], ids["a1"]]

    ledger.refresh(again)  # the old ledger picks the new article up too
    assert _summary(ledger, "Volodymyr Zelenskyy").articles == 3

    assert again.remove_alias("Zelensky") is True
    fresh.refresh(again)
    assert _summary(fresh, "Zelensky").articles == 2
    assert _summary(fresh, "Volodymyr Zelenskyy").articles == 1
    assert again.remove_alias("Zelensky") is False
    again.close()


def test_related_puts_the_same_story_first_and_ignores_dates(fixed):
    lib, ids, _ = fixed
    ledger = Ledger.build(lib)
    related = ledger.related(ids["a1"])
    assert [ref.id for ref, _ in related] == [ids["a2"], ids["a4"]]  # a3 shares only "Monday"
    scores = [score for _, score in related]
    assert scores[0] > scores[1] > 0
    assert related[0][0].mentions == 2  # Marco Rubio and Geneva
    ledger.merge(lib, ["Zelensky"], "Volodymyr Zelenskyy")
    assert ledger.related(ids["a1"])[0][1] > scores[0]  # one more entity shared
    assert ledger.related(ids["a3"]) == []
    assert ledger.related("0" * 16) == []


def test_the_ledger_cache_is_reused_invalidated_and_never_an_error(fixed):
    lib, ids, _ = fixed
    first = Ledger.build(lib)
    path = lib.home / "entities.cache"
    assert path.exists()
    again = Ledger.build(lib)  # from the cache
    assert again.summaries() == first.summaries()
    assert again.page("Marco Rubio") == first.page("Marco Rubio")
    assert [r.id for r, _ in again.related(ids["a1"])] == [r.id for r, _ in first.related(ids["a1"])]
    note(lib, ids["a4"], "Marco Rubio", "", 5)  # a change: the cache no longer fits
    assert _summary(Ledger.build(lib), "Marco Rubio").notes == 3
    path.write_bytes(b"RDENT garbage")
    assert _summary(Ledger.build(lib), "Marco Rubio").notes == 3
