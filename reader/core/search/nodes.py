"""A parsed query: the tree the parser builds and the index evaluates.

Kept apart from both so the app, the CLI, the parser and the index agree on one shape.
Every leaf remembers where it stood in the query (`position`, `length`), so a message
about it ("no match for 'negotiashun'") can point at the spot.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union


@dataclass(frozen=True)
class Term:
    """A bare word (`field` None: the default fields) or `field:word`; prefix/stem match."""

    text: str
    field: str | None = None
    position: int = 0
    length: int = 0


@dataclass(frozen=True)
class Phrase:
    """`"exact words"` or `field:"exact words"`: the words in this order, next to each other."""

    text: str
    field: str | None = None
    position: int = 0
    length: int = 0


@dataclass(frozen=True)
class Filter:
    """A field that is not free text: `tag:x`, `color:2`, `has:note`, `is:unread`,
    `since:7d`, `person:rubio`, `said-by:rubio`... `value` is as written (unquoted)."""

    field: str
    value: str
    position: int = 0
    length: int = 0


@dataclass(frozen=True)
class Not:
    operand: Node


@dataclass(frozen=True)
class And:
    operands: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    operands: tuple[Node, ...]


Node = Union[Term, Phrase, Filter, Not, And, Or]
