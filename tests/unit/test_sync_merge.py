"""The merge rule of each kind of data, through real libraries syncing through a folder."""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path

import pytest

from reader.core.model import Feed
from reader.core.store import Library
from reader.core.sync.crdt import Store, members
from reader.core.sync.engine import sync
from sync_helpers import dump, make_article


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Library, Library, str]:
    target = tmp_path / "target"
    target.mkdir()
    a, b = Library(tmp_path / "a"), Library(tmp_path / "b")
    a.add(make_article(1))
    sync(a, str(target))
    sync(b, str(target))
    return a, b, str(target)


def settle(target: str, *libraries: Library) -> None:
    for _ in range(2):
        for library in libraries:
            sync(library, target)


def tick() -> None:
    time.sleep(0.003)  # the later change gets a later wall clock too (the clock orders either way)


def test_an_article_and_its_note_arrive_with_their_text(pair):
    a, b, target = pair
    article = a.articles()[0]
    note = a.annotate(article.id, 4, 11, note="who met", tags=["civic"])
    report = sync(a, target)
    assert report.out == 1
    report = sync(b, target)
    assert (report.applied.notes, len(report.devices)) == (1, 1)
    assert b.article(article.id).text == a.article(article.id).text
    assert b.annotations()[0].note == "who met" and b.annotations()[0].id == note.id
    assert dump(a) == dump(b)


def test_note_edits_per_field_later_wins_and_both_fields_kept(pair):
    a, b, target = pair
    article_id = a.articles()[0].id
    note = a.annotate(article_id, 4, 11, note="first")
    settle(target, a, b)
    b.edit_annotation(b.annotations()[0], color=3)  # b changes the colour
    tick()
    a.edit_annotation(note, note="second")  # a changes the text, later
    tick()
    b.edit_annotation(b.annotations()[0], note="third")  # b's text edit is the latest
    settle(target, a, b)
    for library in (a, b):
        found = library.annotations()[0]
        assert (found.note, found.color) == ("third", 3)
    assert dump(a) == dump(b)


def test_an_edit_after_a_delete_brings_the_note_back(pair):
    a, b, target = pair
    article_id = a.articles()[0].id
    note = a.annotate(article_id, 4, 11, note="keep me")
    settle(target, a, b)
    a.delete_annotation(note)
    tick()
    b.edit_annotation(b.annotations()[0], note="keep me, edited")
    settle(target, a, b)
    assert [n.note for n in a.annotations()] == ["keep me, edited"]
    assert dump(a) == dump(b)


def test_a_delete_after_an_edit_deletes(pair):
    a, b, target = pair
    note = a.annotate(a.articles()[0].id, 4, 11, note="old")
    settle(target, a, b)
    b.edit_annotation(b.annotations()[0], note="edited")
    tick()
    a.delete_annotation(note)
    settle(target, a, b)
    assert a.annotations() == [] and b.annotations() == []


def test_tag_added_concurrently_with_its_removal_is_kept(pair):
    a, b, target = pair
    article_id = a.articles()[0].id
    a.tag_article(article_id, add=["x", "y"])
    settle(target, a, b)
    b.tag_article(article_id, remove=["x", "y"])  # b removes both, having seen a's adds
    a.tag_article(article_id, remove=["x"])
    a.tag_article(article_id, add=["x"])  # a adds x again, not having seen b's removal
    settle(target, a, b)
    assert a.article_state(article_id).tags == ["x"] == b.article_state(article_id).tags



def test_a_tag_added_again_while_another_device_removes_it_is_kept(pair):
    """`reader tag ID lords` on a device that still has #lords, while another removes it:
    the add was made without seeing the removal, so it is kept, as the README says."""
    a, b, target = pair
    article_id = a.articles()[0].id
    a.tag_article(article_id, add=["lords"])
    settle(target, a, b)
    a.tag_article(article_id, remove=["lords"])
    b.tag_article(article_id, add=["lords"])  # b has it already, and says it again
    settle(target, a, b)
    assert a.article_state(article_id).tags == ["lords"] == b.article_state(article_id).tags


def test_a_note_tag_added_again_while_another_device_removes_it_is_kept(pair):
    a, b, target = pair
    note = a.annotate(a.articles()[0].id, 4, 11, note="n", tags=["lords"])
    settle(target, a, b)
    a.edit_annotation(note, remove_tags=["lords"])
    b.edit_annotation(b.annotations()[0], add_tags=["lords"])
    settle(target, a, b)
    assert a.annotations()[0].tags == ["lords"] == b.annotations()[0].tags

def test_note_tags_merge_as_sets(pair):
    a, b, target = pair
    note = a.annotate(a.articles()[0].id, 4, 11, tags=["one"])
    settle(target, a, b)
    a.edit_annotation(note, add_tags=["two"])
    b.edit_annotation(b.annotations()[0], add_tags=["three"], remove_tags=["one"])
    settle(target, a, b)
    assert sorted(a.annotations()[0].tags) == ["three", "two"]
    assert dump(a) == dump(b)


def test_star_read_position_later_wins(pair):
    a, b, target = pair
    article_id = a.articles()[0].id
    a.update_article(article_id, starred=True, position=3)
    tick()
    b.update_article(article_id, starred=False, position=7)
    tick()
    a.mark_read([article_id])
    settle(target, a, b)
    for library in (a, b):
        state = library.article_state(article_id)
        assert (state.starred, state.position, state.read) == (False, 7, True)


def test_feeds_searches_and_merges(pair):
    a, b, target = pair
    feed = a.subscribe(Feed.create("https://example.org/feed.xml", title="Example", tags=["world"]))
    a.save_search("bridges", "bridge")
    a.save_aliases({"Boris": "Boris Johnson"})
    a.keep_apart("Paris Hilton")
    settle(target, a, b)
    assert dump(a) == dump(b) and b.feeds()[0].id == feed.id
    b.remove_feed(feed.id)
    b.save_search("bridges", "bridge OR tunnel")
    tick()
    a.remove_alias("Boris")
    a.delete_search("bridges")  # the later change to the search: gone
    settle(target, a, b)
    assert a.feeds() == [] and a.searches() == {} and a.aliases() == {"Paris Hilton": "Paris Hilton"}
    assert dump(a) == dump(b)


def test_a_feed_subscribed_again_while_removed_elsewhere_stays(pair):
    a, b, target = pair
    feed = a.subscribe(Feed.create("https://example.org/feed.xml"))
    settle(target, a, b)
    b.remove_feed(feed.id)
    a.remove_feed(feed.id)
    a.subscribe(Feed.create("https://example.org/feed.xml"))
    settle(target, a, b)
    assert [f.id for f in b.feeds()] == [feed.id]


def test_a_removed_article_goes_everywhere_with_its_notes(pair):
    a, b, target = pair
    article_id = a.articles()[0].id
    a.annotate(article_id, 4, 11, note="n")
    settle(target, a, b)
    b.remove(article_id)
    settle(target, a, b)
    assert a.articles() == [] and a.annotations() == []


def test_the_same_article_added_on_both_is_one_article(pair):
    a, b, target = pair
    a.add(make_article(2))
    b.add(make_article(2))
    b.tag_article(make_article(2).id, add=["b"])
    settle(target, a, b)
    assert len(a.articles()) == 2 and dump(a) == dump(b)


def test_an_old_change_folded_late_never_overwrites_a_newer_one(tmp_path):
    store = Store(tmp_path / "crdt")
    device = "0123456789abcdef"
    new = {"h": f"{2000:013d}.000000.{device}", "e": "q:s", "r": {"query": "new"}}
    old = {"h": f"{1000:013d}.000000.{device}", "e": "q:s", "r": {"query": "old"}}
    assert store.fold(new) and not store.fold(old)
    assert store.get("q:s")["r"]["query"][1] == "new"
    assert not store.fold(new)  # the same change twice changes nothing


def test_orset_state_does_not_depend_on_order(tmp_path):
    d1, d2 = "1" * 16, "2" * 16
    add1 = {"h": f"{1:013d}.000000.{d1}", "e": "a:abc", "a": {"tags": ["t"]}}
    add2 = {"h": f"{2:013d}.000000.{d2}", "e": "a:abc", "a": {"tags": ["t"]}}
    remove = {"h": f"{3:013d}.000000.{d1}", "e": "a:abc", "x": {"tags": {"t": [add1["h"]]}}}
    results = []
    for order in ([add1, add2, remove], [remove, add2, add1], [add2, remove, add1]):
        store = Store(tmp_path / str(len(results)))
        for op in order:
            store.fold(op)
        results.append(members(store.get("a:abc"), "tags"))
    assert results == [["t"], ["t"], ["t"]]  # add2 was not seen by the removal


def test_library_without_sync_journals_nothing(tmp_path):
    library = Library(tmp_path / "lib")
    library.add(make_article(1))
    assert not (tmp_path / "lib" / "sync").exists()


def test_an_old_library_syncs_whole(tmp_path):
    target = tmp_path / "t"
    target.mkdir()
    old = Library(tmp_path / "old")
    for n in range(3):
        article = old.add(make_article(n))[0]
        old.annotate(article.id, 0, 3, note=f"note {n}")
    old.save_search("s", "council")
    report = sync(old, str(target))
    assert report.out == 7
    fresh = Library(tmp_path / "fresh")
    sync(fresh, str(target))
    assert dump(fresh) == dump(old)


def test_a_note_on_a_passage_of_spaces_syncs(pair):
    a, b, target = pair
    a.annotate(a.articles()[0].id, 3, 4, note="the gap")  # the passage is one space
    report = sync(a, target)
    report = sync(b, target)
    assert report.warnings == [] and [n.note for n in b.annotations()] == ["the gap"]


def test_a_note_made_after_its_article_was_removed_elsewhere_brings_the_article_back(pair):
    a, b, target = pair
    article_id = a.articles()[0].id
    gone_with_it = a.annotate(article_id, 4, 11, note="seen by the removal")
    settle(target, a, b)
    a.remove(article_id)
    tick()
    kept = b.annotate(article_id, 12, 20, note="B annotates the article")  # b has not seen the removal
    sync(a, target)
    report = sync(b, target)
    assert [n.note for n in b.annotations()] == ["B annotates the article"]  # its own note stays, the article too
    report = sync(a, target)
    assert [x.id for x in a.articles()] == [article_id]  # back where it was removed
    assert [(n.id, n.note) for n in a.annotations()] == [(kept.id, "B annotates the article")]
    assert gone_with_it.id not in {n.id for n in a.annotations()}  # the removal took the note it saw
    assert any("was removed, but a note was made on it" in line for line in report.warnings)
    settle(target, a, b)
    assert dump(a) == dump(b)


def test_a_note_made_before_an_unseen_removal_is_kept_aside_and_said(pair, tmp_path):
    a, b, target = pair
    article_id = a.articles()[0].id
    settle(target, a, b)
    b.annotate(article_id, 12, 20, note="written offline on b")  # before the removal, not yet synced
    tick()
    a.remove(article_id)
    sync(a, target)
    report = sync(b, target)
    assert b.articles() == [] and "in: 1 article removed" in report.summary()
    said = [line for line in report.warnings if "was removed on another device, with 1 note" in line]
    assert said, report.warnings
    conflicts = Path(b.home) / "sync" / "conflicts.txt"
    assert "written offline on b" in conflicts.read_text()
    settle(target, a, b)
    assert dump(a) == dump(b)


def test_a_removal_seen_everywhere_stays_removed(pair):
    a, b, target = pair
    article_id = a.articles()[0].id
    b.annotate(article_id, 4, 11, note="synced before the removal")
    settle(target, a, b)
    tick()
    a.remove(article_id)  # a had seen b's note: it goes with the article
    settle(target, a, b)
    assert a.articles() == b.articles() == [] and a.annotations() == b.annotations() == []


def test_first_syncs_of_two_copies_keep_the_later_edit_not_the_later_first_sync(tmp_path):
    import shutil

    target = tmp_path / "target"
    target.mkdir()
    original = Library(tmp_path / "original")
    article = original.add(make_article(1))[0]
    note = original.annotate(article.id, 4, 11, note="as exported")
    note.created = note.updated = note.updated - timedelta(hours=1)  # exported an hour ago (times are kept to the second)
    original.add_annotations([note])
    original.close()
    shutil.copytree(tmp_path / "original", tmp_path / "desk")  # the same library on two machines
    shutil.copytree(tmp_path / "original", tmp_path / "laptop")
    desk, laptop = Library(tmp_path / "desk"), Library(tmp_path / "laptop")
    laptop.edit_annotation(laptop.annotations()[0], note="careful edit on the laptop")
    tick()
    sync(laptop, str(target))
    report = sync(desk, str(target))  # its first sync comes later, with the note as it was
    sync(laptop, str(target))
    assert [n.note for n in desk.annotations()] == [n.note for n in laptop.annotations()] == [
        "careful edit on the laptop"]
    assert not any(note.id[:8] in line for line in report.warnings), report.warnings  # the desk never edited it: no clash to report
