"""The CLI as a user drives it: what it prints, what it keeps, how it fails."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.store import Library

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
SEED_000 = "000_d3b81d7104f315b4.txt"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "lib"


def run(home: Path, *argv: str) -> int:
    return main(["--home", str(home), *argv])


def run_json(capsys: pytest.CaptureFixture[str], home: Path, *argv: str):
    capsys.readouterr()
    assert run(home, *argv, "--json") == 0
    return json.loads(capsys.readouterr().out)


@pytest.fixture
def seeded(home: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, dict]:
    assert run(home, "add", str(SEEDS)) == 0
    articles = run_json(capsys, home, "ls")
    return {a["title"][:20]: a for a in articles}


def article_id(seeded: dict[str, dict], title_start: str) -> str:
    return next(a["id"] for t, a in seeded.items() if t.startswith(title_start))


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.startswith("reader ")


def test_ls_json_has_the_documented_fields(seeded):
    assert len(seeded) == 2
    for article in seeded.values():
        assert {"id", "title", "author", "source", "published", "tags", "notes", "read"} <= article.keys()
    rubio = seeded["Higher-level ceasefi"]
    assert rubio["source"] == "The Kyiv Independent" and rubio["notes"] == 0 and rubio["read"] is False
    morgan = next(a for a in seeded.values() if a["author"] == "Ryan Morgan")
    assert morgan["published"] == "2025-03-12"


def test_adding_again_does_not_duplicate(home, seeded, capsys):
    assert run(home, "add", str(SEEDS / SEED_000)) == 0
    assert "0 added, 1 already in the library" in capsys.readouterr().out
    assert len(run_json(capsys, home, "ls")) == 2


def test_note_by_quote_prefix_id_and_list(home, seeded, capsys):
    rubio = article_id(seeded, "Higher")
    note = run_json(capsys, home, "note", rubio[:4], "--quote", "dragging their feet",
                    "--note", "Trump's words", "--tag", "Trump", "--tag", "quotes")
    assert note["quote"] == "dragging their feet"
    text = run_json(capsys, home, "show", rubio)["text"]
    assert text[note["start"]:note["end"]] == "dragging their feet"
    assert note["prefix"] == text[note["start"] - 32:note["start"]]
    notes = run_json(capsys, home, "notes")
    assert [(n["quote"], n["note"], n["tags"], n["color"]) for n in notes] == [
        ("dragging their feet", "Trump's words", ["trump", "quotes"], 1)
    ]
    assert {"id", "article_id", "quote", "note", "tags", "color"} <= notes[0].keys()
    assert run_json(capsys, home, "ls")[0]["notes"] + run_json(capsys, home, "ls")[1]["notes"] == 1


def test_note_accepts_straight_quotes_for_curly_text(home, seeded, capsys):
    morgan = article_id(seeded, "U.S. Secretary")
    note = run_json(capsys, home, "note", morgan, "--quote", "it'll tell us a lot")
    assert note["quote"] == "it\u2019ll tell us a lot"


def test_note_finds_a_quote_typed_in_another_case(home, seeded, capsys):
    """The passage as the article has it is kept; an exact match still comes first."""
    morgan = article_id(seeded, "U.S. Secretary")
    note = run_json(capsys, home, "note", morgan, "--quote", "IT'LL TELL US A LOT")
    assert note["quote"] == "it\u2019ll tell us a lot"


@pytest.mark.parametrize(
    ("quote", "message"),
    [("words nobody wrote", "is not in the article"), ("Rubio said", "occurs"), ("  ", "empty")],
)
def test_bad_quotes_are_one_clear_line(home, seeded, capsys, quote, message):
    capsys.readouterr()
    assert run(home, "note", article_id(seeded, "Higher"), "--quote", quote) == 1
    captured = capsys.readouterr()
    assert message in captured.err and captured.err.count("\n") == 1
    assert "Traceback" not in captured.err
    assert run_json(capsys, home, "notes") == []


def test_unknown_and_ambiguous_ids(home, seeded, capsys):
    capsys.readouterr()
    assert run(home, "show", "zzzz") == 1
    assert "no article with an id starting 'zzzz'" in capsys.readouterr().err
    assert run(home, "show", "") == 1


def test_tag_and_untag(home, seeded, capsys):
    rubio = article_id(seeded, "Higher")
    assert run_json(capsys, home, "tag", rubio, "Ukraine", "#diplomacy", "ukraine")["tags"] == ["ukraine", "diplomacy"]
    assert run_json(capsys, home, "tag", rubio, "ukraine", "--remove")["tags"] == ["diplomacy"]
    assert next(a for a in run_json(capsys, home, "ls") if a["id"] == rubio)["tags"] == ["diplomacy"]



def test_removing_a_tag_that_is_not_there_says_so(home, seeded, capsys):
    """`--remove diplomcy` (a typo) removes nothing: one line says so, and the exit too."""
    rubio = article_id(seeded, "Higher")
    assert run(home, "tag", rubio, "diplomacy", "ukraine") == 0
    capsys.readouterr()
    assert run(home, "tag", rubio, "ukraine", "diplomcy", "--remove") == 1
    captured = capsys.readouterr()
    assert captured.out.strip().endswith("  #diplomacy")  # what was there to remove is removed
    assert captured.err.strip() == "reader: the article had no tag #diplomcy: nothing removed for it"
    note = run_json(capsys, home, "note", rubio, "--quote", "dragging their feet", "--tag", "civic")["id"]
    assert run(home, "note", "--edit", note, "--untag", "civc") == 1
    assert "the note had no tag #civc" in capsys.readouterr().err
    assert run_json(capsys, home, "notes")[0]["tags"] == ["civic"]


class Terminal(io.StringIO):
    """What a user types at a terminal."""

    def isatty(self) -> bool:
        return True


def test_rm_asks_and_says_how_many_notes_go(home, seeded, capsys, monkeypatch):
    rubio = article_id(seeded, "Higher")
    run(home, "note", rubio, "--quote", "dragging their feet")
    monkeypatch.setattr("sys.stdin", Terminal("n\n"))
    capsys.readouterr()
    assert run(home, "rm", rubio) == 0
    captured = capsys.readouterr()
    assert "and its 1 note?" in captured.err and "Nothing removed" in captured.out
    assert len(run_json(capsys, home, "ls")) == 2
    assert run(home, "rm", rubio, "--yes") == 0
    assert "Removed" in capsys.readouterr().out
    assert len(run_json(capsys, home, "ls")) == 1
    assert run_json(capsys, home, "notes") == []


def test_rm_without_a_terminal_to_ask_at_removes_nothing_and_says_why(home, seeded, capsys, monkeypatch):
    """A script's `reader rm ID` printed the question, then "Nothing removed." with exit 0."""
    rubio = article_id(seeded, "Higher")
    run(home, "note", rubio, "--quote", "dragging their feet")
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))  # piped: not an answer typed at a terminal
    capsys.readouterr()
    assert run(home, "rm", rubio) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and captured.err.startswith(f"reader: not removed: {rubio[:8]} “Higher-level")
    assert "and its 1 note" in captured.err and "-y" in captured.err
    assert len(run_json(capsys, home, "ls")) == 2
    assert run(home, "rm", rubio, "-y") == 0


def test_show_prints_clean_text_with_metadata(home, seeded, capsys):
    capsys.readouterr()
    assert run(home, "show", article_id(seeded, "Higher")) == 0
    out = capsys.readouterr().out
    assert out.startswith("Higher-level ceasefire talks with Russia premature")
    assert "The Kyiv Independent" in out and "Moscow has so far refused." in out
    assert "Avatar" not in out and "News Feed" not in out


def test_batch_with_bad_files_imports_the_rest_and_fails(home, tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text("A fine title\n\nA first paragraph of the article, long enough to be real.\n")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\xe9 society\n\nThe caf\xe9 was full of na\xefve people.\n".encode("latin-1"))
    capsys.readouterr()
    code = run(home, "add", str(good), str(empty), str(binary), str(latin), str(tmp_path / "missing.txt"))
    captured = capsys.readouterr()
    assert code == 1
    assert f"{empty}: empty file" in captured.err
    assert f"{binary}: binary file" in captured.err
    assert "missing.txt: no such file" in captured.err
    assert "Windows-1252" in captured.err
    assert "2 added, 0 already in the library, 3 failed" in captured.out
    titles = sorted(a["title"] for a in run_json(capsys, home, "ls"))
    assert titles == ["A fine title", "Café society"]


def test_corrupt_library_is_named_kept_and_restored_by_doctor(home, seeded, capsys):
    rubio = article_id(seeded, "Higher")
    run(home, "tag", rubio, "kept")
    index = home / "library.json"
    index.write_bytes(b'{"articles": {"1": ')
    capsys.readouterr()
    assert run(home, "ls") == 1
    err = capsys.readouterr().err
    assert str(index) in err and "not valid JSON" in err and "reader doctor" in err
    assert index.read_bytes() == b'{"articles": {"1": '
    assert run(home, "doctor") == 1
    assert "would restore it from" in capsys.readouterr().out
    assert run(home, "doctor", "--restore") == 0
    assert "restored" in capsys.readouterr().out
    assert list(home.glob("library.json.broken-*"))[0].read_bytes() == b'{"articles": {"1": '
    listed = run_json(capsys, home, "ls")
    assert len(listed) == 2
    assert [a["tags"] for a in listed if a["id"] == rubio] == [["kept"]]  # the newest change too
    assert run(home, "doctor") == 0


def test_newer_schema_is_refused_untouched(home, seeded, capsys):
    index = home / "library.json"
    data = json.loads(index.read_text())
    data["meta"]["1"]["schema"] = 99
    index.write_text(json.dumps(data))
    before = index.read_bytes()
    capsys.readouterr()
    assert run(home, "tag", article_id(seeded, "Higher"), "x") == 1
    assert "newer reader (schema 99" in capsys.readouterr().err
    assert index.read_bytes() == before
    assert run(home, "doctor", "--restore") == 1


def test_home_from_environment(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("READER_HOME", str(tmp_path / "env-home"))
    assert main(["add", str(SEEDS / SEED_000)]) == 0
    assert len(Library(tmp_path / "env-home").articles()) == 1


def test_home_after_the_subcommand(tmp_path, capsys):
    assert main(["add", str(SEEDS / "000_d3b81d7104f315b4.txt"), "--home", str(tmp_path / "h2")]) == 0
    assert (tmp_path / "h2" / "library.json").exists()
    assert main(["ls", "--home", str(tmp_path / "h2")]) == 0


@pytest.mark.parametrize("argv", [["ls"], ["notes"], ["search", "blair"], ["feed", "ls"], ["tag", "abc", "x"]])
def test_a_mistyped_home_is_named_not_made_into_an_empty_library(tmp_path, capsys, argv):
    """`--home ~/libary ls` said "The library is empty" and left an empty library there."""
    typo = tmp_path / "libary"
    assert main([*argv, "--home", str(typo)]) == 1
    assert capsys.readouterr().err.strip() == f"reader: no library at {typo} (`reader --home {typo} add FILE` starts one there)"
    assert not typo.exists()


def test_hostile_note_text_is_sanitised(home, seeded, capsys):
    rubio = article_id(seeded, "Higher")
    note = run_json(capsys, home, "note", rubio, "--quote", "dragging their feet",
                    "--note", "\x1b]52;c;aGk=\x07evil\x1b[2J [bold]x[/]", "--tag", "a\x1bb")
    assert note["note"] == "]52;c;aGk=evil[2J [bold]x[/]"
    assert note["tags"] == ["ab"]


def test_note_says_its_short_id_and_the_article_and_json_keeps_the_whole_note(home, seeded, capsys):
    """A new user got a bare 32-character id back; scripts read the id from --json."""
    rubio = article_id(seeded, "Higher")
    capsys.readouterr()
    assert run(home, "note", rubio, "--quote", "dragging their feet") == 0
    line = capsys.readouterr().out.strip()
    (note,) = run_json(capsys, home, "notes")
    assert line == f"noted {note['id'][:8]} on “Higher-level ceasefire talks with Russia premature, Rubio s…”"
    assert run(home, "note", "--edit", line.split()[1], "--tag", "feet") == 0  # the short id is one to use
    made = run_json(capsys, home, "note", rubio, "--quote", "premature")
    assert len(made["id"]) == 32 and made["quote"] == "premature"


@pytest.mark.parametrize("argv, said", [
    (["taag"], "invalid choice: 'taag'; did you mean 'tag'?"),
    (["feed", "lss"], "invalid choice: 'lss'; did you mean 'ls'?"),
    (["entities", "--type", "peple"], "invalid choice: 'peple'; did you mean 'people'?"),
])
def test_a_mistyped_command_or_choice_names_the_closest(argv, said, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1].endswith(said)


def test_a_command_like_no_other_still_lists_them_all(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["xyzzy"])
    assert exit_.value.code == 2
    assert "(choose from 'add', 'ls'" in capsys.readouterr().err


def test_a_note_id_given_for_an_article_id_says_whose_note_it_is(home, seeded, capsys):
    """`reader notes c70c` with a note's id said only "no article with an id starting 'c70c'"."""
    rubio = article_id(seeded, "Higher")
    note = run_json(capsys, home, "note", rubio, "--quote", "dragging their feet", "--note", "n")
    assert main(["--home", str(home), "notes", note["id"][:6]]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"reader: '{note['id'][:6]}' is a note's id, not an article's: the note is on “Higher")
    assert err.endswith(f"article {rubio[:8]}")
