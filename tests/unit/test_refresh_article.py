"""Re-fetching one article: its notes re-anchor and are stored, orphans kept, nothing deleted."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.ingest import Imported
from reader.core.model import Anchor, Article, Block
from reader.core.refresh import RefreshError, refresh_article
from reader.core.store import Library

URL = "https://news.example/story"
PARAS = [
    "The council met on Tuesday evening.",
    "The quick brown fox jumps over the lazy dog, the mayor said.",
    "Residents asked about the bridge, which has been closed since March.",
]


def article(paras: list[str], title: str = "Council meets", url: str | None = URL) -> Article:
    return Article.create(title, [Block("paragraph", p) for p in paras], url=url, author="A. Writer")


def note_on(library: Library, article_id: str, quote: str, note: str):
    text = library.article(article_id).text
    start = text.index(quote)
    return library.annotate(article_id, start, start + len(quote), note=note, tags=["kept"])


@pytest.fixture
def library(tmp_path: Path) -> Library:
    lib = Library(tmp_path / "home")
    yield lib
    lib.close()


def fake_load(fresh: Article):
    calls: list[str] = []

    def load(url: str, **kwargs) -> Imported:
        calls.append(url)
        return Imported(article=fresh, warnings=[])

    load.calls = calls  # type: ignore[attr-defined]
    return load


def test_notes_reanchor_and_are_stored(library: Library) -> None:
    old, _ = library.add(article(PARAS))
    library.tag_article(old.id, add=["politics"])
    library.update_article(old.id, starred=True, read=True)
    same = note_on(library, old.id, "Residents asked about the bridge", "exact? no: moved")
    fox = note_on(library, old.id, "The quick brown fox jumps over the lazy dog", "fuzzy")
    gone = note_on(library, old.id, "The council met on Tuesday evening.", "will be orphaned")

    new_paras = [
        "Update: the mayor has since resigned, the council said on Wednesday.",
        "The quick red fox jumps over the lazy dog, the mayor said.",
        PARAS[2],
    ]
    fresh = article(new_paras, title="Council meets (updated)")
    load = fake_load(fresh)
    report = refresh_article(library, old.id, load=load)

    assert load.calls == [URL]
    assert report.changed and report.counts == {"exact": 0, "moved": 1, "fuzzy": 1, "orphan": 1}
    assert report.notes == 3 and report.orphans == 1

    stored = library.article(old.id)
    assert stored.text == fresh.text and stored.title == "Council meets (updated)"
    assert stored.tags == ["politics"] and stored.starred and stored.read  # the user's state stays

    notes = {n.id: n for n in library.annotations(old.id)}
    assert set(notes) == {same.id, fox.id, gone.id}  # nothing deleted
    text = stored.text
    assert notes[same.id].anchor == Anchor("moved", 1.0)
    assert text[notes[same.id].selector.start : notes[same.id].selector.end] == "Residents asked about the bridge"
    assert notes[fox.id].anchor.state == "fuzzy" and 0.75 <= notes[fox.id].anchor.score < 1
    assert notes[fox.id].selector.exact == "The quick red fox jumps over the lazy dog"
    orphan = notes[gone.id]
    assert orphan.anchor == Anchor("orphan", 0.0)
    assert orphan.selector == gone.selector  # the old selector is kept as it was
    assert orphan.note == "will be orphaned" and orphan.tags == ["kept"]


def test_unchanged_text_changes_nothing(library: Library) -> None:
    old, _ = library.add(article(PARAS))
    fox = note_on(library, old.id, "The quick brown fox", "note")
    before = library.annotations(old.id)
    report = refresh_article(library, old.id, load=fake_load(article(PARAS, title="Retitled")))
    assert not report.changed and report.counts["exact"] == 1
    assert library.annotations(old.id) == before
    assert library.article(old.id).title == "Council meets"
    assert fox.anchor == Anchor()


def test_the_fresh_article_keeps_the_old_id(library: Library) -> None:
    old, _ = library.add(article(PARAS))
    fresh = article(PARAS[:2], url="https://news.example/story?utm=1")  # a different URL, so a different id
    assert fresh.id != old.id
    refresh_article(library, old.id, load=fake_load(fresh))
    assert [a.id for a in library.articles()] == [old.id]
    assert library.article(old.id).text == "\n\n".join(PARAS[:2])


def test_fetch_is_passed_to_load(library: Library) -> None:
    old, _ = library.add(article(PARAS))
    seen: dict[str, object] = {}

    def load(url: str, fetch=None) -> Article:
        seen["fetch"] = fetch
        return article(PARAS + ["More."])

    marker = object()
    refresh_article(library, old.id, fetch=marker, load=load)
    assert seen["fetch"] is marker


def test_a_file_imported_article_is_a_clear_error(library: Library) -> None:
    old, _ = library.add(article(PARAS, url=None))
    with pytest.raises(RefreshError, match="not imported from a web page"):
        refresh_article(library, old.id, load=fake_load(article(PARAS)))
    local, _ = library.add(article(PARAS, title="Local", url="file:///tmp/story.html"))
    with pytest.raises(RefreshError, match="nothing to re-fetch"):
        refresh_article(library, local.id, load=fake_load(article(PARAS)))


def test_an_empty_page_leaves_the_article_and_notes_alone(library: Library) -> None:
    old, _ = library.add(article(PARAS))
    note = note_on(library, old.id, "The quick brown fox", "note")
    with pytest.raises(RefreshError, match="no article text"):
        refresh_article(library, old.id, load=fake_load(article([""])))
    assert library.article(old.id).text == "\n\n".join(PARAS)
    assert library.annotations(old.id) == [note]
