"""A library file put back from an older copy (a backup, another machine's copy) while
reader's mirror holds newer changes: the next change is refused, rather than written on
top and the newer changes buried where `reader doctor` no longer looks. Driven through
`main()` on a library built with the CLI."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reader.cli import main

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def run(capsys: pytest.CaptureFixture[str], home: Path, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["--home", str(home), *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def tags(capsys: pytest.CaptureFixture[str], home: Path) -> dict[str, list[str]]:
    code, out, _ = run(capsys, home, "ls", "--json")
    assert code == 0
    return {a["id"]: a["tags"] for a in json.loads(out)}


def test_a_change_on_an_older_library_file_is_refused_and_doctor_brings_back_the_newest(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "lib"
    assert main(["--home", str(home), "add", str(SEEDS)]) == 0
    article = sorted(tags(capsys, home))[0]
    older = tmp_path / "library.json.old"
    shutil.copy2(home / "library.json", older)
    assert run(capsys, home, "tag", article, "brexit")[0] == 0
    assert run(capsys, home, "tag", article, "newtag")[0] == 0
    shutil.copy2(older, home / "library.json")  # the user puts an old copy back

    code, _, err = run(capsys, home, "star", article)
    assert code == 1
    assert "library.json: is an older version than its backup copy" in err
    assert "reader doctor --restore" in err
    assert (home / "library.json").read_bytes() == older.read_bytes()  # nothing written on top

    code, out, _ = run(capsys, home, "doctor")
    assert code == 1 and "was replaced" in out
    assert run(capsys, home, "doctor", "--restore")[0] == 0
    assert tags(capsys, home)[article] == ["brexit", "newtag"]
    assert run(capsys, home, "star", article)[0] == 0  # and changes are saved again
    code, out, _ = run(capsys, home, "ls", "--json")
    assert next(a for a in json.loads(out) if a["id"] == article)["starred"] is True


def test_a_file_edited_by_hand_still_takes_changes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The same writes count with other content is a hand edit, not an older version."""
    home = tmp_path / "lib"
    assert main(["--home", str(home), "add", str(SEEDS)]) == 0
    article = sorted(tags(capsys, home))[0]
    data = json.loads((home / "library.json").read_text())
    doc = next(d for d in data["articles"].values() if d["id"] == article)
    doc["title"] = "Retitled by hand"
    (home / "library.json").write_text(json.dumps(data))
    assert run(capsys, home, "tag", article, "kept")[0] == 0
    assert tags(capsys, home)[article] == ["kept"]
