"""Library.add_many: a run of articles in one save, with `add`'s answers for each."""

from __future__ import annotations

from pathlib import Path

from reader.core.model import Analysis, Article, Block
from reader.core.store import Library
from reader.core.store.files import write_all


def article(title: str) -> Article:
    return Article.create(title, [Block("paragraph", f"{title}: the council met on Tuesday.")])


def test_each_article_is_added_once_and_the_others_are_named(tmp_path: Path) -> None:
    library = Library(tmp_path / "lib")
    here = article("Here already")
    library.add(here)
    one, two = article("One"), article("Two")
    results = library.add_many([one, here, two, article("One")])
    assert [(a.id, created) for a, created in results] == [
        (one.id, True), (here.id, False), (two.id, True), (one.id, False),
    ]
    assert results[1][0].title == "Here already"
    assert sorted(a.id for a in library.articles()) == sorted([here.id, one.id, two.id])
    assert library.article(two.id).text == two.text
    again = Library(tmp_path / "lib")  # another process sees them all, bodies and mirrors too
    assert again.article(one.id).blocks == one.blocks
    assert (tmp_path / "lib" / "backups" / "bodies" / f"{one.id}.json.0").exists()


def test_analyses_are_saved_together(tmp_path: Path) -> None:
    library = Library(tmp_path / "lib")
    made = [article("One"), article("Two")]
    library.add_many(made)
    library.save_analyses({a.id: Analysis(7) for a in made})
    assert [library.analysis(a.id) for a in made] == [Analysis(7), Analysis(7)]
    library.save_analyses({})  # nothing to save: no error, no lock


def test_write_all_leaves_each_file_and_its_mirror(tmp_path: Path) -> None:
    backups = tmp_path / "backups"
    write_all([(tmp_path / "a" / "x.json", "1", backups), (tmp_path / "b" / "y.json", "2", None)])
    write_all([(tmp_path / "a" / "x.json", "3", backups)])
    assert (tmp_path / "a" / "x.json").read_text() == "3" and (tmp_path / "b" / "y.json").read_text() == "2"
    assert (backups / "x.json.0").read_text() == "3" and (backups / "x.json.1").read_text() == "1"
