"""Reading files: encodings, the files that are not articles, and folder expansion."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.ingest import IngestError, Imported, collect_paths, load_file
from reader.core.ingest.files import NOT_UTF8, read_text

BBC = Path("/work/shared/data/bbc")
needs_bbc = pytest.mark.skipif(not BBC.is_dir(), reason="/work/shared BBC data not available")


def reason(path: Path) -> str:
    with pytest.raises(IngestError) as info:
        load_file(path)
    assert info.value.path == path
    assert str(info.value) == f"{path}: {info.value.reason}"
    return info.value.reason


def test_utf8_with_and_without_bom(tmp_path: Path) -> None:
    for name, data in (("plain.txt", "Kyiv’s café\n".encode()), ("bom.txt", "\ufeffKyiv’s café\n".encode())):
        path = tmp_path / name
        path.write_bytes(data)
        assert read_text(path) == ("Kyiv’s café\n", [])


def test_latin1_file_is_read_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Chelsea sack Mutu\n\nA £15.8m signing from Parma, said Müller.\n".encode("latin-1"))
    imported = load_file(path)
    assert imported.warnings == [NOT_UTF8]
    assert imported.article.title == "Chelsea sack Mutu"
    assert imported.article.text == "A £15.8m signing from Parma, said Müller."


def test_cp1252_punctuation_and_undefined_bytes(tmp_path: Path) -> None:
    path = tmp_path / "win.txt"
    path.write_bytes(b"\x93Quoted\x94 \x96 it\x92s \x80 5 \x81 end")
    text, warnings = read_text(path)
    assert text == "\u201cQuoted\u201d \u2013 it\u2019s \u20ac 5 \x81 end"
    assert warnings == [NOT_UTF8]


@needs_bbc
def test_bbc_latin1_file() -> None:
    imported = load_file(BBC / "sport" / "199.txt")
    assert imported.warnings == [NOT_UTF8]
    assert imported.article.title == "Chelsea sack Mutu"
    assert "£15.8m" in imported.article.text
    assert "\ufffd" not in imported.article.text


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.touch()
    assert reason(path) == "empty file"


def test_whitespace_only_file(tmp_path: Path) -> None:
    path = tmp_path / "blank.md"
    path.write_text(" \n\t\r\n  \n", encoding="utf-8")
    assert reason(path) == "file has no text"


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert reason(path) == "binary file, not text"


def test_an_html_file_holding_json_or_a_feed_is_named_not_imported(tmp_path: Path) -> None:
    """A JSON file renamed data.html came in as an article titled `{ "die-partei…`."""
    data = tmp_path / "data.html"
    data.write_text('{\n  "pages": {"a.html": "<p>x</p>"},\n  "n": [1, 2]\n}\n', encoding="utf-8")
    assert reason(data).startswith("holds JSON data, not a web page")
    feed = tmp_path / "feed.html"
    feed.write_text("<?xml version='1.0'?><rss version='2.0'><channel><title>T</title>"
                    "<item><title>One</title></item></channel></rss>", encoding="utf-8")
    assert reason(feed).startswith("this is a feed, not an article: subscribe with `reader feed add")
    page = tmp_path / "braces.html"  # a page that opens with a brace but is no JSON stays a page
    page.write_text("{draft}<html><body><article><h1>Budget agreed</h1>"
                    + "<p>The council met on Tuesday to agree the budget for the coming year.</p>" * 8
                    + "</article></body></html>", encoding="utf-8")
    assert "council met" in load_file(page).article.text


def test_mostly_control_bytes_is_binary_but_a_few_escapes_are_not(tmp_path: Path) -> None:
    noisy = tmp_path / "noisy.txt"
    noisy.write_bytes(b"ab\x1b\x02" * 100)
    assert reason(noisy) == "binary file, not text"
    hostile = tmp_path / "hostile.txt"
    hostile.write_bytes(b"A headline here\n\nText \x1b[2J with an escape.\n")
    assert load_file(hostile).article.text == "Text [2J with an escape."


def test_too_large_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(21 * 1024 * 1024)  # sparse, all NUL: the size check must come first
    assert reason(path) == "file is 21.0 MB; the limit is 20 MB"


def test_unsupported_suffix(tmp_path: Path) -> None:
    path = tmp_path / "page.xyz"
    path.write_text("hello", encoding="utf-8")
    assert reason(path) == "unsupported file type .xyz (reader reads .txt, .md and .html)"


def test_a_feed_or_opml_file_is_pointed_to_feed_add(tmp_path: Path) -> None:
    rss = tmp_path / "local news.rss"
    rss.write_text('<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Local</title></channel></rss>')
    assert reason(rss) == f"this is a feed, not an article: subscribe with `reader feed add '{rss}'`"
    opml = tmp_path / "subs.xml"
    opml.write_text('<?xml version="1.0"?><opml version="2.0"><body><outline xmlUrl="https://a.example/f"/></body></opml>')
    assert reason(opml) == f"this is an OPML list of feeds, not an article: subscribe with `reader feed add {opml}`"
    feed = tmp_path / "feed.json"
    feed.write_text('{"version": "https://jsonfeed.org/version/1.1", "title": "Local", "items": []}')
    assert reason(feed).startswith("this is a feed, not an article")


def test_missing_file(tmp_path: Path) -> None:
    assert reason(tmp_path / "gone.txt") == "no such file or directory"


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests may run as root, where chmod 000 does not stop reading: fake the OSError.
    path = tmp_path / "secret.txt"
    path.write_text("text", encoding="utf-8")

    def deny(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", deny)
    assert reason(path) == "Permission denied"


def test_directory_given_as_file(tmp_path: Path) -> None:
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(IngestError, match="is a directory"):
        read_text(folder)


def test_collect_paths(tmp_path: Path) -> None:
    root = tmp_path / "articles"
    (root / "b_sub").mkdir(parents=True)
    (root / ".hidden_dir").mkdir()
    for rel in ("b.md", "a.txt", "c.MARKDOWN", "notes.pdf", ".hidden.txt", "b_sub/z.txt", ".hidden_dir/x.txt"):
        (root / rel).write_text("x", encoding="utf-8")
    loose = tmp_path / "loose.rtf"
    loose.write_text("x", encoding="utf-8")
    missing = tmp_path / "missing"
    paths, errors = collect_paths([root, loose, missing, root / "a.txt"])
    assert paths == [root / "a.txt", root / "b.md", root / "c.MARKDOWN", root / "b_sub" / "z.txt", loose]
    assert [(e.path, e.reason) for e in errors] == [(missing, "no such file or directory")]


def test_no_article_text(tmp_path: Path) -> None:
    path = tmp_path / "chrome.txt"
    path.write_text("Share\nAdvertisement\nRead more\n", encoding="utf-8")
    assert reason(path) == "no article text found"


@needs_bbc
def test_twenty_bbc_files() -> None:
    files = sorted(BBC.glob("*/*.txt"))[::111][:20]
    assert len(files) == 20
    for path in files:
        imported: Imported = load_file(path)
        line1 = path.read_bytes().decode("utf-8", "replace").split("\n")[0]
        article = imported.article
        assert article.title and article.title == " ".join(line1.split()), path
        assert article.blocks and any(b.kind == "paragraph" for b in article.blocks), path
        assert article.title not in [b.text for b in article.blocks]

