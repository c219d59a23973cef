"""Stored analyses by an older analyser are redone before the ledger or the index reads them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from reader.core.analysis import analyse_missing
from reader.core.model import ANALYZER_VERSION, Article, Block
from reader.core.store import Library

TEXT = '"We will build it," said Maria Okafor, the mayor of Lagos.'


def library_with_an_old_analysis(home: Path) -> tuple[Library, str]:
    library = Library(home)
    article, _ = library.add(Article.create("Mayor", [Block("paragraph", TEXT)]))
    analyse_missing(library)
    current = library.analysis(article.id)
    assert current is not None and current.version == ANALYZER_VERSION
    library.save_analysis(article.id, replace(current, version=ANALYZER_VERSION - 1, entities=(), quotes=()))
    library.layout.analyses_version.write_text(f"{ANALYZER_VERSION - 1}\n")  # as an older reader left it
    return library, article.id


def test_an_analysis_by_an_older_reader_is_redone_once(tmp_path: Path) -> None:
    library, article_id = library_with_an_old_analysis(tmp_path)
    told: list[int] = []
    assert analyse_missing(library, told.append) == 1
    redone = library.analysis(article_id)
    assert redone is not None and redone.version == ANALYZER_VERSION
    assert any(e.name == "Maria Okafor" for e in redone.entities)
    assert told == [1]
    assert analyse_missing(library, told.append) == 0 and told == [1]


def test_once_checked_only_missing_analyses_are_looked_for(tmp_path: Path) -> None:
    library, article_id = library_with_an_old_analysis(tmp_path)
    analyse_missing(library)
    library.layout.analysis(article_id).unlink()
    assert analyse_missing(library) == 1
