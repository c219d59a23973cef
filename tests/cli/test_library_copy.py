"""What a newsboat + Hypothesis user found moving a library and its notes around:
the JSON export is a whole-library copy (feeds, saved searches and entity merges too), a W3C note finds
its article by any address the library knows it by, a re-import of the same file changes
nothing, and a text replaced under a note says when the note lost its place."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.store import Library

STORY = """<html><head><title>{title} | Estuary News</title>
<link rel="canonical" href="{canonical}"></head>
<body><article><h1>{title}</h1><p>{text}</p></article></body></html>"""
SEALS = "Volunteers counted forty grey seal pups on the sandbank this spring, the most in a decade. " * 6
FULL = "<p>" + "Otters returned to the upper river after thirty years, the survey found. " * 10 + "</p>"


def run(home: Path, *argv: str) -> int:
    return main([*argv, "--home", str(home)])


def run_json(capsys, home: Path, *argv: str):
    capsys.readouterr()
    assert run(home, *argv, "--json") == 0
    return json.loads(capsys.readouterr().out)


def feed_file(folder: Path) -> Path:
    """A feed with one full-text entry, read from disk: no network."""
    path = folder / "river.xml"
    path.write_text(
        "<rss version='2.0' xmlns:content='http://purl.org/rss/1.0/modules/content/'><channel>"
        "<title>River Watch</title><link>https://river.example/</link>"
        "<item><title>Otters return</title><link>https://river.example/otters</link>"
        f"<content:encoded><![CDATA[{FULL}]]></content:encoded></item></channel></rss>",
        encoding="utf-8",
    )
    return path


# -- 1. the JSON export is a whole-library copy --------------------------------------------------------


def test_json_export_brings_back_feeds_and_saved_searches(tmp_path: Path, capsys) -> None:
    home, copy, out = tmp_path / "lib", tmp_path / "copy", tmp_path / "full.json"
    assert run(home, "feed", "add", str(feed_file(tmp_path)), "--tag", "nature") == 0
    assert run(home, "refresh") == 0
    assert run(home, "search", "tag:nature", "--save", "rivers") == 0
    Library(home).save_aliases({"Bernie Ebbers": "Bernard Ebbers"})  # as `reader entity … --merge-into` does
    Library(home).keep_apart("Ted Smith")
    assert run(home, "export", "--format", "json", "-o", str(out)) == 0

    capsys.readouterr()
    assert run(copy, "import-notes", str(out)) == 0
    said = capsys.readouterr().out
    assert "feeds: 1 added" in said and "saved searches: 1 added" in said and "entity merges: 2 added" in said
    [feed] = run_json(capsys, copy, "feed", "ls")
    [before] = run_json(capsys, home, "feed", "ls")
    assert (feed["id"], feed["url"], feed["title"], feed["tags"]) == (before["id"], before["url"], "River Watch", ["nature"])
    assert feed["articles"] == 1  # the feed's article is the copy's too
    assert Library(copy).searches() == {"rivers": "tag:nature"}
    assert Library(copy).aliases() == {"Bernie Ebbers": "Bernard Ebbers", "Ted Smith": "Ted Smith"}

    assert run(copy, "import-notes", str(out)) == 0  # twice: nothing changes
    said = capsys.readouterr().out
    assert "feeds: 0 added, 0 updated, 1 already here" in said and "saved searches: 0 added, 1 already here" in said
    assert "entity merges: 0 added, 2 already here" in said
    again = tmp_path / "again.json"
    assert run(copy, "export", "--format", "json", "-o", str(again)) == 0
    assert again.read_bytes() == out.read_bytes()
    assert run(copy, "refresh") == 0  # the copy's feed knows its entry: nothing new, nothing twice
    assert "0 new articles" in capsys.readouterr().out


def test_import_merges_feeds_and_searches_with_the_librarys(tmp_path: Path, capsys) -> None:
    home, other, out = tmp_path / "lib", tmp_path / "other", tmp_path / "full.json"
    feed = feed_file(tmp_path)
    assert run(home, "feed", "add", str(feed), "--tag", "nature") == 0
    assert run(home, "search", "tag:nature", "--save", "rivers") == 0
    assert run(home, "search", "otters", "--save", "otters") == 0
    assert run(home, "export", "--format", "json", "-o", str(out)) == 0
    assert run(other, "feed", "add", str(feed), "--tag", "local") == 0
    assert run(other, "search", "tag:local", "--save", "rivers") == 0

    capsys.readouterr()
    assert run(other, "import-notes", str(out)) == 0
    said = capsys.readouterr().out
    assert "feeds: 0 added, 1 updated" in said
    assert "saved searches: 1 added, 0 already here, 1 kept as saved here" in said and "'rivers'" in said
    [merged] = run_json(capsys, other, "feed", "ls")
    assert merged["tags"] == ["local", "nature"]
    assert Library(other).searches() == {"rivers": "tag:local", "otters": "otters"}  # the library's query stays


def test_an_export_without_feeds_or_searches_still_imports(tmp_path: Path, capsys) -> None:
    home, copy, out = tmp_path / "lib", tmp_path / "copy", tmp_path / "old.json"
    assert run(home, "feed", "add", str(feed_file(tmp_path))) == 0 and run(home, "refresh") == 0
    assert run(home, "export", "--format", "json", "-o", str(out)) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    del data["feeds"], data["searches"], data["merges"]
    out.write_text(json.dumps({**data, "version": 1}), encoding="utf-8")  # as reader wrote it before
    capsys.readouterr()
    assert run(copy, "import-notes", str(out)) == 0
    said = capsys.readouterr().out
    assert "articles: 1 added" in said and "feeds:" not in said


def test_one_articles_export_carries_no_subscriptions(tmp_path: Path, capsys) -> None:
    home = tmp_path / "lib"
    assert run(home, "feed", "add", str(feed_file(tmp_path))) == 0 and run(home, "refresh") == 0
    [article] = run_json(capsys, home, "ls")
    assert run(home, "export", "--format", "json", "--article", article["id"][:8]) == 0
    data = json.loads(capsys.readouterr().out)
    assert not {"feeds", "searches", "merges"} & data.keys() and len(data["articles"]) == 1


# -- 2. a W3C note finds its article by the address its page was fetched from ------------------------


def test_w3c_note_on_the_fetched_address_of_a_page_with_a_canonical_one(http_server, tmp_path: Path, capsys) -> None:
    home = tmp_path / "lib"
    page = http_server.add("/seals.html", STORY.format(title="Seal pups", canonical="https://news.example/seals", text=SEALS))
    http_server.add("/feed.xml", f"<rss version='2.0'><channel><title>Estuary</title><item><title>Seal pups</title>"
                                 f"<link>{page}</link><description>Seals.</description></item></channel></rss>",
                    content_type="application/rss+xml")
    assert run(home, "feed", "add", http_server.url("/feed.xml")) == 0 and run(home, "refresh") == 0
    [article] = run_json(capsys, home, "ls")
    assert article["url"] == "https://news.example/seals"
    annotation = {"@context": "http://www.w3.org/ns/anno.jsonld", "id": "https://hyp.is/abc123", "type": "Annotation",
                  "created": "2026-11-01T10:00:00Z", "body": {"type": "TextualBody", "value": "how many?"},
                  "target": {"source": page, "selector": {"type": "TextQuoteSelector", "exact": "forty grey seal pups"}}}
    notes = tmp_path / "hypothesis.json"
    notes.write_text(json.dumps([annotation]), encoding="utf-8")
    capsys.readouterr()
    assert run(home, "import-notes", str(notes)) == 0
    captured = capsys.readouterr()
    assert "notes: 1 added" in captured.out and "not in the library" not in captured.err
    [note] = run_json(capsys, home, "notes", article["id"])
    assert note["note"] == "how many?"


# -- 4. the same foreign file imported twice is unchanged the second time --------------------------------


def test_a_quote_only_w3c_file_imported_twice_is_unchanged_and_not_moved(tmp_path: Path, capsys) -> None:
    home = tmp_path / "lib"
    page = tmp_path / "otters.md"
    page.write_text("# Otters\n\n" + "Otters returned to the upper river after thirty years, the survey found. " * 3,
                    encoding="utf-8")
    assert run(home, "add", str(page)) == 0
    [article] = run_json(capsys, home, "ls")
    source = f"urn:reader:article:{article['id']}"
    quoted = {"type": "TextQuoteSelector", "exact": "thirty years", "prefix": "river after ", "suffix": ", the"}
    annotations = [
        {"type": "Annotation", "id": "https://hyp.is/dated", "created": "2026-11-01T10:00:00Z",
         "body": {"type": "TextualBody", "value": "dated"}, "target": {"source": source, "selector": quoted}},
        {"type": "Annotation", "id": "https://hyp.is/undated",  # no created, no modified
         "body": {"type": "TextualBody", "value": "undated"},
         "target": {"source": source, "selector": {"type": "TextQuoteSelector", "exact": "upper river"}}},
    ]
    notes = tmp_path / "hypothesis.json"
    notes.write_text(json.dumps(annotations), encoding="utf-8")
    capsys.readouterr()
    assert run(home, "import-notes", str(notes)) == 0
    first = capsys.readouterr().out
    assert "notes: 2 added" in first and "placed again" not in first
    stored = run_json(capsys, home, "notes", article["id"])
    assert {n["anchor"]["state"] for n in stored} == {"exact"}
    assert run(home, "import-notes", str(notes)) == 0
    second = capsys.readouterr().out
    assert "notes: 0 added, 0 updated, 2 unchanged, 0 already newer" in second and "placed again" not in second
    assert run(home, "notes", article["id"]) == 0
    assert "[moved]" not in capsys.readouterr().out
    assert run_json(capsys, home, "notes", article["id"]) == stored


@pytest.mark.parametrize("edited_here", [False, True])
def test_an_undated_w3c_note_changed_in_the_file(tmp_path: Path, capsys, edited_here: bool) -> None:
    """Without times in the file, its new copy replaces one never edited here; an edit made here stays."""
    home = tmp_path / "lib"
    page = tmp_path / "otters.md"
    page.write_text("# Otters\n\nOtters returned to the upper river after thirty years.", encoding="utf-8")
    assert run(home, "add", str(page)) == 0
    [article] = run_json(capsys, home, "ls")
    target = {"source": f"urn:reader:article:{article['id']}",
              "selector": {"type": "TextQuoteSelector", "exact": "upper river"}}
    notes = tmp_path / "h.json"
    for text in ("first", "second"):
        notes.write_text(json.dumps({"type": "Annotation", "id": "https://hyp.is/x", "target": target,
                                     "body": {"type": "TextualBody", "value": text}}), encoding="utf-8")
        assert run(home, "import-notes", str(notes)) == 0
        if edited_here and text == "first":  # an hour later, here
            library = Library(home)
            [held] = library.annotations(article["id"])
            library.add_annotations([replace(held, note="mine", updated=held.updated + timedelta(hours=1))])
    [note] = run_json(capsys, home, "notes", article["id"])
    assert note["note"] == ("mine" if edited_here else "second")


# -- 3. a text replaced under a note says when the note lost its place ---------------------------------


def summary_feed(server, summary: str) -> str:
    page = server.add("/seals.html", "down for maintenance", status=503, content_type="text/plain")
    server.add("/feed.xml", f"<rss version='2.0'><channel><title>Estuary</title><item><title>Seals on the sandbank</title>"
                            f"<link>{page}</link><description>{summary}</description></item></channel></rss>",
               content_type="application/rss+xml")
    return page


def test_a_feed_retry_that_orphans_a_note_says_so(http_server, tmp_path: Path, capsys) -> None:
    home = tmp_path / "lib"
    summary_feed(http_server, "The feed gives a summary only, for now.")
    assert run(home, "feed", "add", http_server.url("/feed.xml")) == 0 and run(home, "refresh") == 0
    [article] = run_json(capsys, home, "ls")
    assert run(home, "note", article["id"][:8], "--quote", "summary only", "--note", "x") == 0
    http_server.add("/seals.html", STORY.format(title="Seal pups", canonical="https://news.example/seals", text=SEALS))
    capsys.readouterr()
    assert run(home, "refresh") == 0
    captured = capsys.readouterr()
    short = article["id"][:8]
    assert "replaces the summary" in captured.out
    assert (f"1 note on {short} (Seals on the sandbank) could not be found in the new text: kept as an orphan "
            f"(`reader notes {short}` shows them, marked ORPHAN)") in captured.err
    [note] = run_json(capsys, home, "notes", article["id"])
    assert note["anchor"]["state"] == "orphan" and note["note"] == "x"


def test_a_feed_retry_keeps_a_note_whose_quote_the_page_has(http_server, tmp_path: Path, capsys) -> None:
    home = tmp_path / "lib"
    summary_feed(http_server, "Forty grey seal pups on the sandbank.")
    assert run(home, "feed", "add", http_server.url("/feed.xml")) == 0 and run(home, "refresh") == 0
    [article] = run_json(capsys, home, "ls")
    assert run(home, "note", article["id"][:8], "--quote", "grey seal pups on the sandbank", "--note", "x") == 0
    http_server.add("/seals.html", STORY.format(title="Seal pups", canonical="https://news.example/seals", text=SEALS))
    capsys.readouterr()
    assert run(home, "refresh") == 0
    assert "could not be found" not in capsys.readouterr().err
    [note] = run_json(capsys, home, "notes", article["id"])
    assert note["anchor"]["state"] == "moved" and note["quote"] == "grey seal pups on the sandbank"


def test_refreshing_one_article_that_orphans_a_note_says_so(http_server, tmp_path: Path, capsys) -> None:
    home = tmp_path / "lib"
    text = FULL[3:-4] + " A heron watched from the far bank."
    page = http_server.add("/otters.html", STORY.format(title="Otters", canonical="", text=text))
    assert run(home, "add", page) == 0
    [article] = run_json(capsys, home, "ls")
    assert run(home, "note", article["id"][:8], "--quote", "A heron watched from the far bank", "--note", "x") == 0
    http_server.add("/otters.html", STORY.format(title="Otters", canonical="", text=SEALS))
    capsys.readouterr()
    assert run(home, "refresh", article["id"][:8]) == 0
    err = capsys.readouterr().err
    assert f"1 note on {article['id'][:8]} (Otters) could not be found in the new text" in err


def test_a_feed_with_a_bad_address_refuses_the_whole_file(tmp_path: Path, capsys) -> None:
    home, out = tmp_path / "lib", tmp_path / "full.json"
    assert run(home, "feed", "add", str(feed_file(tmp_path))) == 0 and run(home, "refresh") == 0
    assert run(home, "export", "--format", "json", "-o", str(out)) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    data["feeds"][0]["url"] = "javascript:alert(1)"
    out.write_text(json.dumps(data), encoding="utf-8")
    copy = tmp_path / "copy"
    capsys.readouterr()
    assert run(copy, "import-notes", str(out)) == 1
    err = capsys.readouterr().err
    assert "feed 1" in err and "not an http(s) or file: URL" in err and "nothing was imported" in err
