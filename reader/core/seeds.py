"""A new user's first library: the sample articles bundled with the package."""

from __future__ import annotations

from reader.core.ingest import load_file
from reader.core.model import Article
from reader.core.paths import bundled
from reader.core.store import Library


def import_seeds_if_empty(library: Library) -> list[Article]:
    """Import the bundled seeds into an empty library; a library with articles is left alone."""
    with library.locked():
        if library.articles():
            return []
        added = []
        for path in sorted(bundled("seeds").glob("*.txt")):
            added.append(library.add(load_file(path).article)[0])
        return added
