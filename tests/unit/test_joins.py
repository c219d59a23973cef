"""One entity per person or body across a small library of stored analyses: short forms
join the full name the library (or the article's other names) points to, titles left in
old analyses go, organisations' short forms join their name and type, the user's merges
and splits sit on top; said-by: is the quote itself; the ledger, `reader quotes --by`
and search count the same quotes."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.entities.ledger import Ledger
from reader.core.model import ANALYZER_VERSION, Analysis, Annotation, Article, Block, Entity, Quote, Selector, new_id
from reader.core.search.index import SearchIndex
from reader.core.store import Library

# (key, title, text, [(surface, type, stored name)], [(quote words, speaker)])
POLITICS = [
    ("tony", "Labour plans", 'Tony Blair told Labour in Brighton that Gordon Brown, Alan Milburn and John Prescott '
     'would run the campaign with Peter Mandelson. "We will win," Tony Blair said.',
     [("Tony Blair", "PER", "Tony Blair"), ("Labour", "ORG", "Labour"), ("Brighton", "LOC", "Brighton"),
      ("Gordon Brown", "PER", "Gordon Brown"), ("Alan Milburn", "PER", "Alan Milburn"),
      ("John Prescott", "PER", "John Prescott"), ("Peter Mandelson", "PER", "Peter Mandelson")],
     [("We will win,", "Tony Blair")]),
    ("short", "Blair and Brown", 'Blair met Alan Milburn, John Prescott and Peter Mandelson of Labour in Brighton. '
     '"There is no row," Blair said. A photo shows the hall.',
     [("Blair", "PER", "Blair"), ("Alan Milburn", "PER", "Alan Milburn"), ("John Prescott", "PER", "John Prescott"),
      ("Peter Mandelson", "PER", "Peter Mandelson"), ("Labour", "ORG", "Labour"), ("Brighton", "LOC", "Brighton")],
     [("There is no row,", "Blair")]),
    ("cherie", "A new school", "Cherie Blair opened a school in Leeds with Jane Doe.",
     [("Cherie Blair", "PER", "Cherie Blair"), ("Leeds", "LOC", "Leeds"), ("Jane Doe", "PER", "Jane Doe")], []),
    ("rugby", "Scotland team", "Blair starts at scrum-half against Italy in Edinburgh.",
     [("Blair", "PER", "Blair"), ("Italy", "LOC", "Italy"), ("Edinburgh", "LOC", "Edinburgh")], []),
    ("stale", "Budget day", "Exchequer Gordon Brown set out the budget in Westminster.",
     [("Exchequer Gordon Brown", "PER", "Exchequer Gordon Brown"), ("Westminster", "LOC", "Westminster")], []),
    ("parties", "Polls", "The Tories and the Lib Dems gained; the Conservative Party and the Liberal Democrats "
     "agreed. Labour Party officials and FSA staff watched Barclays.",
     [("Tories", "LOC", "Tories"), ("Lib Dems", "ORG", "Lib Dems"), ("Conservative Party", "ORG", "Conservative Party"),
      ("Liberal Democrats", "ORG", "Liberal Democrats"), ("Labour Party", "ORG", "Labour Party"), ("FSA", "ORG", "FSA"),
      ("Barclays", "ORG", "Barclays")],
     []),
    ("tories", "Tory plans", "The Tories met in Tottenham. Spurs won.",
     [("Tories", "LOC", "Tories"), ("Tottenham", "LOC", "Tottenham"), ("Spurs", "ORG", "Spurs")], []),
    ("regulator", "Regulator acts", "The Financial Services Authority fined Barclays.",
     [("Financial Services Authority", "ORG", "Financial Services Authority"), ("Barclays", "ORG", "Barclays")], []),
    ("airline", "Airline cuts", "Delta cut flights; Delta Airlines and Delta Air Lines are one.",
     [("Delta", "ORG", "Delta"), ("Delta Airlines", "ORG", "Delta Airlines"), ("Delta Air Lines", "ORG", "Delta Air Lines")],
     []),
    ("president", "White House", "George W Bush spoke in Washington.",
     [("George W Bush", "PER", "George W Bush"), ("Washington", "LOC", "Washington")], []),
    ("father", "Texas visit", "George Bush visited Texas.",
     [("George Bush", "PER", "George Bush"), ("Texas", "LOC", "Texas")], []),
]
# Articles about other things, so that names shared by two articles are rare, as in a library.
FILLER = [(f"filler{i}", f"Weather {i}", f"Rain fell on Town{i} and Village{i}.",
           [(f"Town{i}", "LOC", f"Town{i}"), (f"Village{i}", "LOC", f"Village{i}")], []) for i in range(20)]


def _at(text: str, surface: str, occurrence: int = 0) -> int:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(surface, start + 1)
    return start


def add(lib: Library, spec: tuple, day: int) -> str:
    _key, title, text, names, quotes = spec
    article = Article.create(title, [Block("paragraph", text)], source="Desk", published=date(2025, 1, day))
    lib.add(article)
    entities, seen = [], {}
    for surface, kind, name in names:
        k = seen[surface] = seen.get(surface, -1) + 1
        start = _at(text, surface, k)
        entities.append(Entity(start, start + len(surface), kind, surface, name))
    said = []
    for inside, speaker in quotes:
        start = text.index(inside) - 1
        said.append(Quote(start, start + len(inside) + 2, inside, speaker))
    lib.save_analysis(article.id, Analysis(ANALYZER_VERSION, tuple(sorted(entities, key=lambda e: e.start)), tuple(said)))
    return article.id


def build(home: Path, specs: list[tuple]) -> tuple[Library, dict[str, str]]:
    lib = Library(home)
    ids = {spec[0]: add(lib, spec, 1 + i % 28) for i, spec in enumerate(specs)}
    return lib, ids


@pytest.fixture
def library(tmp_path):
    lib, ids = build(tmp_path / "home", POLITICS + FILLER)
    yield lib, ids
    lib.close()


def entity_of(ledger: Ledger, article_id: str, surface: str) -> str:
    """The entity a mention stands for in that article (through the index's joins)."""
    index = ledger.index
    a = index.articles.by_id[article_id]
    joins = index.joins()
    text = index.articles.text[a]
    for _kind, number, start, end in index.articles.mentions(a):
        if text[start:end] == surface:
            return joins.entity(a, number)
    raise AssertionError(surface)


def test_a_surname_joins_the_full_name_its_article_points_to_else_stays_apart(library):
    lib, ids = library
    ledger = Ledger.build(lib)
    assert entity_of(ledger, ids["short"], "Blair") == "Tony Blair"  # Milburn, Prescott, Mandelson, Labour
    assert entity_of(ledger, ids["rugby"], "Blair") == "Blair"  # nothing there points to Tony or Cherie Blair
    assert entity_of(ledger, ids["cherie"], "Cherie Blair") == "Cherie Blair"
    page = ledger.page("Tony Blair")
    assert {q.text for q in page.quotes} == {"We will win,", "There is no row,"}


def test_a_surname_with_one_full_name_in_the_library_joins_it_unless_its_article_says_otherwise(tmp_path):
    plain = ("plain", "Monday", "Blair spoke on Monday.", [("Blair", "PER", "Blair")], [])
    lib, ids = build(tmp_path / "h", [POLITICS[0], plain] + FILLER)  # no Cherie Blair
    ledger = Ledger.build(lib)
    assert entity_of(ledger, ids["plain"], "Blair") == "Tony Blair"
    assert "Blair" not in {s.name for s in ledger.summaries()}
    # A team sheet's Blair: its article's rare names (Italy, Edinburgh) are none of Tony Blair's.
    other, other_ids = build(tmp_path / "h2", [POLITICS[0], plain, POLITICS[3]] + FILLER)
    ledger = Ledger.build(other)
    assert entity_of(ledger, other_ids["rugby"], "Blair") == "Blair"
    assert entity_of(ledger, other_ids["plain"], "Blair") == "Tony Blair"


def test_titles_left_in_a_stored_name_go(library):
    lib, ids = library
    ledger = Ledger.build(lib)
    assert entity_of(ledger, ids["stale"], "Exchequer Gordon Brown") == "Gordon Brown"
    assert "Exchequer Gordon Brown" in ledger.page("Gordon Brown").aliases


def test_first_and_last_name_join_the_one_fuller_form_unless_the_library_has_two(library, tmp_path):
    lib, ids = library
    assert entity_of(Ledger.build(lib), ids["father"], "George Bush") == "George W Bush"
    father = ("elder", "Old times", "George H W Bush spoke in Houston.",
              [("George H W Bush", "PER", "George H W Bush"), ("Houston", "LOC", "Houston")], [])
    other, other_ids = build(tmp_path / "two", POLITICS + FILLER + [father])
    assert entity_of(Ledger.build(other), other_ids["father"], "George Bush") == "George Bush"


def test_organisations_short_forms_join_their_name_and_type(library):
    lib, ids = library
    ledger = Ledger.build(lib)
    types = {s.name: s.type for s in ledger.summaries()}
    assert entity_of(ledger, ids["parties"], "Tories") == "Conservative Party"
    assert types["Conservative Party"] == "ORG"  # its Tories mentions were typed as a place
    assert entity_of(ledger, ids["parties"], "Lib Dems") == "Liberal Democrats"
    assert entity_of(ledger, ids["tony"], "Labour") == "Labour Party"  # "Labour" joins where typed ORG
    assert {entity_of(ledger, ids["airline"], s) for s in ("Delta", "Delta Airlines", "Delta Air Lines")} == {
        "Delta Air Lines"}
    assert entity_of(ledger, ids["tories"], "Spurs") == "Tottenham Hotspur"
    assert entity_of(ledger, ids["tories"], "Tottenham") == "Tottenham"  # typed a place: the list wants ORG
    assert entity_of(ledger, ids["parties"], "FSA") == "Financial Services Authority"  # its initials
    assert ledger.find("tories") == "Conservative Party"


def test_the_users_merges_and_splits_sit_on_top(library):
    lib, ids = library
    ledger = Ledger.build(lib)
    assert ledger.joined_into("Blair") == "Tony Blair"
    assert ledger.split(lib, "Blair") == "Tony Blair"
    assert lib.aliases() == {"Blair": "Blair"}
    assert entity_of(ledger, ids["short"], "Blair") == "Blair"
    assert len(ledger.page("Tony Blair").quotes) == 1
    ledger.merge(lib, ["Blair"], "Cherie Blair")  # the user's word beats the library's
    assert entity_of(ledger, ids["short"], "Blair") == "Cherie Blair"
    assert ledger.unmerge(lib, "Blair")
    assert entity_of(ledger, ids["short"], "Blair") == "Tony Blair"
    assert ledger.split(lib, "Alan Milburn") is None  # joined into nothing


def test_a_merge_leaves_the_type_of_the_entity_merged_into(library):
    lib, _ids = library
    ledger = Ledger.build(lib)
    types = lambda: {s.name: s.type for s in ledger.summaries()}  # noqa: E731
    assert types()["Jane Doe"] == "PER"
    ledger.merge(lib, ["Leeds", "Italy", "Edinburgh"], "Jane Doe")  # three place mentions into one person's
    assert types()["Jane Doe"] == "PER" and "Leeds" not in types()


def note_on(lib: Library, article_id: str, passage: str) -> str:
    text = lib.article(article_id).text
    start = text.index(passage)
    annotation = Annotation(new_id(), article_id, Selector.at(text, start, start + len(passage)))
    lib.add_annotations([annotation])
    return annotation.id


def test_said_by_is_the_quote_by_any_name_of_the_entity_and_nothing_else(library):
    lib, ids = library
    on_quote = note_on(lib, ids["short"], '"There is no row," Blair said')
    on_caption = note_on(lib, ids["short"], "A photo shows the hall.")
    index = SearchIndex.build(lib)
    said = {hit.id for hit in index.search('said-by:"tony blair"').hits}
    assert said == {on_quote}
    assert {hit.id for hit in index.search('person:"tony blair"').hits} == {on_quote, on_caption}
    assert {hit.id for hit in index.search("org:tories", articles=True).hits} == {ids["parties"], ids["tories"]}


def test_the_ledger_the_page_quotes_by_and_said_by_count_the_same_quotes(library, capsys):
    lib, ids = library
    home = lib.layout.home
    lib.close()
    capsys.readouterr()
    assert main(["--home", str(home), "quotes", "--by", "Tony Blair", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    lib = Library(home)
    ledger = Ledger.build(lib)
    summary = next(s for s in ledger.summaries() if s.name == "Tony Blair")
    page = ledger.page("Tony Blair")
    quotes = {(q.article_id, q.start, q.end) for q in page.quotes}
    assert summary.quotes == len(page.quotes) == len(listed) == 2
    assert {(q["article_id"], q["start"], q["end"]) for q in listed} == quotes
    hits = ledger.index.search('said-by:"tony blair"', articles=True).hits
    assert {hit.id for hit in hits} == {article for article, _s, _e in quotes} == {ids["tony"], ids["short"]}
    lib.close()


def test_quotes_by_an_unknown_name_says_so(library, capsys):
    lib, _ids = library
    home = lib.layout.home
    lib.close()
    assert main(["--home", str(home), "quotes", "--by", "Nobody Atall"]) == 1
    assert "no entity named Nobody Atall" in capsys.readouterr().err


def test_a_speaker_never_mentioned_is_a_body_when_its_name_says_so(tmp_path):
    spec = [("committee", "Science report", 'The Commons science committee warned: "Funding is too low." '
             'Jo Vale agreed: "It is."', [], [("Funding is too low.", "Commons science committee"), ("It is.", "Jo Vale")])]
    lib, _ids = build(tmp_path / "home", spec + FILLER)
    types = {s.name: s.type for s in Ledger.build(lib).summaries()}
    assert (types["Commons science committee"], types["Jo Vale"]) == ("ORG", "PER")  # was a person, 0 mentions
