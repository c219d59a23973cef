"""People named by a short form of their first name ("Bernie Ebbers", "Vince Cable") are
one entity with their full given name in `reader entities`, articles counted once; two
people whose first names merely could be one stay apart; the user's split of such a join
sticks; the shipped table is what its build script makes of the source list."""

from __future__ import annotations

import json

import pytest

from reader.cli import main
from reader.core.entities import given_names, nickname_sources
from reader.core.entities.ledger import Ledger
from reader.core.store import Library
from test_joins import build

# (key, title, text, [(surface, type, stored name)], quotes): each surface its stored name
def _spec(key: str, text: str, people: list[str], others: list[str] = ()) -> tuple:
    names = [(p, "PER", p) for p in people] + [(o, "ORG", o) for o in others]
    return (key, key.title(), text, names, [])


SPECS = [
    _spec("ebbers1", "Bernie Ebbers told WorldCom staff that Scott Sullivan kept the books.",
          ["Bernie Ebbers", "Scott Sullivan"], ["WorldCom"]),
    _spec("ebbers2", "Scott Sullivan said Bernie Ebbers ran WorldCom.", ["Scott Sullivan", "Bernie Ebbers"],
          ["WorldCom"]),
    _spec("ebbers3", "Bernard Ebbers, WorldCom's founder, faces trial; Scott Sullivan will testify.",
          ["Bernard Ebbers", "Scott Sullivan"], ["WorldCom"]),
    _spec("cable1", "Vince Cable of the Liberal Democrats attacked the Treasury with Charles Kennedy.",
          ["Vince Cable", "Charles Kennedy"], ["Liberal Democrats", "Treasury"]),
    _spec("cable2", "Charles Kennedy and Vince Cable launched the Liberal Democrats' tax plan.",
          ["Charles Kennedy", "Vince Cable"], ["Liberal Democrats"]),
    _spec("cable3", "Vincent Cable, for the Liberal Democrats, answered the Treasury.",
          ["Vincent Cable"], ["Liberal Democrats", "Treasury"]),
    # two people: an actor and a footballer, whose articles share no names
    _spec("actor", "Andrew Scott won at the Royal Court for A Girl in a Car.", ["Andrew Scott"], ["Royal Court"]),
    _spec("goal", "Andy Scott scored as Mansfield lost to Kidderminster.", ["Andy Scott"],
          ["Mansfield", "Kidderminster"]),
    # Ted may be Edward or Edmund Smith: all three stay apart, though their articles say alike
    *(_spec(f"smith{i}", f"{first} Smith told Jane Doe that Acme Mills would close.", [f"{first} Smith", "Jane Doe"],
            ["Acme Mills"]) for i, first in enumerate(["Edward", "Edmund", "Ted"])),
]
FILLER = [(f"filler{i}", f"Weather {i}", f"Rain fell on Town{i}.", [(f"Town{i}", "LOC", f"Town{i}")], [])
          for i in range(60)]


@pytest.fixture
def home(tmp_path):
    lib, _ids = build(tmp_path / "home", SPECS + FILLER)
    lib.close()
    return tmp_path / "home"


def people(home, capsys) -> dict[str, int]:
    """`reader entities --type people`, as a user reads it: name -> articles."""
    capsys.readouterr()
    assert main(["--home", str(home), "entities", "--json", "--type", "people"]) == 0
    return {row["name"]: row["articles"] for row in json.loads(capsys.readouterr().out)}


def test_a_short_form_of_a_first_name_is_one_entity_with_the_full_given_name(home, capsys):
    listed = people(home, capsys)
    assert listed["Bernie Ebbers"] == 3 and "Bernard Ebbers" not in listed
    assert listed["Vince Cable"] == 3 and "Vincent Cable" not in listed
    assert listed["Scott Sullivan"] == 3  # nothing else moved


def test_people_whose_first_names_only_could_be_one_stay_apart(home, capsys):
    listed = people(home, capsys)
    assert listed["Andrew Scott"] == listed["Andy Scott"] == 1  # nothing in common but the name
    assert {"Edward Smith", "Edmund Smith", "Ted Smith"} <= listed.keys()  # Ted is either


def test_the_users_split_of_a_nickname_join_sticks(home, capsys):
    lib = Library(home)
    ledger = Ledger.build(lib)
    assert ledger.joined_into("Vincent Cable") == "Vince Cable"
    assert ledger.split(lib, "Vincent Cable") == "Vince Cable"
    lib.close()
    listed = people(home, capsys)  # a new process: read from library.json
    assert listed["Vince Cable"] == 2 and listed["Vincent Cable"] == 1
    assert listed["Bernie Ebbers"] == 3


def test_the_table_knows_the_usual_short_forms_and_not_the_genealogical_ones():
    same = given_names.same_given_name
    assert all(same(a, b) for a, b in [("bernard", "bernie"), ("vince", "vincent"), ("bill", "william"),
                                       ("tony", "anthony"), ("mike", "michael"), ("jim", "james"),
                                       ("bob", "robert"), ("ted", "edward")])
    assert not any(same(a, b) for a, b in [("ron", "aaron"), ("ron", "veronica"), ("bill", "robert"),
                                           ("ian", "john"), ("paul", "polly"), ("will", "willie")])


def test_the_shipped_table_is_rebuilt_byte_for_byte(tmp_path):
    pytest.importorskip("nicknames")  # the train extra
    pytest.importorskip("names")
    out = tmp_path / "nicknames.tsv"
    nickname_sources.build(out)
    assert out.read_bytes() == given_names.NICKNAMES_FILE.read_bytes()
