"""Feeds: what reader imports from a folder of test feeds, against feedparser in the same run.

Run it from the repository root:

    .venv/bin/python bench/feeds.py                       # feedparser's own test feeds
    .venv/bin/python bench/feeds.py ../shared/data/web/trafilatura/feeds

With no folder it reads feedparser's test suite in ../shared/data/feeds/feedparser/tests
(wellformed/, illformed/, encoding/ and json/). Each file is one feed; a `Header:
Content-type: ...` line in its opening comment is the Content-Type it is served with.

For every file it
  * parses it with feedparser alone (the baseline: the entries it finds);
  * refreshes it into a fresh library with reader (`refresh_feed`, served from memory:
    decoding, parsing, stable ids, conversion, storing, analysis); linked pages are not
    fetched (no network here), so summary-only entries keep their summary and say so;
and prints: the feeds where feedparser finds entries, the entries each finds, the
entries reader imported, those it did not with the reasons, the messages it gave,
the encoding cases read right or wrong (the undeclared and mislabelled ones in
encoding/ and illformed/chardet/: the reference is the encoding their `Expect:` line
names, else feedparser's when it reads the file without trouble), and the time per feed.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import feedparser  # noqa: E402

from reader.core.feeds import refresh_feed  # noqa: E402
from reader.core.feeds.parse import FeedError, parse_feed  # noqa: E402
from reader.core.ingest.encoding import codec_name, decode_bytes, xml_encoding  # noqa: E402
from reader.core.model import Feed  # noqa: E402
from reader.core.net import Fetched, FetchError  # noqa: E402
from reader.core.store import Library  # noqa: E402

CORPUS = ROOT.parent / "shared" / "data" / "feeds" / "feedparser" / "tests"
FOLDERS = ("wellformed", "illformed", "encoding", "json")
ENCODING_CASES = ("encoding", "illformed/chardet")
_HEADER = re.compile(rb"^\s*Header:\s*Content-type:\s*(.+?)\s*$", re.MULTILINE | re.IGNORECASE)
_EXPECTED_ENCODING = re.compile(rb"\bencoding\s*==\s*'([^']+)'")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, help="folders of feed files (default: feedparser's tests)")
    args = parser.parse_args()
    roots = args.folders or [CORPUS / name for name in FOLDERS]
    files = sorted(f for root in roots for f in root.rglob("*") if f.is_file() and not f.name.startswith("."))
    if not files:
        sys.exit(f"no feed files under {', '.join(map(str, roots))}")
    tally = collections.Counter()
    dropped, messages, failures = collections.Counter(), collections.Counter(), collections.Counter()
    times = collections.defaultdict(float)
    encoding = {"right": [], "wrong": [], "no reference": []}
    work = Path(tempfile.mkdtemp(prefix="bench-feeds-"))
    try:
        for n, path in enumerate(files):
            data = path.read_bytes()
            content_type = _content_type(data)
            found = _feedparser(data, content_type, times)
            got = _reader(data, content_type, path, work / str(n), times)
            _count(found, got, tally, dropped, messages, failures)
            if path.suffix == ".json":
                tally["JSON feeds (feedparser 6.0 reads none)"] += 1
                tally["JSON feeds: items in the files"] += _json_items(data)
                tally["JSON feeds: entries reader imported"] += len(got["report"].new)
            if _is_encoding_case(path, roots, data):
                verdict, read_as = _encoding_verdict(data, content_type)
                encoding[verdict].append(path.name if verdict == "right" else f"{path.name} ({read_as})")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    _print(files, tally, dropped, messages, failures, times, encoding)


def _content_type(data: bytes) -> str | None:
    found = _HEADER.search(data[:4096])
    return found.group(1).decode("latin-1") if found else None


def _json_items(data: bytes) -> int:
    try:
        items = json.loads(data).get("items")
    except (ValueError, AttributeError):
        return 0
    return len(items) if isinstance(items, list) else 0


def _feedparser(data: bytes, content_type: str | None, times: dict[str, float]) -> int:
    start = time.perf_counter()
    result = feedparser.parse(data, response_headers={"content-type": content_type} if content_type else {})
    times["feedparser"] += time.perf_counter() - start
    return len(result.entries)


def _reader(data: bytes, content_type: str | None, path: Path, home: Path, times: dict[str, float]) -> dict:
    """reader's parse (timed alone) and a whole refresh into a fresh library."""
    url = f"http://bench.invalid/{path.name}"
    start = time.perf_counter()
    try:
        parsed_entries = len(parse_feed(data, url=url, content_type=content_type).entries)
    except FeedError:
        parsed_entries = 0
    times["reader parse"] += time.perf_counter() - start
    media, _, charset = (content_type or "").partition(";")
    charset = charset.split("=", 1)[1].strip(" '\"") if "=" in charset else None

    def fetch(asked: str, **_options: object) -> Fetched:
        if asked != url:
            raise FetchError(asked, "pages are not fetched in the bench")
        return Fetched(url, 200, data, media.strip().lower(), charset, None, None, False)

    library = Library(home)
    try:
        start = time.perf_counter()
        report = refresh_feed(library, library.subscribe(Feed.create(url)), fetch=fetch)
        times["reader import"] += time.perf_counter() - start
    finally:
        library.close()
    return {"parsed": parsed_entries, "report": report}


def _count(found: int, got: dict, tally, dropped, messages, failures) -> None:  # noqa: ANN001
    report = got["report"]
    tally["files"] += 1
    imported = len(report.new)
    if not found:
        tally["feeds without entries (feedparser)"] += 1
        tally["entries reader imported where feedparser finds none"] += imported
        return
    tally["feeds with entries (feedparser)"] += 1
    tally["entries: feedparser"] += found
    tally["entries: reader parsed"] += got["parsed"]
    tally["entries: reader imported"] += imported
    if report.error:
        failures[_kind(report.error)] += 1
        dropped[f"the feed failed: {_kind(report.error)}"] += found
        return
    tally["feeds where reader imported every entry feedparser found"] += imported >= found
    for error in report.errors:
        dropped[_kind(error.split(": ", 1)[-1])] += 1
    if report.skipped:
        dropped["same id as an earlier entry of the feed"] += report.skipped
    twice = sum("lists this entry twice" in w for w in report.warnings)
    if twice:
        dropped["the same entry twice in one feed (same id, link, title, date and text): imported once"] += twice
    missing = found - imported - len(report.errors) - report.skipped - twice
    if missing > 0:
        dropped["not found by reader's parser"] += missing
    for warning in report.warnings:
        messages[_kind(warning)] += 1


def _kind(message: str) -> str:
    """A message without the names and details that make each one different."""
    for known in ("kept the summary; the full text could not be fetched",
                  "imported its title only; the full text could not be fetched",
                  "imported its title only: the entry has no text and no link",
                  "imported its title only: the entry has no text",
                  "the feed lists this entry twice; imported once",
                  "malformed feed, read anyway", "no charset declared; read as", "declared",
                  "byte", "not an RSS, Atom, RDF or JSON feed", "not a JSON feed"):
        if known in message:
            return known + ("…" if known in ("declared", "byte", "no charset declared; read as") else "")
    return re.sub(r"\d+", "N", message)[:80]


def _is_encoding_case(path: Path, roots: list[Path], data: bytes) -> bool:
    folder = path.parent.as_posix()
    in_folder = any(folder.endswith(case) for case in ENCODING_CASES) and any(str(path).startswith(str(r)) for r in roots)
    return in_folder and not (data.isascii() and b"\x00" not in data)


def _encoding_verdict(data: bytes, content_type: str | None) -> tuple[str, str]:
    """Whether reader decodes the file as its reference encoding does, and how reader read it."""
    charset = re.search(r"charset\s*=\s*['\"]?([^'\";\s]+)", content_type or "")
    decoded = decode_bytes(data, [charset.group(1) if charset else None, xml_encoding(data)])
    read_as = "; ".join(decoded.warnings) or f"read as {decoded.encoding}"
    expected = _EXPECTED_ENCODING.search(data[:4096].replace(b"\x00", b""))
    reference = codec_name(expected.group(1).decode("latin-1")) if expected else None
    if reference is None:
        result = feedparser.parse(data, response_headers={"content-type": content_type} if content_type else {})
        reference = None if result.get("bozo") else codec_name(result.get("encoding"))
    if reference is None:
        return "no reference", read_as
    truth = data.decode(reference, errors="replace")
    return ("right" if decoded.text.lstrip("\ufeff") == truth.lstrip("\ufeff") else "wrong"), read_as


def _print(files, tally, dropped, messages, failures, times, encoding) -> None:  # noqa: ANN001
    n = len(files)
    print(f"{n} feed files")
    for key, value in tally.items():
        if key != "files":
            print(f"  {key:60} {value:6}")
    print("entries not imported, by reason:" if dropped else "entries not imported: none")
    for reason, count in dropped.most_common():
        print(f"  {count:6}  {reason}")
    if failures:
        print("feeds that failed (feedparser found entries):")
        for reason, count in failures.most_common():
            print(f"  {count:6}  {reason}")
    print("messages reader gave (one per entry at most), by kind:")
    for kind, count in messages.most_common():
        print(f"  {count:6}  {kind}")
    cases = sum(len(v) for v in encoding.values())
    if cases:
        print(f"encoding cases ({cases} non-ASCII files in encoding/, illformed/chardet/): "
              f"{len(encoding['right'])} right, {len(encoding['wrong'])} wrong, "
              f"{len(encoding['no reference'])} without a reference (feedparser itself has trouble)")
        for verdict in ("wrong", "no reference"):
            for name in encoding[verdict]:
                print(f"  {verdict}: {name}")
    base = times["feedparser"] / n * 1000
    print("time per feed (ms), against feedparser's parse in this run:")
    for key in ("feedparser", "reader parse", "reader import"):
        ms = times[key] / n * 1000
        print(f"  {key:16} {ms:8.2f}   x{ms / base:5.1f}")
    imported = tally["entries: reader imported"] + tally["entries reader imported where feedparser finds none"]
    if imported:
        print(f"  (reader import: decoding, parsing, ids, conversion, storing and analysing: "
              f"{times['reader import'] / imported * 1000:.1f} ms per entry imported)")


if __name__ == "__main__":
    main()
