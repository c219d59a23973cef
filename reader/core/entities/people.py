"""People across the library: which stored names of people are one person (`joins.py`
step 3), and the counts every join rule reads (`Stats`).

A short form ("Blair", "Le Bon", "M Blair") joins the full name it can stand for: with
one such full name in the library (in at least 1/SHORT_RATIO as many articles as the
short form), unless its article's rare names all point elsewhere; with several ("Tony
Blair", "Cherie Blair", "Mike Blair"), the one each article's other names point to
(`context.py`), staying apart where they point nowhere clearly. A first and last name
joins the one fuller form with a middle name or initial ("George Bush" -> "George W
Bush") unless the library also has another middle ("George H W Bush") or a "Sr"/"Jr"
form of it. Words before a known full name that are no one's first name go ("Tories
Ken Clarke" -> "Ken Clarke"). A full name whose first name is a short form of another's
joins it ("Bernie Ebbers" = "Bernard Ebbers", `given_names.py`).
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain

from reader.core.entities import given_names
from reader.core.entities.aliases import org_aliases
from reader.core.entities.context import Context, Groups
from reader.core.model import ENTITY_TYPES
from reader.core.search.tables import Articles

PER, LOC, ORG, MISC, DATE = (ENTITY_TYPES.index(t) for t in ("PER", "LOC", "ORG", "MISC", "DATE"))
WORK_SHARE = 5  # see _majority
TYPES = len(ENTITY_TYPES)
GENERATIONS = frozenset({"sr", "snr", "senior", "jr", "jnr", "junior", "ii", "iii"})
MAX_SUFFIX = 3
SHORT_RATIO = 4


@dataclass
class Stats:
    """Per stored name: its mentions by type and the articles it is in."""

    kinds: list[list[int]]
    articles: list[list[int]]
    table: Articles
    types: list[int]  # each name's majority type

    @classmethod
    def of(cls, table: Articles) -> Stats:
        count = len(table.names)
        kinds = [[0] * TYPES for _ in range(count)]
        articles: list[list[int]] = [[] for _ in range(count)]
        pairs: Counter[tuple[int, int]] = Counter()
        for a in sorted(table.live):
            found = table.entities[a]
            numbers = array("I", found) if isinstance(found, bytes) else array("I", chain.from_iterable(found))
            named = numbers[1::4]
            pairs.update(zip(named, numbers[0::4]))  # counted in C: this pass is over every mention
            for number in set(named):
                articles[number].append(a)
        for (number, kind), n in pairs.items():
            kinds[number][kind] += n
        return cls(kinds, articles, table, [_majority(k) for k in kinds])

    def type(self, number: int) -> int:
        return self.types[number]

    def group_type(self, raws: Sequence[int]) -> int:
        if len(raws) == 1:
            return self.types[raws[0]]
        total = [0] * TYPES
        for raw in raws:
            for kind, count in enumerate(self.kinds[raw]):
                total[kind] += count
        return _majority(total)

    def mentions_in(self, raws: Iterable[int]) -> int:
        return sum(sum(self.kinds[raw]) for raw in raws)

    def entity_types(self, names: list[str], local: dict[tuple[int, int], str], fixed: dict[str, int]) -> dict[str, int]:
        """Each entity's type: the majority of its mentions' types (PER on a tie), or `fixed`."""
        moved = {raw for _a, raw in local}
        members: dict[str, list[int]] = {}
        for raw, entity in enumerate(names):
            if raw not in moved:
                members.setdefault(entity, []).append(raw)
        decided: dict[str, list[int]] = {}  # the mentions of names decided article by article
        for a in {a for raw in moved for a in self.articles[raw]}:
            for kind, number, _s, _e in self.table.mentions(a):
                if number in moved:
                    decided.setdefault(local.get((a, number), names[number]), [0] * TYPES)[kind] += 1
        types: dict[str, int] = {}
        for entity, raws in members.items():
            if len(raws) == 1 and entity not in decided:
                types[entity] = self.types[raws[0]]
                continue
            total = list(decided.get(entity, [0] * TYPES))
            for raw in raws:
                _add(total, self.kinds[raw])
            types[entity] = _majority(total)
        for entity in decided.keys() - types.keys():
            types[entity] = _majority(decided[entity])
        types.update((entity, kind) for entity, kind in fixed.items() if entity in types)
        return types


def _add(total: list[int], counts: list[int]) -> None:
    for kind, count in enumerate(counts):
        total[kind] += count


def _majority(counts: list[int]) -> int:
    """The type most mentions have; but a name mostly typed a person and "other" in at
    least 1/WORK_SHARE of its mentions is a work, award or product: the tagger reads one
    shaped like a person's name ("Harry Potter", "Vera Drake") as a person wherever its
    sentence says no more, while "other" comes from what some articles say of it ("the
    Harry Potter games", `analysis/kinds.py`), and almost never for a real person."""
    best = max(counts)
    if not best:
        return PER  # no mentions: a speaker only
    if counts[PER] == best:
        return MISC if counts[MISC] * WORK_SHARE >= sum(counts) else PER  # a tie: a person
    return counts.index(best)


def best_name(keys: list[str], groups: Groups, stats: Stats, spelled: list[str], person: bool = False) -> str:
    """The name an entity is shown by: of its names (a person's full names, if any), the
    one in the most articles, then the most mentioned, then the longest; its most
    mentioned spelling."""
    raws = groups.raws
    if len(keys) == 1 and len(raws[keys[0]]) == 1:
        return spelled[raws[keys[0]][0]]
    named = [k for k in keys if raws[k]]
    full = [k for k in named if " " in k and not _initial_form(k.split()) and k not in groups.junk]
    full = [k for k in full if not any(o != k and o.endswith(" " + k) for o in full)]  # "Van Persie" < "Robin van Persie"
    if full and (person or stats.group_type([r for k in named for r in raws[k]]) == PER):
        pool = full
    else:
        pool = named or keys
    best = max(pool, key=lambda k: (
        sum(len(stats.articles[r]) for r in raws[k]), stats.mentions_in(raws[k]), len(k), k,
    ))
    if not raws[best]:
        return best
    return spelled[max(raws[best], key=lambda r: (sum(stats.kinds[r]), not spelled[r].isupper(), -r))]


def _initial_form(words: list[str]) -> bool:
    return len(words) > 1 and all(len(w) == 1 for w in words[:-1])


def full_names(groups: Groups, stats: Stats) -> set[str]:
    """The keys of people's full names: several words, not initials and a surname; typed
    mostly PER, or known to be a person ("Labour MP Oona King" typed ORG: `groups.people`)."""
    return {
        k for k, raws in groups.raws.items()
        if raws and " " in k and not _initial_form(k.split())
        and (stats.group_type(raws) == PER or k in groups.people)
    }


def join(groups: Groups, stats: Stats, context: Context, local: dict[tuple[int, int], str]) -> None:
    """Join people's names in `groups`; what an article decides goes in `local`
    ((article, raw name) -> root key)."""
    person = {k for k, raws in groups.raws.items() if raws and stats.group_type(raws) == PER}
    full = full_names(groups, stats)
    _join_middles(groups, full)
    _join_tails(groups, full)
    given_names.join(groups, stats, context, full, local)
    suffixes: dict[tuple[str, ...], set[str]] = {}
    for key in full:
        words = key.split()
        for size in range(1, min(MAX_SUFFIX, len(words) - 1) + 1):
            suffixes.setdefault(tuple(words[-size:]), set()).add(key)
    listing = org_aliases()
    shorts = []
    for key, raws in groups.raws.items():
        words = key.split()
        if len(words) > MAX_SUFFIX or not raws or len(key) < 2:
            continue  # "S" of "Cooper S" is no one's short name
        if _initial_form(words):
            found = {f for f in suffixes.get((words[-1],), ()) if f[0] == words[0]}
        else:
            found = suffixes.get(tuple(words), set())
        if found and (key in person or _maybe_person(key, raws, stats, listing)):
            shorts.append((-len(words), key, found))
    for _size, key, found in sorted(shorts):
        candidates = {groups.root(f) for f in found} - {groups.root(key)}
        single = len(candidates) == 1 and key in person
        if key not in person and not credible(found, key, groups, stats, 1):
            continue  # "Europe", a place in 200 articles, is not the "Nintendo Europe" of two
        if candidates and (not single or credible(found, key, groups, stats)):
            context.settle(key, candidates, single, local)
            groups.people.update(candidates)  # whatever the short name was typed, they are people


def _maybe_person(key: str, raws: list[int], stats: Stats, listing: dict) -> bool:
    """A one-word name typed a place, or a person somewhere, may be a mistagged surname
    ("Straw", "Putin" as places); an organisation's name is not ("Amazon")."""
    if " " in key or key in listing:
        return False
    kind = stats.group_type(raws)
    return kind == LOC or (kind != ORG and any(stats.kinds[r][PER] for r in raws))


def credible(found: Iterable[str], key: str, groups: Groups, stats: Stats, ratio: int = SHORT_RATIO) -> bool:
    """The full names a short form can stand for are in at least 1/`ratio` as many
    articles as the short form ("Oscar" in 49 is not the "Language Oscar" of one, "ABC"
    in 12 not the "Aldridge Brownhills Conservatives" of one)."""
    spread = lambda keys: sum(len(stats.articles[r]) for k in keys for r in groups.raws[k])  # noqa: E731
    return spread(found) * ratio >= spread([key])


def _join_middles(groups: Groups, full: set[str]) -> None:
    """"George Bush" -> "George W Bush" when that is the library's one fuller form of it."""
    by_ends: dict[tuple[str, str], list[str]] = {}
    generational: set[tuple[str, str]] = set()
    for key in full:
        words = key.split()
        by_ends.setdefault((words[0], words[-1]), []).append(key)
        if words[-1] in GENERATIONS and len(words) > 2:
            generational.add((words[0], words[-2]))
    for key in full:
        words = key.split()
        if len(words) != 2 or (words[0], words[-1]) in generational:
            continue
        fuller = [k for k in by_ends[words[0], words[-1]] if k != key]
        if len(fuller) == 1:
            groups.join(key, fuller[0])


def _join_tails(groups: Groups, full: set[str]) -> None:
    """"Tories Ken Clarke" -> "Ken Clarke": words before a known full name that are no one's first name."""
    first_names = {key.split()[0] for key in full if key.count(" ") == 1}
    for key in full:
        words = key.split()
        if len(words) < 3 or words[0] in first_names:
            continue
        for i in range(1, len(words) - 1):
            tail = " ".join(words[i:])
            if tail in full:
                groups.join(key, tail)
                groups.junk.add(key)
                break
