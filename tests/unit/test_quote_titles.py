"""Works' titles and scare quotes told apart from speech, and a spokesman for an organisation
whose name comes in pieces (issue 14, a new user's pages). Sentences written for these tests."""

from __future__ import annotations

import re

from reader.core.analysis.quotes import find_quotes
from reader.core.model import Entity, Quote


def entities(text: str, names: dict[str, tuple[str, str]]) -> list[Entity]:
    """Mentions of `names` (surface -> (canonical, type)) in text, longest surface first."""
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(names, key=len, reverse=True))) + r")\b")
    return [Entity(m.start(), m.end(), names[m.group()][1], m.group(), names[m.group()][0]) for m in pattern.finditer(text)]


def quotes(text: str, people: tuple[str, ...] = (), bodies: tuple[str, ...] = ()) -> list[Quote]:
    """find_quotes with the given people (a surname alone names them too) and organisations."""
    table = {b: (b, "ORG") for b in bodies}
    for p in people:
        table[p] = (p, "PER")
        table.setdefault(p.split()[-1], (p, "PER"))
    return find_quotes(text, entities(text, table))


def shown(found: list[Quote]) -> list[tuple[str, str | None, str]]:
    return [(q.text, q.speaker, q.kind) for q in found]


# -- a spokesman for an organisation named in pieces -------------------------------------


def test_he_after_a_spokesman_for_an_organisation_and_its_abbreviation_is_the_organisation():
    text = (
        "But a spokesperson for the Universities and Colleges Employers' Association (UCEA) said "
        'its members had cut "atypical contracts", while adding others.\n\n'
        '"UCEA has worked with the unions for years," he said.\n\n'
        '"Our own analysis shows growth."'
    )
    bodies = ("Universities", "Colleges Employers' Association", "UCEA")
    assert [q.speaker for q in quotes(text, bodies=bodies)] == ["UCEA", "UCEA", "UCEA"]


def test_a_spokesman_for_a_person_is_still_nobody_named():
    text = 'A spokesman for the family of Ann Lee (UCEA) said it was sad. "We grieve," he said.'
    assert [q.speaker for q in quotes(text, people=("Ann Lee",), bodies=("UCEA",))] == [None]
