"""`reader add` with malformed URLs: one line naming the URL and the fault, exit 1, the
library untouched; nothing is sent anywhere (the URLs are refused before any lookup)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli import main

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def snapshot(home: Path) -> dict[str, bytes]:
    return {str(p.relative_to(home)): p.read_bytes() for p in sorted(home.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("lib")
    assert main(["--home", str(home), "add", str(SEEDS)]) == 0
    return home


@pytest.mark.parametrize(
    ("url", "shown", "reason"),
    [
        ("http://[::1", "http://[::1", "not a valid URL: its [IPv6 address] is malformed"),
        ("http://", "http://", "not a valid URL: it has no host name"),
        ("https://", "https://", "not a valid URL: it has no host name"),
        ("http://a:b:c/", "http://a:b:c/", "not a valid URL: port 'b:c' is not a number from 1 to 65535"),
        ("http://[::1]:99999/", "http://[::1]:99999/", "not a valid URL: port '99999' is not a number from 1 to 65535"),
        ("http://127.0.0.1:" + "9" * 40 + "/", "http://127.0.0.1:" + "9" * 40 + "/", "is not a number from 1 to 65535"),
        ("http://[zz]/", "http://[zz]/", "not a valid URL: its [IPv6 address] is malformed"),
        ("http://exa\x07mple.org/\x1b[2J", "http://exa\\x07mple.org/\\x1b[2J", "it contains \\x07, a control or invisible"),
        ("http://x.org/a b", "http://x.org/a b", "not a valid URL: it contains a space"),
        ("ftp://example.org/file", "ftp://example.org/file", "not an http(s) URL"),
    ],
)
def test_a_malformed_url_is_one_line_exit_1_and_changes_nothing(home, capsys, url, shown, reason):
    before = snapshot(home)
    capsys.readouterr()
    assert main(["--home", str(home), "add", url]) == 1
    captured = capsys.readouterr()
    assert captured.err.startswith(f"reader: {shown}: ") and reason in captured.err
    assert captured.err.count("\n") == 1 and "Traceback" not in captured.err
    assert captured.out == "0 added, 0 already in the library, 1 failed\n"
    assert snapshot(home) == before


def test_a_malformed_url_does_not_stop_the_files_beside_it(tmp_path, capsys):
    home = tmp_path / "lib"
    assert main(["--home", str(home), "add", "http://[::1", str(SEEDS)]) == 1
    captured = capsys.readouterr()
    assert "reader: http://[::1: not a valid URL" in captured.err
    assert captured.out.endswith("2 added, 0 already in the library, 1 failed\n")
