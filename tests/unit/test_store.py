"""The Library API: round trips, annotations, id prefixes, and two Library objects on one home."""

from __future__ import annotations

import json
import threading
from datetime import date, datetime, timedelta, timezone

import pytest

from reader.core.model import CONTEXT_CHARS, Article, Block
from reader.core.store import Library, LibraryError, NotFoundError

SENTENCE = "The quick brown fox jumps over the lazy dog near the river bank at dawn."


def make_article(title: str = "A title", paragraphs: int = 6, article_id: str | None = None, **meta) -> Article:
    blocks = [Block("heading", title)] + [
        Block("paragraph", f"Paragraph {i} of {title}. {SENTENCE} Line {i} ends here.")
        for i in range(paragraphs)
    ]
    article = Article.create(title, blocks, **meta)
    if article_id is not None:
        article.id = article_id
    return article


def span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    assert text.count(needle) == 1, f"{needle!r} is not unique in the test text"
    return start, start + len(needle)


@pytest.fixture
def lib(tmp_path):
    library = Library(tmp_path / "home")
    yield library
    library.close()


@pytest.fixture
def article(lib):
    added, created = lib.add(make_article("Round trip", author="A. Writer", source="Test",
                                          url="https://example.com/a", published=date(2024, 5, 6)))
    assert created
    return added


# -- articles --------------------------------------------------------------------------------


def test_add_then_read_back_everything(lib, article):
    again = Library(lib.home)  # a fresh object reads what the first one wrote
    for library in (lib, again):
        [listed] = library.articles()
        assert listed.id == article.id
        assert listed.blocks is None  # the listing reads the index only
        loaded = library.article(article.id)
        assert loaded.blocks == article.blocks
        assert loaded.text == article.text
        for name in ("title", "author", "source", "url", "published", "added", "word_count",
                     "tags", "starred", "read", "position"):
            assert getattr(loaded, name) == getattr(article, name), name
            assert getattr(listed, name) == getattr(article, name), name
    assert (lib.home / "bodies" / f"{article.id}.json").is_file()


def test_add_again_returns_existing_with_its_notes_and_tags(lib, article):
    lib.tag_article(article.id, add=["keep"])
    lib.update_article(article.id, starred=True, position=3)
    start, end = span(article.text, "Paragraph 2")
    note = lib.annotate(article.id, start, end, note="mine")

    same = make_article("Round trip", author="A. Writer", source="Test",
                        url="https://example.com/a", published=date(2024, 5, 6))
    returned, created = lib.add(same)

    assert not created
    assert returned.id == article.id
    assert returned.tags == ["keep"] and returned.starred and returned.position == 3
    assert [a.id for a in lib.articles()] == [article.id]
    assert [a.id for a in lib.annotations(article.id)] == [note.id]
    assert lib.article(article.id).tags == ["keep"]


def test_add_without_body_is_refused(lib):
    article = make_article()
    article.blocks = None
    with pytest.raises(ValueError):
        lib.add(article)
    assert lib.articles() == []


def test_articles_newest_added_first(lib):
    base = datetime(2024, 1, 1, tzinfo=timezone.utc)
    ids = []
    for i in (2, 0, 1):
        article = make_article(f"Article {i}")
        article.added = base + timedelta(days=i)
        lib.add(article)
        ids.append((i, article.id))
    assert [a.id for a in lib.articles()] == [aid for _, aid in sorted(ids, reverse=True)]


@pytest.mark.parametrize("missing", ["0123456789abcdef", "zz-not-an-id", ""])
def test_article_missing_raises_not_found(lib, article, missing):
    """Any id that is not there, hex or not (a typo, a title pasted by mistake): NotFoundError."""
    with pytest.raises(NotFoundError):
        lib.article(missing)
    with pytest.raises(NotFoundError):
        lib.update_article(missing, starred=True)
    with pytest.raises(NotFoundError):
        lib.annotate(missing, 0, 3)


def test_update_article_persists_and_refuses_other_fields(lib, article):
    lib.tag_article(article.id, add=["a", "b"])
    updated = lib.update_article(article.id, starred=True, read=True, position=4)
    assert (updated.tags, updated.starred, updated.read, updated.position) == (["a", "b"], True, True, 4)
    fresh = Library(lib.home).article(article.id)
    assert (fresh.tags, fresh.starred, fresh.read, fresh.position) == (["a", "b"], True, True, 4)
    assert fresh.blocks == article.blocks

    before = (lib.home / "library.json").read_bytes()
    with pytest.raises(ValueError):
        lib.update_article(article.id, title="not the user's to change")
    with pytest.raises(NotFoundError):
        lib.update_article("0123456789abcdef", starred=True)
    assert (lib.home / "library.json").read_bytes() == before


def test_mark_read_changes_many_at_once_and_names_only_the_ones_it_changed(lib, article):
    other = lib.add(make_article("Other"))[0]
    third = lib.add(make_article("Third"))[0]
    lib.update_article(third.id, read=True)
    changed = lib.mark_read([article.id, other.id, third.id, article.id, "0123456789abcdef"])
    assert changed == [article.id, other.id]  # `third` was read already; the unknown id passed over
    fresh = {a.id: a.read for a in Library(lib.home).articles()}
    assert fresh == {article.id: True, other.id: True, third.id: True}
    assert lib.mark_read(changed, read=False) == changed  # what an undo does: exactly those back
    assert {a.id: a.read for a in lib.articles()} == {article.id: False, other.id: False, third.id: True}
    before = (lib.home / "library.json").read_bytes()
    assert lib.mark_read([third.id]) == []
    assert (lib.home / "library.json").read_bytes() == before  # nothing to change: nothing written


# -- annotations -----------------------------------------------------------------------------


def test_annotate_keeps_exact_prefix_and_suffix(lib, article):
    text = article.text
    start, end = span(text, "Paragraph 3 of Round trip")
    assert start > CONTEXT_CHARS and end + CONTEXT_CHARS < len(text)

    note = lib.annotate(article.id, start, end, note="**why** it matters", tags=["t1", "t2"], color=3)

    for library in (lib, Library(lib.home)):
        [stored] = library.annotations(article.id)
        assert stored.id == note.id
        assert stored.article_id == article.id
        assert stored.quote == stored.selector.exact == "Paragraph 3 of Round trip"
        assert stored.selector.prefix == text[start - CONTEXT_CHARS : start]
        assert stored.selector.suffix == text[end : end + CONTEXT_CHARS]
        assert len(stored.selector.prefix) == len(stored.selector.suffix) == 32
        assert (stored.selector.start, stored.selector.end) == (start, end)
        assert (stored.note, stored.tags, stored.color) == ("**why** it matters", ["t1", "t2"], 3)
        assert stored.created == note.created and stored.updated == note.updated


def test_annotate_at_the_edges_has_short_context(lib, article):
    text = article.text
    first = lib.annotate(article.id, 0, 5)
    last = lib.annotate(article.id, len(text) - 5, len(text))
    assert (first.selector.prefix, first.selector.exact) == ("", text[:5])
    assert first.selector.suffix == text[5 : 5 + CONTEXT_CHARS]
    assert last.selector.suffix == ""
    assert last.selector.prefix == text[-5 - CONTEXT_CHARS : -5]


@pytest.mark.parametrize("bounds", [(-1, 4), (5, 5), (9, 3), (0, 10**6)])
def test_annotate_outside_the_text_saves_nothing(lib, article, bounds):
    with pytest.raises(ValueError):
        lib.annotate(article.id, *bounds)
    assert lib.annotations() == []


def test_annotate_bad_colour_or_missing_article(lib, article):
    with pytest.raises(ValueError):
        lib.annotate(article.id, 0, 4, color=9)
    with pytest.raises(NotFoundError):
        lib.annotate("0123456789abcdef", 0, 4)
    assert lib.annotations() == []


def test_annotations_come_in_text_order(lib, article):
    text = article.text
    for needle in ("Paragraph 4", "Paragraph 0", "Paragraph 2", "Line 0 ends"):
        lib.annotate(article.id, *span(text, needle))
    quotes = [a.quote for a in Library(lib.home).annotations(article.id)]
    assert quotes == ["Paragraph 0", "Line 0 ends", "Paragraph 2", "Paragraph 4"]


def test_all_annotations_across_articles(lib):
    one, _ = lib.add(make_article("One"))
    two, _ = lib.add(make_article("Two"))
    a = lib.annotate(one.id, 0, 3)
    b = lib.annotate(two.id, 0, 3)
    c = lib.annotate(two.id, 4, 9)
    assert {n.id for n in lib.annotations()} == {a.id, b.id, c.id}
    assert lib.note_counts() == {one.id: 1, two.id: 2}


def test_edit_annotation_changes_note_tags_colour(lib, article):
    note = lib.annotate(article.id, *span(article.text, "Paragraph 1"), note="first", tags=["old"])
    saved = lib.edit_annotation(note, note="second", add_tags=["edited"], remove_tags=["old"], color=5)
    assert saved.updated >= saved.created

    [stored] = Library(lib.home).annotations(article.id)
    assert (stored.id, stored.note, stored.tags, stored.color) == (note.id, "second", ["edited"], 5)
    assert stored.quote == "Paragraph 1"


def test_edit_annotation_keeps_what_another_writer_changed_meanwhile(lib, article):
    """The app opened the note with tags [a]; the CLI then added b; the app's edit of the
    text and removal of a must keep b."""
    opened = lib.annotate(article.id, 0, 5, note="first", tags=["a"])
    other = Library(lib.home)
    other.edit_annotation(opened, add_tags=["b"], color=3)
    lib.edit_annotation(opened, note="edited", remove_tags=["a"])
    [stored] = other.annotations(article.id)
    assert (stored.note, stored.tags, stored.color) == ("edited", ["b"], 3)


def test_edit_or_delete_of_a_deleted_note_is_not_found(lib, article):
    note = lib.annotate(article.id, 0, 5)
    assert lib.delete_annotation(note).id == note.id
    with pytest.raises(NotFoundError):
        lib.edit_annotation(note, note="resurrected?")
    assert lib.delete_annotation(note) is None
    assert lib.annotations() == []


def test_delete_annotation_removes_only_that_note(lib, article):
    keep = lib.annotate(article.id, 0, 5, note="keep")
    gone = lib.annotate(article.id, 6, 9, note="gone")
    lib.delete_annotation(gone)
    assert [a.id for a in Library(lib.home).annotations(article.id)] == [keep.id]
    lib.delete_annotation(gone)  # twice: nothing left to delete, no error
    assert [a.id for a in lib.annotations()] == [keep.id]


def test_remove_returns_note_count_and_spares_shard_neighbours(lib):
    # Both ids start "ab": their notes share the shard notes/ab.json.
    doomed, created_doomed = lib.add(make_article("Doomed", article_id="ab10000000000000"))
    neighbour, created_neighbour = lib.add(make_article("Neighbour", article_id="ab20000000000000"))
    assert created_doomed and created_neighbour
    for i in range(3):
        lib.annotate(doomed.id, i, i + 4)
    kept = lib.annotate(neighbour.id, 0, 4)

    assert lib.remove(doomed.id) == 3

    fresh = Library(lib.home)
    assert [a.id for a in fresh.articles()] == [neighbour.id]
    with pytest.raises(NotFoundError):
        fresh.article(doomed.id)
    assert not (lib.home / "bodies" / f"{doomed.id}.json").exists()
    assert fresh.annotations(doomed.id) == []
    assert [a.id for a in fresh.annotations()] == [kept.id]
    assert lib.remove(neighbour.id) == 1


def test_remove_article_without_notes_returns_zero(lib, article):
    assert lib.remove(article.id) == 0
    assert lib.articles() == []


# -- id prefixes -----------------------------------------------------------------------------


def test_resolve_article_prefixes(lib):
    ids = ["abc1230000000001", "abc4560000000002", "def0000000000003"]
    for i, article_id in enumerate(ids):
        lib.add(make_article(f"Article {i}", article_id=article_id))

    assert lib.resolve_article(ids[0]) == ids[0]
    assert lib.resolve_article("abc1") == ids[0]
    assert lib.resolve_article("  ABC4 ") == ids[1]
    assert lib.resolve_article("d") == ids[2]
    with pytest.raises(NotFoundError, match="matches 2"):
        lib.resolve_article("abc")
    with pytest.raises(NotFoundError, match="no article"):
        lib.resolve_article("fff")
    with pytest.raises(NotFoundError, match="give an article id"):
        lib.resolve_article("  ")


def test_resolve_annotation_prefixes(lib, article):
    notes = [lib.annotate(article.id, i, i + 3) for i in range(20)]  # 20 ids: two share a first digit
    for note in notes:
        assert lib.resolve_annotation(note.id).id == note.id
        assert lib.resolve_annotation(note.id[:10].upper()).id == note.id
    by_first: dict[str, int] = {}
    for note in notes:
        by_first[note.id[0]] = by_first.get(note.id[0], 0) + 1
    shared = next(c for c, n in by_first.items() if n > 1)
    with pytest.raises(NotFoundError, match=f"matches {by_first[shared]} notes"):
        lib.resolve_annotation(shared)
    with pytest.raises(NotFoundError, match="no note"):
        lib.resolve_annotation("not-an-id")
    with pytest.raises(NotFoundError, match="give a note id"):
        lib.resolve_annotation("")


def test_errors_are_library_errors():
    assert issubclass(NotFoundError, LibraryError)


# -- two Library objects on one home (the app and the CLI at once) ----------------------------


def test_a_write_through_one_library_is_read_by_the_other(tmp_path):
    home = tmp_path / "home"
    first, second = Library(home), Library(home)
    assert first.articles() == second.articles() == []  # both caches warm

    article, _ = first.add(make_article("Shared"))
    assert [a.id for a in second.articles()] == [article.id]
    assert second.article(article.id).blocks == article.blocks

    for position in range(1, 6):  # same-size rewrites of library.json
        first.update_article(article.id, position=position)
        assert second.article(article.id).position == position
        second.update_article(article.id, position=position + 10)
        assert first.article(article.id).position == position + 10

    note = second.annotate(article.id, 0, 5, note="from second")
    assert [a.note for a in first.annotations(article.id)] == ["from second"]
    second.edit_annotation(note, note="edited by second")
    assert first.annotations()[0].note == "edited by second"
    mine = first.annotate(article.id, 6, 9, note="from first")
    assert {a.id for a in second.annotations()} == {note.id, mine.id}
    first.delete_annotation(note)
    assert [a.id for a in second.annotations(article.id)] == [mine.id]

    assert second.remove(article.id) == 1
    assert first.articles() == [] and first.annotations() == []


def test_two_libraries_annotating_get_distinct_ids(tmp_path):
    home = tmp_path / "home"
    first, second = Library(home), Library(home)
    article, _ = first.add(make_article("Shared"))
    made = []
    for i in range(25):  # interleaved, on the very same passage
        made.append(first.annotate(article.id, 0, 10, note=f"first {i}"))
        made.append(second.annotate(article.id, 0, 10, note=f"second {i}"))
    ids = [n.id for n in made]
    assert len(set(ids)) == 50
    for library in (first, second, Library(home)):
        stored = library.annotations(article.id)
        assert sorted(a.id for a in stored) == sorted(ids)
        assert sorted(a.note for a in stored) == sorted(n.note for n in made)
    shard = json.loads((home / "notes" / f"{article.id[:2]}.json").read_text())
    assert len(shard["annotations"]) == 50


def test_two_libraries_in_threads_lose_nothing(tmp_path):
    home = tmp_path / "home"
    article, _ = Library(home).add(make_article("Shared"))
    errors: list[BaseException] = []

    def work(name: str) -> None:
        library = Library(home)
        try:
            for i in range(40):
                library.annotate(article.id, i, i + 5, note=f"{name} {i}")
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(name,)) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    notes = Library(home).annotations(article.id)
    assert len(notes) == 80 and len({n.id for n in notes}) == 80
    assert sorted(n.note for n in notes) == sorted(f"{x} {i}" for x in "ab" for i in range(40))


def test_add_annotations_in_bulk_replaces_same_ids_and_keeps_the_rest(tmp_path, lib):
    articles = [lib.add(make_article(f"Story {n}"))[0] for n in range(5)]
    kept = [lib.annotate(a.id, 0, 5, note="typed in the app") for a in articles[:2]]
    from dataclasses import replace as changed

    bulk = [
        changed(lib.annotate(a.id, 6, 10), note=f"[bulk {n}]", tags=["Bulk Tag", "#x"])
        for n, a in enumerate(articles)
    ]
    for note in bulk:
        lib.delete_annotation(note)
    lib.add_annotations(bulk)
    lib.add_annotations(bulk)  # a second import of the same notes adds nothing
    again = Library(tmp_path / "home")
    try:
        notes = again.annotations()
    finally:
        again.close()
    assert len(notes) == 7
    assert {n.id for n in notes} == {n.id for n in kept + bulk}
    assert {n.note for n in notes if n.id in {b.id for b in bulk}} == {f"[bulk {n}]" for n in range(5)}
    assert all(n.tags == ["bulk-tag", "x"] for n in notes if n.id in {b.id for b in bulk})


def test_saved_searches_round_trip_replace_and_delete(tmp_path, lib):
    lib.save_search("Ukraine talks", "tag:ukraine negotiat")
    lib.save_search("Starred", "is:starred")
    lib.save_search("Ukraine talks", "tag:ukraine said-by:rubio")
    again = Library(tmp_path / "home")
    try:
        assert again.searches() == {"Ukraine talks": "tag:ukraine said-by:rubio", "Starred": "is:starred"}
        again.delete_search("Starred")
        again.delete_search("never saved")
        assert again.searches() == {"Ukraine talks": "tag:ukraine said-by:rubio"}
    finally:
        again.close()
    with pytest.raises(ValueError):
        lib.save_search("  ", "x")


def test_anchor_state_feeds_and_replaced_bodies_round_trip(tmp_path, lib, article):
    from dataclasses import replace as changed

    from reader.core.model import Anchor, Block, Feed

    note = lib.annotate(article.id, 0, 5, note="kept")
    lib.add_annotations([changed(note, anchor=Anchor("fuzzy", 0.82))])
    feed = lib.subscribe(Feed.create("https://example.org/rss", title="Example", tags=["World News"]))
    lib.update_feed(feed.id, etag='"abc"')
    lib.tag_article(article.id, add=["kept-tag"])
    lib.update_article(article.id, starred=True)
    fresh = Article.create("New title", [Block("paragraph", "Brand new text.")], url=article.url)
    fresh.id = article.id
    lib.replace_body(fresh)
    again = Library(tmp_path / "home")
    try:
        (stored,) = again.annotations(article.id)
        assert stored.anchor == Anchor("fuzzy", 0.82) and stored.note == "kept"
        (kept,) = again.feeds()
        assert (kept.url, kept.title, kept.tags, kept.etag) == ("https://example.org/rss", "Example", ["world-news"], '"abc"')
        read = again.article(article.id)
        assert (read.title, read.text, read.tags, read.starred) == ("New title", "Brand new text.", ["kept-tag"], True)
        again.remove_feed(kept.id)
        assert again.feeds() == []
        with pytest.raises(NotFoundError):
            again.remove_feed(kept.id)
    finally:
        again.close()


def test_note_tallies_follow_writes_from_another_library(tmp_path, lib, article):
    from dataclasses import replace as changed

    from reader.core.model import Anchor

    first = lib.annotate(article.id, 0, 5)
    assert lib.note_tallies() == ({article.id: 1}, {})
    other = Library(tmp_path / "home")
    try:
        other.annotate(article.id, 6, 10)
        other.add_annotations([changed(first, anchor=Anchor("orphan", 0.0))])
    finally:
        other.close()
    assert lib.note_tallies() == ({article.id: 2}, {article.id: 1})
    assert lib.note_counts() == {article.id: 2} and lib.orphan_counts() == {article.id: 1}
    lib.tag_article(article.id, add=["shared"])
    other = Library(tmp_path / "home")
    try:
        other.annotate(article.id, 11, 15, tags=["shared", "fresh"])
    finally:
        other.close()
    assert lib.tag_counts() == {"shared": 2, "fresh": 1}
