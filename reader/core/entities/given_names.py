"""People whose first names are one given name ("Bernie Ebbers" = "Bernard Ebbers",
"Vince Cable" = "Vincent Cable"), from a small shipped table of given names and their
short forms (`data/nicknames.tsv`, written by `nickname_sources.py`, where its rule is).

Two full names of people join when all their words but the first are the same, their
first names are a given name and one of its listed short forms (either way), and the
library shows no sign they are different people:

- with that surname, every other first name that goes with one goes with the other: a
  library with "Ted Smith", "Edward Smith" and "Edmund Smith" (Ted may be either)
  leaves all three apart, as a surname with several full names stays apart;
- the rarer name (fewer articles) joins the other in the articles whose other names
  point to it (`Context.settle` with one candidate, as a surname joins its one full
  name), by a score of at least MIN_SCORE: two full names with related first names are
  far less often one person than a surname and the one full name it ends (on the BBC
  library about half the pairs the raw list relates are two people), so one shared name
  about as common as "England" is not enough: the footballer "Andy Cole" stays apart
  from the rugby referee "Andrew Cole".
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.entities.context import Context, Groups

if TYPE_CHECKING:
    from reader.core.entities.people import Stats

NICKNAMES_FILE = Path(__file__).resolve().parent / "data" / "nicknames.tsv"
MIN_SCORE = 3.0  # Context.decide's score: "England" alone gives 2.5, "McDonald" alone 4.5


@functools.cache
def short_forms() -> frozenset[tuple[str, str]]:
    """The table's (given name, short form) pairs, folded."""
    try:
        lines = NICKNAMES_FILE.read_text(encoding="utf-8").splitlines()
    except OSError:
        return frozenset()  # a damaged install loses the joins, never the entities
    pairs = set()
    for line in lines:
        given, _tab, shorts = line.partition("\t")
        pairs.update((given, short) for short in shorts.split())
    return frozenset(pairs)


def same_given_name(one: str, other: str) -> bool:
    """Whether two folded first names are a given name and one of its short forms."""
    pairs = short_forms()
    return (one, other) in pairs or (other, one) in pairs


def digest() -> str:
    """What the table says, for caches computed from it."""
    return repr(sorted(short_forms()))


def join(groups: Groups, stats: Stats, context: Context, full: set[str], local: dict[tuple[int, int], str]) -> None:
    """Join the full names (`full`, folded keys) whose first names are one given name."""
    by_rest: dict[tuple[str, ...], dict[str, str]] = {}
    for key in full:
        first, *rest = key.split()
        by_rest.setdefault(tuple(rest), {})[first] = key
    joined = False
    for firsts in by_rest.values():
        if len(firsts) < 2:
            continue
        for names in _twins(list(firsts)):
            keys = [firsts[name] for name in names]
            spread = lambda k: sum(len(stats.articles[r]) for r in groups.raws[k])  # noqa: E731
            keys.sort(key=lambda k: (-spread(k), -len(k), k))
            main = keys[0]
            for key in keys[1:]:
                if groups.root(key) != groups.root(main):
                    context.settle(key, {groups.root(main)}, True, local, MIN_SCORE)
                    groups.people.add(main)
                    joined = True
    if joined:
        context.forget()


def _twins(firsts: list[str]) -> list[list[str]]:
    """The classes of first names (of one surname) that are one given name and go with
    exactly the same first names of that surname."""
    near = {a: frozenset([a, *(b for b in firsts if b != a and same_given_name(a, b))]) for a in firsts}
    classes: dict[frozenset[str], list[str]] = {}
    for name, around in near.items():
        if len(around) > 1 and all(near[b] == around for b in around):
            classes.setdefault(around, []).append(name)
    return [sorted(names) for names in classes.values()]
