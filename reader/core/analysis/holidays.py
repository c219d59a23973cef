"""Names of holidays and feasts ("Christmas", "Good Friday", "Diwali"): other names, never
a place, a body or a person, whatever one sentence makes of them ("in time for Christmas"
read as a place).

Shipped as a small list built from the `holidays` package (python-holidays: the public
holidays of every country in English, MIT licence, released monthly), which is needed only
to rebuild it:

    python -m reader.core.analysis.holidays
"""

from __future__ import annotations

import functools
import gzip
import re
from pathlib import Path

HOLIDAYS_FILE = Path(__file__).resolve().parent / "data" / "holidays.txt.gz"
YEARS = range(2000, 2031)
# Days off that are one-off events or offices, not names a reader meets as a holiday.
_SKIP = re.compile(r"(?i)election|funeral|wedding|coronation|jubilee|y2k|decree|mourning|changeover|bridge|substitute")
_NOTE = re.compile(r"\s*\([^)]*\)")  # "Christmas Day (observed)"


@functools.cache
def holidays() -> frozenset[str]:
    with gzip.open(HOLIDAYS_FILE, "rt", encoding="utf-8") as handle:
        return frozenset(line.rstrip("\n") for line in handle if line.strip())


def names_from(raw: list[str]) -> set[str]:
    """Clean holiday names: notes in brackets dropped, one-off days skipped, and names of
    one word or more, each capitalised (no "Day off" sentences)."""
    found = set()
    for item in raw:
        for name in item.split(";"):
            name = " ".join(_NOTE.sub("", name).split())
            words = name.split()
            if not words or len(words) > 5 or _SKIP.search(name) or not all(w[:1].isupper() or w in ("of", "the", "and") for w in words):
                continue
            found.add(name)
    return found


def build(out: Path = HOLIDAYS_FILE) -> int:
    import holidays as package  # dev-only: the shipped list is what the app reads

    raw: list[str] = []
    for country in sorted(package.list_supported_countries()):
        try:
            days = package.country_holidays(country, years=YEARS, language="en_US")
        except (NotImplementedError, ValueError, KeyError):
            continue
        raw.extend(days.values())
    names = names_from(raw)
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(out, "wb", mtime=0) as handle:  # mtime 0: the same bytes every build
        handle.write("".join(f"{n}\n" for n in sorted(names)).encode("utf-8"))
    return len(names)


if __name__ == "__main__":
    import warnings

    warnings.simplefilter("ignore")  # "available only from ..." for each country
    print(f"{build()} holiday names written to {HOLIDAYS_FILE}")
