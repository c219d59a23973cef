"""What an article's other names say about which of several entities a short name means.

"Blair" in an article naming Alan Milburn, John Prescott and Labour is the Tony Blair of
the articles that name them too; "Blair" beside Edinburgh and Italy on a rugby team
sheet is not. Each candidate (a person's full name, an organisation's long form) has a
profile: the names of the articles that give it in full (at most PROFILED of them,
evenly spread). An article's score for a candidate adds, over the article's other names,
their rarity (idf) times the share of the candidate's articles that have them, times
log(1 + the candidate's articles): a candidate seen often is a likelier meaning. A short
name of the article already joined to a person counts as that person's full name too
("Mr Blair and Mr Brown": Gordon Brown's articles name Tony Blair, not "Blair"). Names in
a tenth of the library or more ("United Kingdom") and dates tell no one apart: left out.

An article decides for the best candidate when its score is at least MIN_SCORE and
MARGIN times the next one's, or when it is merely ahead and that candidate holds
DOMINANT of all the candidates' articles (the library's "Bush" is George W Bush unless the
article says otherwise); a short name with one candidate joins it unless the article has
rare names and shares none of them with it ("R Kelly" among singers is not the minister
Ruth Kelly). Decided the same way everywhere, the short name joins for good;
else it joins only where an article decided, and stays apart elsewhere.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import TYPE_CHECKING, Protocol

from reader.core.model import ENTITY_TYPES
from reader.core.search.tables import Articles

if TYPE_CHECKING:
    from reader.core.entities.people import Stats

DATE = ENTITY_TYPES.index("DATE")
MIN_SCORE = 5.0
MARGIN = 2.0
DOMINANT = 0.8
COMMON_IDF = math.log(10)
PROFILED = 40


class Groups(Protocol):  # joins._Groups, as the rules read and join it
    parent: dict[str, str]
    raws: dict[str, list[int]]
    junk: set[str]  # keys with words before a name that are no one's first name
    people: set[str]  # keys joined as a person's short name: their entity is a person

    def root(self, key: str) -> str: ...
    def join(self, key: str, into: str) -> None: ...


class Context:
    def __init__(self, groups: Groups, stats: Stats, table: Articles, homes: set[str]) -> None:
        """`homes`: the keys whose articles make a candidate's profile (full names, long forms)."""
        self.groups, self.stats, self.table, self.home_keys = groups, stats, table, homes
        live = len(table.live) or 1
        self.idf = [math.log(live / len(arts)) if arts else 0.0 for arts in stats.articles]
        self._names: dict[int, frozenset[int]] = {}
        self._profiles: dict[str, tuple[dict[int, float], int, set[int]]] = {}
        self._homes: dict[str, list[str]] | None = None
        self._key_of: dict[int, str] | None = None  # raw name -> its key in `groups`

    def settle(
        self, key: str, candidates: set[str], single: bool, local: dict[tuple[int, int], str], least: float = 0.0,
    ) -> None:
        """Join short name `key` to the candidate (root key) its articles decide for: for
        good if they all decide alike, else in `local` where one does (`least`: see decide)."""
        groups, articles = self.groups, self.stats.articles
        raws = groups.raws[key]
        decided = {a: self.decide(a, raws, candidates, single, least) for raw in raws for a in articles[raw]}
        chosen = set(decided.values())
        if len(chosen) == 1 and None not in chosen:
            groups.join(key, chosen.pop())
            return
        for raw in raws:
            for a in articles[raw]:
                if decided[a] is not None:
                    local[a, raw] = decided[a]

    def forget(self) -> None:
        """Drop what was worked out from the joins so far (candidates' profiles, which keys
        each root holds): call after joining names that candidates may hold."""
        self._profiles.clear()
        self._homes = None  # each raw name's key (_key_of) stays: joins move keys, not names

    def names(self, a: int) -> frozenset[int]:
        found = self._names.get(a)
        if found is None:
            idf = self.idf
            found = self._names[a] = frozenset(
                n for kind, n, _s, _e in self.table.mentions(a) if kind != DATE and idf[n] >= COMMON_IDF
            )
        return found

    def profile(self, root: str) -> tuple[dict[int, float], int, set[int]]:
        """A candidate's names across its articles (counts), how many articles, its own names."""
        found = self._profiles.get(root)
        if found is None:
            if self._homes is None:
                self._homes = {}
                for key in self.home_keys:
                    self._homes.setdefault(self.groups.root(key), []).append(key)
            own = {raw for key in self._homes.get(root, ()) for raw in self.groups.raws[key]}
            home = sorted({a for raw in own for a in self.stats.articles[raw]})
            sample = home[:: max(1, -(-len(home) // PROFILED))]  # evenly spread: the counts' shares hold
            counts: Counter[int] = Counter()
            for a in sample:
                counts.update(self.names(a))
            scale = len(home) / len(sample) if sample else 1.0
            found = self._profiles[root] = ({n: c * scale for n, c in counts.items()}, len(home), own)
        return found

    def decide(
        self, a: int, short: list[int], candidates: set[str], single: bool = False, least: float = 0.0,
    ) -> str | None:
        """The candidate (root key) article a's other names point to clearly, or None; one
        single candidate where the score is above `least` or the article has no rare names."""
        names = self._joined(self.names(a) - set(short))
        idf = self.idf
        scores = []
        for root in candidates:
            counts, home, own = self.profile(root)
            if not home:
                continue
            shared = 0.0
            for n in names:
                count = counts.get(n)
                if count and n not in own:
                    shared += idf[n] * count
            scores.append((shared / home * math.log1p(home), root))
        if not scores:
            return None
        scores.sort(reverse=True)
        best, root = scores[0]
        if single:  # joined unless the article's rare names all point elsewhere
            return root if best > least or not names else None
        second = scores[1][0] if len(scores) > 1 else 0.0
        if best >= MIN_SCORE and best >= MARGIN * second:
            return root
        return root if best > second and self._dominant(root, candidates) else None

    def _joined(self, names: frozenset[int]) -> frozenset[int] | set[int]:
        """The names, with the full name each short one already joined for good ("Mr Blair
        and Mr Brown": Blair is Tony Blair by now, whose name Gordon Brown's articles share)."""
        if self._key_of is None:
            self._key_of = {raw: key for key, raws in self.groups.raws.items() for raw in raws}
        groups, key_of, idf = self.groups, self._key_of, self.idf
        added: set[int] = set()
        for n in names:
            key = key_of.get(n)
            if key is None or groups.parent[key] == key:
                continue
            root = groups.root(key)
            if root in groups.people:  # a person's; an organisation's short forms say little
                added.update(r for r in groups.raws[root] if idf[r] >= COMMON_IDF)
        return names | added if added else names

    def _dominant(self, root: str, candidates: set[str]) -> bool:
        homes = {c: self.profile(c)[1] for c in candidates}  # every candidate was scored: no new profile
        return homes[root] >= DOMINANT * sum(homes.values())
