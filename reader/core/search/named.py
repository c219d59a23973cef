"""The name index (`Mentions`) kept in the index cache, read there one entity at a time.

Working out which names are one entity (`entities.joins`) over 10,000 articles takes
seconds, so a `person:` or `said-by:` search from a new process would pay that every time.
Once computed, the index cache keeps its result: every entity's name (sorted), type, the
(article, start, end) of its mentions and of its quotes, and the words of the names each
entity goes by; a search reads the few entities its value names. The saved name index
holds only for the articles it was computed from (the cache writes it only while the
index is unchanged since) and for the rules and lists it was computed with (`key`).
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable
from itertools import accumulate, chain
from typing import Any

from reader.core.search.mentions import Mentions
from reader.core.search.packed import CacheDamaged, Packed

SEPARATOR = "\x00"  # between names and words in their sections (no name holds one)
NO_TYPE = 255
SECTIONS = ("named.names", "named.types", "named.ent.offs", "named.ent", "named.spk.offs", "named.spk",
            "named.words", "named.with.offs", "named.with")


def key(aliases: dict[str, str]) -> str:
    """What the joins depend on besides the articles: their rules' version, the shipped
    list of organisations' short forms, the user's merges."""
    import hashlib

    from reader.core.entities import aliases as shipped
    from reader.core.entities.cache import VERSION

    text = repr((VERSION, shipped.digest(), sorted(aliases.items())))
    return hashlib.sha1(text.encode()).hexdigest()


def _spans(groups: Iterable[list[tuple[int, int, int]]]) -> tuple[bytes, bytes]:
    groups = list(groups)
    offsets = array("I", (0, *accumulate(len(g) * 3 for g in groups)))
    flat = array("I", chain.from_iterable(chain.from_iterable(groups)))
    return offsets.tobytes(), flat.tobytes()


def dump(mentions: Mentions, aliases: dict[str, str]) -> tuple[dict[str, Any], dict[str, list[bytes]]] | None:
    """Plain data and sections for the cache; None when a name cannot be kept so."""
    names = sorted(mentions.entities.keys() | mentions.speakers.keys() | mentions.types.keys()
                   | set(chain.from_iterable(mentions.names_with.values())))
    if any(SEPARATOR in name for name in names) or any(SEPARATOR in word for word in mentions.name_words):
        return None
    number = {name: i for i, name in enumerate(names)}
    types = bytes(min(NO_TYPE, mentions.types.get(name, NO_TYPE)) for name in names)
    ent_offsets, ents = _spans(mentions.entities.get(name, []) for name in names)
    spk_offsets, spks = _spans(mentions.speakers.get(name, []) for name in names)
    words = mentions.name_words
    holders = [sorted(number[name] for name in mentions.names_with[word]) for word in words]
    with_offsets = array("I", (0, *accumulate(map(len, holders)))).tobytes()
    sections = {
        "named.names": [SEPARATOR.join(names).encode()],
        "named.types": [types],
        "named.ent.offs": [ent_offsets], "named.ent": [ents],
        "named.spk.offs": [spk_offsets], "named.spk": [spks],
        "named.words": [SEPARATOR.join(words).encode()],
        "named.with.offs": [with_offsets], "named.with": [array("I", chain.from_iterable(holders)).tobytes()],
    }
    return {"key": key(aliases), "names": len(names), "words": len(words)}, sections


class _ByName:
    """name -> its spans (or type), read from the cache on asking: `.get` as on a dict."""

    def __init__(self, saved: Saved, kind: str) -> None:
        self._saved = saved
        self._kind = kind

    def get(self, name: str, default: Any = None) -> Any:
        i = self._saved.number(name)
        if i is None:
            return default
        if self._kind == "types":
            found = self._saved._types[i]
            return default if found == NO_TYPE else found
        return self._saved.spans(self._kind, i) or default


class Saved:
    """A `Mentions` as the cache holds it (the same `names`, `entities`, `speakers`, `types`)."""

    def __init__(self, packed: Packed, plain: dict[str, Any]) -> None:
        self._packed = packed
        text = str(packed.section("named.names"), "utf-8")
        self._names = text.split(SEPARATOR) if text else []
        text = str(packed.section("named.words"), "utf-8")
        self.name_words = text.split(SEPARATOR) if text else []
        if len(self._names) != plain["names"] or len(self.name_words) != plain["words"]:
            raise CacheDamaged("named: counts")
        self._types = packed.section("named.types")
        if len(self._types) != len(self._names):
            raise CacheDamaged("named: types")
        self._offsets = {kind: packed.section(f"named.{kind}.offs").cast("I") for kind in ("ent", "spk", "with")}
        self.entities = _ByName(self, "ent")
        self.speakers = _ByName(self, "spk")
        self.types = _ByName(self, "types")
        self.plain = plain

    def sections(self) -> dict[str, list[memoryview]]:
        """The sections as loaded, to be written again as they are."""
        return {name: [self._packed.section(name)] for name in SECTIONS}

    def number(self, name: str) -> int | None:
        i = bisect_left(self._names, name)
        return i if i < len(self._names) and self._names[i] == name else None

    def spans(self, kind: str, i: int) -> list[tuple[int, int, int]]:
        offsets = self._offsets[kind]
        flat = self._packed.part(f"named.{kind}", offsets[i] * 4, offsets[i + 1] * 4).cast("I")
        return list(zip(flat[0::3], flat[1::3], flat[2::3]))

    def names(self, value_words: list[str]) -> set[str]:
        """As `Mentions.names`: the entities one of whose names has, for each value word, a
        word it begins."""
        found: set[str] | None = None
        words, offsets = self.name_words, self._offsets["with"]
        for value in value_words:
            these: set[int] = set()
            i = bisect_left(words, value)
            while i < len(words) and words[i].startswith(value):
                these.update(self._packed.part("named.with", offsets[i] * 4, offsets[i + 1] * 4).cast("I"))
                i += 1
            named = {self._names[k] for k in these}
            found = named if found is None else found & named
        return found or set()


def load(packed: Packed, aliases: dict[str, str]) -> Saved | None:
    """The saved name index if the cache holds one computed as this one would be."""
    plain = packed.plain.get("named")
    if not isinstance(plain, dict) or plain.get("key") != key(aliases):
        return None
    try:
        return Saved(packed, plain)
    except (KeyError, ValueError, TypeError, UnicodeDecodeError):
        return None
