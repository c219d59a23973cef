"""The frequent words of 100 languages that are not plain ASCII, and their letter pairs:
what plausible.py rewards a reading of legacy bytes for (justext's stoplists, shipped with
trafilatura).

Built from the stoplists they take ~0.6 s, paid by every `reader add` of a page in a
legacy encoding (one process per page); so they are kept in the user's cache folder once
built, as Python keeps bytecode: one file behind a magic, a stamp (justext's version and
place, this Python) and a checksum, ~30 ms to read. A cache that is missing, damaged,
stale or cannot be written only costs a build, never an error.
"""

from __future__ import annotations

import functools
import marshal
import sys
from array import array
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Words", "build", "frequent_words", "load"]

MAGIC = b"RDSTOPW"
FORMAT = 1
FILE_NAME = "stopwords.cache"


@dataclass(frozen=True)
class Words:
    known: frozenset[str]  # lower-cased, each with a non-ASCII letter
    pairs: dict[str, int]  # two characters (" " marks a word's ends): how many words have them


@functools.cache
def frequent_words() -> Words:
    """The words, read once per process (from the cache, else built and kept)."""
    from platformdirs import user_cache_path

    return load(user_cache_path("reader") / FILE_NAME)


def load(path: Path) -> Words:
    """The words kept at `path` if they are this installation's; else built and kept there."""
    stamp = _stamp()
    words = _read(path, stamp)
    if words is None:
        words = build()
        _write(path, stamp, words)
    return words


def build() -> Words:
    """From justext's stoplists (none when justext is missing)."""
    try:
        import justext
    except ImportError:
        return Words(frozenset(), {})
    found: set[str] = set()
    for language in justext.get_stoplists():
        found.update(w for w in justext.get_stoplist(language) if not w.isascii())
    known = frozenset(w.lower() for w in found)
    pairs: dict[str, int] = {}
    for word in known:
        previous = " "
        for char in word + " ":
            pair = previous + char
            pairs[pair] = pairs.get(pair, 0) + 1
            previous = char
    return Words(known, pairs)


def _stamp() -> str:
    try:
        import justext
    except ImportError:
        return "no justext"
    return f"{getattr(justext, '__version__', '?')} {Path(justext.__file__).parent} {sys.version}"


def _pack(words: Words) -> bytes:
    pairs = list(words.pairs.items())
    if any(len(pair) != 2 for pair, _ in pairs) or any("\n" in w for w in words.known):
        raise ValueError("not kept: a pair is not two characters, or a word has a line break")
    return marshal.dumps((
        "\n".join(sorted(words.known)),
        "".join(pair for pair, _ in pairs),
        array("I", [count for _, count in pairs]).tobytes(),
    ))


def _unpack(payload: bytes) -> Words:
    known, pairs, counts = marshal.loads(payload)
    numbers = array("I")
    numbers.frombytes(counts)
    keys = [pairs[i : i + 2] for i in range(0, len(pairs), 2)]
    if len(keys) != len(numbers):
        raise ValueError("pairs and counts differ")
    return Words(frozenset(known.split("\n")) if known else frozenset(), dict(zip(keys, numbers)))


def _read(path: Path, stamp: str) -> Words | None:
    from reader.core.store.cachefile import read_cache

    kept = read_cache(path, MAGIC, FORMAT)
    try:
        kept_stamp, packed = kept  # type: ignore[misc]
        return _unpack(packed) if kept_stamp == stamp else None
    except (EOFError, ValueError, TypeError, AttributeError):
        return None


def _write(path: Path, stamp: str, words: Words) -> None:
    """A failure is only a cache lost: the next process builds the words again."""
    from reader.core.store.cachefile import write_cache

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        return
    write_cache(path, MAGIC, FORMAT, (stamp, _pack(words)))
