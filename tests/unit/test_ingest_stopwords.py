"""The frequent words that judge a legacy page's encoding are kept between processes: read
back from the cache they are exactly what the stoplists give, and a cache that is damaged,
stale or cannot be written is only rebuilt, never an error or a wrong answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.ingest import stopwords
from reader.core.ingest.encoding import decode_bytes


@pytest.fixture(scope="module")
def built() -> stopwords.Words:
    return stopwords.build()


def test_the_cache_gives_back_what_the_stoplists_give(tmp_path: Path, built, monkeypatch) -> None:
    path = tmp_path / "stopwords.cache"
    first = stopwords.load(path)
    assert path.exists() and first == built and "für" in first.known and first.pairs["ür"] > 0
    monkeypatch.setattr(stopwords, "build", lambda: pytest.fail("read back, not built again"))
    assert stopwords.load(path) == built


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty"])
def test_a_damaged_cache_is_built_again(tmp_path: Path, built, damage: str) -> None:
    path = tmp_path / "stopwords.cache"
    stopwords.load(path)
    data = bytearray(path.read_bytes())
    if damage == "truncate":
        data = data[: len(data) // 2]
    elif damage == "flip":
        data[len(data) // 2] ^= 0xFF
    elif damage == "garbage":
        data = bytearray(b"\x00garbage" * 100)
    else:
        data = bytearray()
    path.write_bytes(bytes(data))
    assert stopwords.load(path) == built
    assert stopwords._read(path, stopwords._stamp()) == built  # and kept again


def test_a_cache_from_another_justext_or_python_is_not_used(tmp_path: Path, built) -> None:
    path = tmp_path / "stopwords.cache"
    stopwords._write(path, "another installation", stopwords.Words(frozenset({"ßß"}), {"ßß": 1}))
    assert stopwords.load(path) == built


def test_an_unwritable_cache_folder_only_costs_a_build(tmp_path: Path, built) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go")
    assert stopwords.load(blocker / "stopwords.cache") == built
    assert not list(tmp_path.glob("**/.stopwords.cache.*.tmp"))


def test_a_legacy_page_is_still_read_right() -> None:
    """The guess the words serve: Latin-1 German with no charset declared."""
    text = "Über die Brücke fährt der Zug täglich um fünf Uhr nach Köln, sagte der Bürgermeister."
    decoded = decode_bytes(text.encode("latin-1"))
    assert decoded.text == text and decoded.guessed
