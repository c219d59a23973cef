"""`reader entity NAME` as a user drives it: the text, the --json shape the issue asks for,
an unknown name (exit 1, close names), and merging/unmerging split names."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from reader.cli import main

_spec = importlib.util.spec_from_file_location(
    "ledger_fixture", Path(__file__).resolve().parents[1] / "unit" / "test_ledger.py"
)
fixture = importlib.util.module_from_spec(_spec)  # type: ignore[arg-type]
_spec.loader.exec_module(fixture)  # type: ignore[union-attr]


def run(home: Path, *argv: str) -> int:
    return main(["--home", str(home), *argv])


@pytest.fixture
def home(tmp_path):
    lib, ids, notes = fixture.make_library(tmp_path / "home")
    lib.close()
    return tmp_path / "home", ids, notes


def test_text_lists_articles_quotes_and_notes(home, capsys):
    path, ids, _ = home
    assert run(path, "entity", "Marco", "Rubio") == 0
    out = capsys.readouterr().out
    assert out.startswith("Marco Rubio  (PER, people)")
    assert "3 articles, 4 mentions, 1 quote, 2 notes" in out
    lines = out.splitlines()
    titles = [i for i, line in enumerate(lines) if ids["a2"][:8] in line and "Kyiv and Washington" in line]
    older = [i for i, line in enumerate(lines) if ids["a4"][:8] in line]
    assert titles and older and titles[0] < older[0]  # newest first
    assert "2025-03-02  Guardian" in out
    assert "“The talks were useful,”" in out
    assert "Like what Marco Rubio said" in out


def test_json_shape(home, capsys):
    path, ids, notes = home
    capsys.readouterr()
    assert run(path, "entity", "rubio", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert {"name", "type", "articles", "quotes", "notes"} <= data.keys()
    assert (data["name"], data["type"]) == ("Marco Rubio", "PER")
    assert data["articles"][0] == {
        "id": ids["a2"], "title": "Kyiv and Washington meet in Geneva", "source": "Guardian",
        "date": "2025-03-02", "mentions": 2,
    }
    assert [a["id"] for a in data["articles"]] == [ids["a2"], ids["a1"], ids["a4"]]
    quote = data["quotes"][0]
    assert {"text", "speaker", "article_id", "title", "date", "start", "end"} <= quote.keys()
    assert (quote["text"], quote["speaker"], quote["article_id"]) == ("The talks were useful,", "Marco Rubio", ids["a2"])
    capsys.readouterr()
    assert run(path, "notes", "--json") == 0
    as_notes = {n["id"]: n for n in json.loads(capsys.readouterr().out)}
    assert [n["id"] for n in data["notes"]] == [notes["names_rubio"].id, notes["on_rubio"].id]
    assert data["notes"] == [as_notes[n["id"]] for n in data["notes"]]  # as `reader notes --json` prints them


def test_unknown_name_exits_1_with_close_names(home, capsys):
    path, _, _ = home
    capsys.readouterr()
    assert run(path, "entity", "Marco Rubios") == 1
    err = capsys.readouterr().err
    assert err == "reader: no entity named Marco Rubios; did you mean Marco Rubio?\n"
    assert run(path, "entity", "zelensk") == 1  # ambiguous: both spellings offered
    err = capsys.readouterr().err
    assert "Volodymyr Zelenskyy" in err and "Zelensky" in err


def test_merge_into_a_misspelt_name_suggests_the_library_s_spelling_and_changes_nothing(home, capsys):
    path, _, _ = home
    capsys.readouterr()
    assert run(path, "entity", "Zelensky", "--merge-into", "Volodimir Zelenskyy") == 1
    err = capsys.readouterr().err
    assert err.startswith("reader: no entity named Volodimir Zelenskyy; did you mean Volodymyr Zelenskyy")
    assert err.count("\n") == 1
    assert run(path, "entity", "Zelenski", "--merge-into", "Volodymyr Zelenskyy") == 1
    assert "did you mean Zelensky" in capsys.readouterr().err
    assert run(path, "entity", "nobody at all") == 1
    assert capsys.readouterr().err == "reader: no entity named nobody at all\n"  # nothing close: no guess
    assert run(path, "entity", "Zelensky", "--json") == 0
    assert json.loads(capsys.readouterr().out)["name"] == "Zelensky"  # not merged


def test_merge_and_unmerge(home, capsys):
    path, ids, _ = home
    assert run(path, "entity", "Zelensky", "--merge-into", "Volodymyr Zelenskyy") == 0
    assert "Merged Zelensky into Volodymyr Zelenskyy." in capsys.readouterr().out
    assert run(path, "entity", "zelensky", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["name"] == "Volodymyr Zelenskyy"
    assert data["aliases"] == ["Zelensky"]
    assert {a["id"] for a in data["articles"]} == {ids["a1"], ids["a2"]}
    assert run(path, "entity", "Zelensky", "--unmerge") == 0
    assert "Unmerged Zelensky." in capsys.readouterr().out
    assert run(path, "entity", "Zelensky", "--json") == 0
    assert json.loads(capsys.readouterr().out)["name"] == "Zelensky"
    assert run(path, "entity", "Zelensky", "--unmerge") == 1
    assert run(path, "entity", "Nobody", "--merge-into", "Marco Rubio") == 1


def test_entities_lists_what_the_app_lists_with_merges_applied(home, capsys):
    path, _, _ = home

    def listed() -> dict[str, dict]:
        assert run(path, "entities", "--json") == 0
        return {row["name"]: row for row in json.loads(capsys.readouterr().out)}

    before = listed()
    assert {"Zelensky", "Volodymyr Zelenskyy"} <= before.keys()
    assert {"articles", "mentions", "quotes", "notes", "type"} <= before["Zelensky"].keys()
    run(path, "entity", "Zelensky", "--merge-into", "Volodymyr Zelenskyy")
    capsys.readouterr()
    after = listed()
    assert "Zelensky" not in after
    merged, apart = after["Volodymyr Zelenskyy"], (before["Volodymyr Zelenskyy"], before["Zelensky"])
    assert merged["mentions"] == apart[0]["mentions"] + apart[1]["mentions"]
    assert run(path, "entities") == 0
    text = capsys.readouterr().out
    assert text.startswith("People\n") and "Volodymyr Zelenskyy" in text and " Zelensky " not in text



def test_entities_of_some_types_at_most_n_of_each(home, capsys):
    path, _, _ = home
    assert run(path, "entities", "--json") == 0
    every = json.loads(capsys.readouterr().out)
    assert all(sum(r["type"] == kind for r in every) > 1 for kind in ("PER", "LOC"))  # --limit 1 leaves some out
    assert run(path, "entities", "--type", "people", "--type", "places", "--limit", "1", "--json") == 0
    rows = json.loads(capsys.readouterr().out)
    firsts = [next(r for r in every if r["type"] == kind) for kind in ("PER", "LOC")]
    assert rows == firsts  # the most-mentioned of each, in the listing's order
    assert run(path, "entities", "--type", "places") == 0
    text = capsys.readouterr().out
    assert text.startswith("Places\n") and "People" not in text
    with pytest.raises(SystemExit) as bad:
        run(path, "entities", "--limit", "0")
    assert bad.value.code == 2 and "must be 1 or more" in capsys.readouterr().err


_joins_spec = importlib.util.spec_from_file_location(
    "joins_fixture", Path(__file__).resolve().parents[1] / "unit" / "test_joins.py"
)
joins_fixture = importlib.util.module_from_spec(_joins_spec)  # type: ignore[arg-type]
_joins_spec.loader.exec_module(joins_fixture)  # type: ignore[union-attr]


@pytest.fixture
def joined(tmp_path):
    lib, ids = joins_fixture.build(tmp_path / "joined", joins_fixture.POLITICS + joins_fixture.FILLER)
    lib.close()
    return tmp_path / "joined", ids


def quoted_by(path: Path, name: str, capsys) -> list[str]:
    capsys.readouterr()
    assert run(path, "quotes", "--by", name, "--json") == 0
    return sorted(q["text"] for q in json.loads(capsys.readouterr().out))


def test_quotes_by_a_full_name_has_the_quotes_given_to_its_surname(joined, capsys):
    path, _ids = joined
    assert quoted_by(path, "Tony Blair", capsys) == ["There is no row,", "We will win,"]
    assert run(path, "quotes", "--by", "tony blair") == 0
    out = capsys.readouterr().out
    assert "Tony Blair: “There is no row,”" in out and "Blair:" not in out.replace("Tony Blair:", "")


def test_split_an_automatic_join_and_join_it_again(joined, capsys):
    path, _ids = joined
    assert run(path, "entity", "Blair", "--split") == 0
    assert "Kept Blair apart from Tony Blair" in capsys.readouterr().out
    assert quoted_by(path, "Tony Blair", capsys) == ["We will win,"]
    assert quoted_by(path, "Blair", capsys) == ["There is no row,"]
    assert run(path, "entity", "Blair", "--split") == 1  # apart already
    assert "Blair is not joined into another name" in capsys.readouterr().err
    assert run(path, "entity", "Blair", "--unmerge") == 0  # the split undone: joined as the library says
    assert "no longer kept apart" in capsys.readouterr().out
    assert quoted_by(path, "Tony Blair", capsys) == ["There is no row,", "We will win,"]
    assert run(path, "entity", "Blair", "--unmerge") == 0  # an automatic join: --unmerge splits it
    assert "Kept Blair apart from Tony Blair" in capsys.readouterr().out
    assert run(path, "entity", "Tories", "--split") == 0
    assert "Kept Tories apart from Conservative Party" in capsys.readouterr().out
    assert run(path, "entities", "--json") == 0
    rows = {row["name"]: row["type"] for row in json.loads(capsys.readouterr().out)}
    assert {"Tories", "Conservative Party", "Blair"} <= rows.keys() and rows["Conservative Party"] == "ORG"


def test_the_readme_merge_example_works_on_the_samples_as_a_new_user_has_them(tmp_path, capsys):
    """The samples as the app imports them, never opened (no analysis stored yet): the
    README's `reader entity ... --merge-into ...` line merges, and --unmerge undoes it."""
    import shlex

    from reader.core.seeds import import_seeds_if_empty
    from reader.core.store import Library

    library = Library(tmp_path / "home")
    assert len(import_seeds_if_empty(library)) == 2
    library.close()
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    example = next(line for line in readme.splitlines() if line.startswith("reader entity") and "--merge-into" in line)
    argv = shlex.split(example.split("#", 1)[0])[1:]
    capsys.readouterr()
    assert run(tmp_path / "home", *argv) == 0, capsys.readouterr().err
    assert capsys.readouterr().out.startswith("Merged ")
    name = argv[1]
    assert run(tmp_path / "home", "entity", name, "--unmerge") == 0
    assert capsys.readouterr().out == f"Unmerged {name}.\n"


def test_a_surname_means_the_person_the_library_mostly_names_so_else_it_says_whom_it_could_be(tmp_path, capsys):
    """`quotes --by blair` where the library has Tony Blair in four articles and Cherie
    Blair in one: Tony Blair's quotes. Where no one dominates, the line says who it could
    be, not that no one has the name; a merge never guesses."""
    tony = [(f"tony{i}", f"Speech {i}", f'"We will win {i}," Tony Blair said in Leeds.',
             [("Tony Blair", "PER", "Tony Blair"), ("Leeds", "LOC", "Leeds")], [(f"We will win {i},", "Tony Blair")])
            for i in range(4)]
    cherie = joins_fixture.POLITICS[2]
    lib, _ids = joins_fixture.build(tmp_path / "many", tony + [cherie] + joins_fixture.FILLER)
    lib.close()
    assert quoted_by(tmp_path / "many", "blair", capsys) == [f"We will win {i}," for i in range(4)]
    assert run(tmp_path / "many", "entity", "blair", "--merge-into", "Leeds") == 1
    assert capsys.readouterr().err == (
        "reader: blair could be Tony Blair (4 articles) or Cherie Blair (1 article): give more of the name\n"
    )

    # --by chooses among those with quotes, as said-by: does: Cherie Blair said nothing here.
    lib, _ids = joins_fixture.build(tmp_path / "even", tony[:1] + [cherie] + joins_fixture.FILLER)
    lib.close()
    assert quoted_by(tmp_path / "even", "blair", capsys) == ["We will win 0,"]
    cherie_said = ("cherie", "A new school", 'Cherie Blair opened a school in Leeds. "Welcome," Cherie Blair said.',
                   [("Cherie Blair", "PER", "Cherie Blair"), ("Leeds", "LOC", "Leeds")], [("Welcome,", "Cherie Blair")])
    lib, _ids = joins_fixture.build(tmp_path / "both", tony[:1] + [cherie_said] + joins_fixture.FILLER)
    lib.close()
    capsys.readouterr()
    assert run(tmp_path / "both", "quotes", "--by", "blair") == 1
    assert capsys.readouterr().err == (
        "reader: blair could be Cherie Blair (1 article) or Tony Blair (1 article): give more of the name\n"
    )


class _Names:
    """A ledger as close_names reads it: its names, and no short-form suggestions."""

    def __init__(self, names: list[str]) -> None:
        self.names = names

    def summaries(self) -> list:
        return [type("Summary", (), {"name": name})() for name in self.names]

    def suggestions(self, name: str, n: int) -> list[str]:
        return []


def test_did_you_mean_offers_names_not_initials_and_reads_a_misspelt_surname():
    """A new user typed "Goldsmth" and was offered "D., H. or M.", "Tony Blar" got "Tony or NY"."""
    from reader.cli.entity import close_names

    ledger = _Names(["D.", "H.", "M.", "NY", "R.", "Tony", "Tony Blair", "Peter Goldsmith", "Gordon Brown"])
    assert close_names(ledger, "Goldsmth") == ["Peter Goldsmith"]  # type: ignore[arg-type]
    assert close_names(ledger, "Tony Blar") == ["Tony Blair"]  # type: ignore[arg-type]
    assert close_names(ledger, "Gordn Brown") == ["Gordon Brown"]  # type: ignore[arg-type]
    assert close_names(ledger, "Zzyzx") == []  # type: ignore[arg-type]


def test_merge_takes_unquoted_words_of_one_name_on_either_side(home, capsys):
    path, _, _ = home
    capsys.readouterr()
    assert run(path, "entity", "Zelensky", "--merge-into", "Volodymyr", "Zelenskyy") == 0  # was: unrecognized arguments
    assert "Merged Zelensky into Volodymyr Zelenskyy." in capsys.readouterr().out
    assert run(path, "entity", "Marco", "Rubio", "--merge-into", "Volodymyr", "Zelenskyy") == 0
    assert "Merged Marco Rubio into Volodymyr Zelenskyy." in capsys.readouterr().out  # one name, not "Marco" and "Rubio"
    assert run(path, "entity", "Marco", "Rubio", "--unmerge") == 0
