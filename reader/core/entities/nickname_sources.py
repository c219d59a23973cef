"""The table of given names and their short forms ("Bernard": "Bernie"), trimmed from a
hand-curated genealogical list.

Dev-only: the app reads the table this writes (`data/nicknames.tsv`), rebuilt with

    python -m reader.core.entities.nickname_sources

Source: the `nicknames` package (Old Dominion University's hand-curated list of English
given names and nicknames, Apache-2.0; train extra, pinned), each row "F has nickname N".
The list is over-inclusive for news: "Ron" is a nickname of Aaron, Cameron and Veronica,
"Bill" of Robert, "Ian" of John. A pair is kept when:

1. the two names are not of different sexes: the US Census given-name lists (the `names`
   package, train extra) give each name the sex it is more common for; a pair whose
   names are both listed, for different sexes, goes (Polly/Paul, Andy/Andrea);
2. N is no longer than F (a short form: not Willie for Will, Michael for Miguel), and N
   is F's own shortening, by one of the ways English short forms are made:
   a. the same first two letters (Bernie, Vince, Mike, Mick, Chris);
   b. the same first letter, N's consonants the first of F's (Jim and Jimmy for James);
   c. a rhyme: another first letter, the same next two (Bill for William, Bob for
      Robert, Dick for Richard);
   d. a consonant put before a name that starts with a vowel (Ted and Ned for Edward);
   e. listed both ways, N's letters in F in order (Tony for Anthony, Tom for Thomas).

Rows: a given name, then the short forms kept for it, space-separated, sorted.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

OUT = Path(__file__).resolve().parent / "data" / "nicknames.tsv"
VOWELS = frozenset("aeiouy")


def census_sexes() -> dict[str, str]:
    """Each given name of the US Census lists -> "m" or "f", whichever it is more common for."""
    import names as census  # train extra only: the app reads the table, never the lists

    folder = Path(census.__file__).resolve().parent
    share: dict[str, dict[str, float]] = {}
    for sex, file in (("m", "dist.male.first"), ("f", "dist.female.first")):
        for line in (folder / file).read_text(encoding="ascii").splitlines():
            parts = line.split()
            if len(parts) >= 2:
                share.setdefault(parts[0].lower(), {})[sex] = float(parts[1])
    return {name: max(by_sex, key=lambda s: (by_sex[s], s)) for name, by_sex in share.items()}


def _consonants(name: str) -> str:
    """The first letter and the consonants after it, a doubled one once ("jimmy" -> "jm")."""
    found = name[0]
    for c in name[1:]:
        if c not in VOWELS and c != found[-1]:
            found += c
    return found


def _in_order(short: str, name: str) -> bool:
    letters = iter(name)
    return all(c in letters for c in short)


def shortening(given: str, short: str, listed: set[tuple[str, str]]) -> str | None:
    """Which way (a-e of the module's rule) `short` shortens `given`, or None."""
    if short == given or len(short) > len(given):
        return None
    if short[:2] == given[:2]:
        return "a"
    if short[0] == given[0] and len(_consonants(short)) >= 2 and _consonants(given).startswith(_consonants(short)):
        return "b"
    if short[1:3] == given[1:3]:
        return "c"
    if short[0] not in VOWELS and given[0] in VOWELS and short[1:3] == given[:2]:
        return "d"
    if (short, given) in listed and _in_order(short, given):
        return "e"
    return None


def kept(pairs: Iterable[tuple[str, str]], sexes: dict[str, str]) -> dict[str, list[str]]:
    """Given name -> its short forms, of (given name, nickname) pairs, by the module's rule."""
    listed = set(pairs)
    table: dict[str, set[str]] = {}
    for given, short in listed:
        one, other = sexes.get(given), sexes.get(short)
        if one and other and one != other:
            continue
        if shortening(given, short, listed):
            table.setdefault(given, set()).add(short)
    return {given: sorted(shorts) for given, shorts in sorted(table.items())}


def source_pairs() -> list[tuple[str, str]]:
    from nicknames import name_triplets  # train extra only

    return [(t.name1, t.name2) for t in name_triplets() if t.relationship == "has_nickname"]


def build(out: Path = OUT) -> tuple[int, int]:
    """Write the table; (given names, pairs) kept."""
    table = kept(source_pairs(), census_sexes())
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(f"{given}\t{' '.join(shorts)}\n" for given, shorts in table.items()), encoding="utf-8")
    return len(table), sum(map(len, table.values()))


if __name__ == "__main__":
    names, pairs = build()
    print(f"{pairs} short forms of {names} given names written to {OUT}")
