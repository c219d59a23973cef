"""justext's stoplists (the frequent words of 100 languages, shipped with trafilatura) as
`language.judge` reads them: the English words, and which other languages each frequent
non-English word belongs to.

The files are read straight from justext's package folder: importing justext costs
~0.2 s (it imports lxml and urllib) and none of its code is needed. The English lists are
two small files, read when first needed. The index of the other 98 (188,000 lines) took
~0.5 s to build, paid by every `reader add` or `reader show` of a page not in English, so
it is kept in the user's cache folder once built, as `ingest/stopwords.py` keeps its
words: behind a magic, a stamp (justext's version and place, this Python) and a checksum.
A cache that is missing, damaged, stale or cannot be written only costs a build.
"""

from __future__ import annotations

import functools
import sys
from dataclasses import dataclass
from importlib import metadata
from importlib.util import find_spec
from pathlib import Path

from reader.core.patterns import regex

__all__ = ["ENGLISH", "Index", "english_words", "index"]

ENGLISH = "English"
ALSO_ENGLISH = ("Simple_English",)  # English under another name: words justext's English lacks
MAGIC = b"RDLANGS"
FORMAT = 1
FILE_NAME = "languages.cache"

WORD = regex(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


@dataclass(frozen=True)
class Index:
    languages: tuple[str, ...]  # justext's names: "German", "Norwegian_Bokmal"...
    # a frequent word of another language that is not a frequent English word -> the
    # positions in `languages` of the lists holding it
    words: dict[str, tuple[int, ...]]


def words_of(entry: str) -> list[str]:
    """A list entry or a text's words as the lists are compared: lower case, ’ as '."""
    return [w.lower().replace("’", "'") for w in WORD.findall(entry)]


@functools.cache
def english_words() -> frozenset[str]:
    """The frequent English words ('said', 'the'...); empty when justext is missing."""
    found: set[str] = set()
    for language in (ENGLISH, *ALSO_ENGLISH):
        found.update(_list(language))
    return frozenset(found)


@functools.cache
def index() -> Index:
    """The other languages' frequent words, read once per process (from the cache, else
    built and kept)."""
    from platformdirs import user_cache_path

    return load(user_cache_path("reader") / FILE_NAME)


def load(path: Path) -> Index:
    """The index kept at `path` if it is this installation's; else built and kept there."""
    stamp = _stamp()
    kept = _read(path, stamp)
    if kept is not None:
        return kept
    built = build()
    _write(path, stamp, built)
    return built


def build() -> Index:
    """From the stoplist files: each language's words less the frequent English ones (the
    German list holds 'the', 'and', 'of' from quoted titles)."""
    english = english_words()
    skip = {ENGLISH, *ALSO_ENGLISH}
    languages = tuple(name for name in _names() if name not in skip)
    words: dict[str, list[int]] = {}
    for position, language in enumerate(languages):
        for word in _list(language) - english:
            words.setdefault(word, []).append(position)
    return Index(languages, {w: tuple(p) for w, p in words.items()})


def _folder() -> Path | None:
    """justext's stoplists folder, found without importing justext."""
    try:
        spec = find_spec("justext")
    except (ImportError, ValueError):
        return None
    places = list(spec.submodule_search_locations or []) if spec else []
    return Path(places[0]) / "stoplists" if places else None


def _names() -> list[str]:
    folder = _folder()
    try:
        return sorted(p.stem for p in folder.glob("*.txt")) if folder else []
    except OSError:
        return []


def _list(language: str) -> set[str]:
    """One stoplist's words; empty when it cannot be read."""
    folder = _folder()
    if folder is None:
        return set()
    try:
        text = (folder / f"{language}.txt").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return set()
    return {w for line in text.splitlines() for w in words_of(line)}


def _stamp() -> str:
    try:
        version = metadata.version("justext")
    except metadata.PackageNotFoundError:
        version = "?"
    return f"{version} {_folder()} {sys.version}"


def _read(path: Path, stamp: str) -> Index | None:
    from reader.core.store.cachefile import read_cache

    kept = read_cache(path, MAGIC, FORMAT)
    try:
        kept_stamp, languages, words = kept  # type: ignore[misc]
    except (TypeError, ValueError):
        return None
    if kept_stamp != stamp or not isinstance(languages, tuple) or not isinstance(words, dict):
        return None
    return Index(languages, words)


def _write(path: Path, stamp: str, built: Index) -> None:
    """A failure is only a cache lost: the next process builds the index again."""
    from reader.core.store.cachefile import write_cache

    if not built.languages:
        return  # justext missing: nothing worth keeping
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        return
    write_cache(path, MAGIC, FORMAT, (stamp, built.languages, built.words))
