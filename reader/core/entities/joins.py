"""Which stored names are one entity across the library, and of what type.

An article's analysis names each entity once (`analysis/names.py`); across articles the
same person or body still comes under several names: "Blair" where the article never
gives his first name, "George Bush" beside "George W Bush", "Tories" beside
"Conservative Party", "NATO" beside "Nato". `compute` joins them, in this order:

1. the same words whatever the case, accents or stops ("George W. Bush" = "George W
   Bush"), an acronym's plural with the acronym ("PCs" = "PC", never the union "PCS");
   a stored person's name loses titles and offices ("Exchequer Gordon Brown"), and a
   person's name that is only a title ("Lord", "Chancellor") is no entity at all; a name
   typed otherwise that is a title before a person's full name is that person ("Labour
   MP Stephen Pound");
2. an organisation's short form to its name, from the shipped list (`aliases.py`; one
   listed as joining only where typed an organisation, and not typed one across the
   library, joins in the articles where it mostly is: "Tory"); an
   acronym to the one organisation of the library with those initials (3+ letters);
3. people (`people.py`): a first and last name to the one fuller form with a middle
   name or initial; junk before a known full name; then a short form (a surname, "Le
   Bon", "M Blair") to the one full name of the library it can stand for, or, when
   several can, to the one the article's other names point to (else it stays apart);
4. the user's merges and splits (library.json's aliases) on top of all that: a name
   merged goes where the user said; a name aliased to itself stays apart.

An entity's type is the majority of all its mentions' types across the library (a
person joined by a surname stays a person on ties); an organisation from the list is one;
then the category nouns beside its mentions may make a person or a body a work, or a
person a body (`categories.py`: "the film X", "Glasgow group X").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from reader.core.entities.titles import ACRONYM_PLURAL, is_title_only, strip_person, titled_person
from reader.core.entities import categories, people
from reader.core.entities.aliases import initials, org_aliases
from reader.core.entities.context import Context
from reader.core.entities.names import canonical as follow
from reader.core.model import ENTITY_TYPES
from reader.core.search.tables import Articles
from reader.core.search.text import words

PER, ORG = ENTITY_TYPES.index("PER"), ENTITY_TYPES.index("ORG")
MIN_ACRONYM = 3  # "PC" or "EC" stand for too many things to join on initials alone
NO_ENTITY = ""  # what a name that stands for no one ("Lord" alone) counts as; never listed


@dataclass
class Joins:
    names: list[str]  # raw name number -> its entity
    types: dict[str, int]  # entity -> type index
    local: dict[tuple[int, int], str] = field(default_factory=dict)  # (article, raw) -> entity, where decided there
    contextual: frozenset[int] = frozenset()  # raw names with decisions in `local`
    fixed: dict[str, int] = field(default_factory=dict)  # entity -> type the joins decided (listed, people)
    _by_raw: dict[int, set[str]] | None = field(default=None, repr=False)  # raw -> its entities in `local`

    def entity(self, a: int, number: int) -> str:
        """The entity a raw name stands for in article `a`."""
        if number in self.contextual:
            return self.local.get((a, number), self.names[number])
        return self.names[number]

    def entities_of(self, number: int) -> set[str]:
        """Every entity a raw name stands for somewhere."""
        found = {self.names[number]}
        if number in self.contextual:
            if self._by_raw is None:
                self._by_raw = {}
                for (_a, raw), entity in self.local.items():
                    self._by_raw.setdefault(raw, set()).add(entity)
            found |= self._by_raw.get(number, set())
        return found


def quotes_by(table: Articles, joins: Joins) -> dict[str, list[tuple[int, int, int]]]:
    """The quotes of each entity: (article, start, end) of every quote whose speaker's name
    stands for it in its article. The one answer to "what did X say" that `reader quotes
    --by`, the entity page, the Entities screen and said-by: all read."""
    said: dict[str, list[tuple[int, int, int]]] = {}
    entity = joins.entity
    for a in table.live:
        for number, start, end in table.speakers[a]:
            said.setdefault(entity(a, number), []).append((a, start, end))
    said.pop(NO_ENTITY, None)
    return said


class _Groups:
    """Union-find over folded keys, each key remembering its raw names."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.raws: dict[str, list[int]] = {}
        self.junk: set[str] = set()  # "Tories Ken Clarke": never the name an entity is shown by
        self.people: set[str] = set()  # short names joined to a person: that entity is a person

    def add(self, key: str, raw: int | None = None) -> None:
        if key not in self.parent:
            self.parent[key] = key
            self.raws[key] = []
        if raw is not None:
            self.raws[key].append(raw)

    def root(self, key: str) -> str:
        parent = self.parent
        if parent[key] == key:  # most names are joined to nothing
            return key
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def join(self, key: str, into: str) -> None:
        self.add(into)
        a, b = self.root(key), self.root(into)
        if a != b:
            self.parent[a] = b


def compute(table: Articles, aliases: Mapping[str, str]) -> Joins:
    """The library's joins, from its stored names and the user's merges (`aliases`)."""
    stats = people.Stats.of(table)
    groups = _Groups()
    spelled: list[str] = []  # raw -> its cleaned spelling
    titled: list[str] = []  # keys of people named behind their office in a name typed otherwise
    for number, name in enumerate(table.names):
        person = None
        if stats.type(number) == PER:
            if is_title_only(name):
                spelled.append(NO_ENTITY)
                continue
            name = strip_person(name)[0]
        else:
            person = titled_person(name)
            name = person or name
        if ACRONYM_PLURAL.fullmatch(name):
            key = name[:-1].lower()
        elif name != table.names[number]:
            key = " ".join(words(name))
        else:
            key = " ".join(table.name_words[number])
        spelled.append(name)
        groups.add(key or name, number)
        if person:
            titled.append(key)
    groups.people.update(titled)
    _join_titled(groups, stats, spelled)
    long_forms = {k for k, raws in groups.raws.items() if raws and " " in k and stats.group_type(raws) == ORG}
    context = Context(groups, stats, table, people.full_names(groups, stats) | long_forms)
    local: dict[tuple[int, int], str] = {}
    listed = _join_organisations(groups, stats, spelled, context, local)
    people.join(groups, stats, context, local)
    names, types, fixed = _entities(groups, stats, spelled, listed, local)
    joins = Joins(names, types, local, frozenset(n for _a, n in local), fixed)
    if aliases:
        _apply_user(joins, table, stats, aliases)
    joins.types = categories.retype(table, joins.entity, joins.types, joins.fixed)
    return joins


def _join_titled(groups: _Groups, stats: people.Stats, spelled: list[str]) -> None:
    """"Labour MP Stephen Pound" read as an organisation is Stephen Pound, where the
    library has his full name as a person's: the title before it goes."""
    full = people.full_names(groups, stats)
    for key, raws in list(groups.raws.items()):
        if not raws or key in full or stats.group_type(raws) == PER:
            continue
        name = strip_person(spelled[raws[0]])[0]
        person = " ".join(words(name))
        if person != key and " " in person and person in full:
            groups.join(key, person)
            groups.junk.add(key)
            groups.people.add(person)


def _join_organisations(
    groups: _Groups, stats: people.Stats, spelled: list[str], context: Context, local: dict[tuple[int, int], str],
) -> dict[str, str]:
    """Short forms from the list, then acronyms (where the article shares names with the
    long form's articles: "IRA" is not "IRB Rugby Aid"); the listed name of each listed root key."""
    listed_keys: dict[str, str] = {}  # the list's key of a name -> its name
    listing = org_aliases()
    for key in list(groups.parent):
        entry = listing.get(key)
        if entry is None:
            continue
        name, org_only = entry
        target = " ".join(words(name))
        if org_only and stats.group_type(groups.raws[key]) != ORG:
            if _join_where_organisation(groups.raws[key], target, stats, local):
                groups.add(target)
                listed_keys[target] = name
            continue
        groups.join(key, target)
        listed_keys[target] = name
    by_initials: dict[str, list[str]] = {}
    for key, raws in groups.raws.items():
        if raws and " " in key and stats.group_type(raws) == ORG:
            by_initials.setdefault(initials(spelled[raws[0]]), []).append(key)
    for key, raws in list(groups.raws.items()):
        if not raws or " " in key or key in listing or len(key) < MIN_ACRONYM:
            continue
        spelling = spelled[raws[0]]
        if not spelling.isupper() or stats.group_type(raws) != ORG:
            continue
        found = by_initials.get(spelling, ())
        candidates = {groups.root(k) for k in found}
        if len(candidates) == 1 and people.credible(found, key, groups, stats):
            context.settle(key, candidates, True, local)
    return {groups.root(key): name for key, name in listed_keys.items()}


def _join_where_organisation(
    raws: list[int], target: str, stats: people.Stats, local: dict[tuple[int, int], str],
) -> bool:
    """A short form that joins only as an organisation ("Tory", mostly an adjective in the
    library) joins in the articles where it is mostly typed one; whether it did anywhere."""
    joined = False
    for raw in raws:
        for a in stats.articles[raw]:
            kinds = [kind for kind, number, _s, _e in stats.table.mentions(a) if number == raw]
            if kinds.count(ORG) * 2 > len(kinds):
                local[(a, raw)] = target
                joined = True
    return joined


def _entities(
    groups: _Groups, stats: people.Stats, spelled: list[str], listed: dict[str, str],
    local: dict[tuple[int, int], str],
) -> tuple[list[str], dict[str, int], dict[str, int]]:
    """Each raw name's entity (named by its root's best spelling), each entity's type, and
    the types decided by the joins themselves (listed organisations, people)."""
    members: dict[str, list[str]] = {}
    for key, parent in groups.parent.items():
        members.setdefault(parent if parent == key else groups.root(key), []).append(key)
    shown: dict[str, str] = {}
    persons = {groups.root(k) for k in groups.people}
    for root, keys in members.items():
        shown[root] = listed.get(root) or people.best_name(keys, groups, stats, spelled, root in persons)
    names = [""] * len(spelled)
    for key, raws in groups.raws.items():
        entity = shown[groups.root(key)]
        for raw in raws:
            names[raw] = entity
    for where, root in local.items():  # people.join leaves root keys: name them
        local[where] = shown[groups.root(root)] if root in groups.parent else root
    fixed = {shown[groups.root(k)]: PER for k in groups.people}
    fixed.update((name, ORG) for name in listed.values())
    return names, stats.entity_types(names, local, fixed), fixed


def _apply_user(joins: Joins, table: Articles, stats: people.Stats, aliases: Mapping[str, str]) -> None:
    """The user's merges and splits, over the automatic joins."""
    by_entity: dict[str, list[int]] = {}
    for number, entity in enumerate(joins.names):
        by_entity.setdefault(entity, []).append(number)
    raw_numbers = table.name_numbers
    changed: dict[int, str] = {}
    targets: set[str] = set()
    for source, into in aliases.items():
        target = follow(source, aliases)
        if target == source:  # a split: this spelling is its own entity
            number = raw_numbers.get(source)
            if number is not None:
                changed[number] = source
            continue
        number = raw_numbers.get(target)
        entity = target if target in by_entity or number is None else joins.names[number]
        sources = set(by_entity.get(source, ()))
        if source in raw_numbers:
            sources.add(raw_numbers[source])
        for raw in sources:
            changed.setdefault(raw, entity)
        targets.add(entity)
    if not changed:
        return
    for raw, entity in changed.items():
        joins.names[raw] = entity
    joins.local = {where: e for where, e in joins.local.items() if where[1] not in changed}
    joins._by_raw = None
    joins.contextual = frozenset(n for _a, n in joins.local)
    before = joins.types
    joins.types = stats.entity_types(joins.names, joins.local, joins.fixed)
    # A merge says two names are one, not what it is: a name merged in ("Nicola", typed
    # other) leaves the type of the entity it joins (Sturgeon, a person) as it was.
    joins.types.update((entity, before[entity]) for entity in targets if entity in before)
