"""What a search says besides its hits, each something the user can paste or type next.

- A field term that matched nothing gets whole terms back ("person:hewitt" for
  "person:hewet", "title:negotiations"), never a bare word that would search every field.
- A capital word the language does not know as an operator ("NOT spin": NOT is searched
  as a word) gets the way the language says it ("-spin"). `AND` and `OR` are operators.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from difflib import get_close_matches
from typing import Protocol

from reader.core.search.nodes import And, Node, Not, Or, Term

UNKNOWN_OPERATORS = ("NOT",)  # capitals a user may mean as an operator, that the language reads as words
CUTOFF = 0.7  # difflib's ratio for "did you mean", as the vocabulary's `near` uses


class Names(Protocol):
    name_words: list[str]

    def names(self, value_words: list[str]) -> set[str]: ...


def field_term(field: str, value: str) -> str:
    """`field:value` as a query term (quoted when the value has spaces)."""
    return f'{field}:"{value}"' if any(c.isspace() for c in value) else f"{field}:{value}"


def near_words(word: str, pool: Sequence[str], n: int = 3) -> list[str]:
    """Up to `n` words of a sorted `pool` close to `word`: the same first letter, within two
    characters of its length (a few hundred comparisons at most)."""
    if not word:
        return []
    lo = bisect_left(pool, word[0])
    hi = bisect_left(pool, word[0] + "\uffff")
    candidates = sorted({w for w in pool[lo:hi] if abs(len(w) - len(word)) <= 2})
    return get_close_matches(word, candidates, n=n, cutoff=CUTOFF)


def near_names(mentions: Names, wanted: list[str], usable: Callable[[set[str]], bool], n: int = 3) -> list[str]:
    """Values close to a name that matched no one, each naming someone `usable` accepts (of
    the field's type, or with quotes for said-by:): only the words that matched no name change."""
    found: list[str] = []
    for i, word in enumerate(wanted):
        if mentions.names([word]):
            continue
        for near in near_words(word, mentions.name_words, n=5):
            value = [*wanted[:i], near, *wanted[i + 1:]]
            text = " ".join(value)
            if text not in found and usable(mentions.names(value)):
                found.append(text)
    return found[:n]


def suggestion_text(suggestions: dict[str, list[str]]) -> str:
    """One sentence for the app's screens: "Did you mean 'telescopes' for 'telscope'?"."""
    parts = [
        f"{', '.join(repr(s) for s in choices[:3])} for {word!r}"
        for word, choices in suggestions.items()
        if choices
    ]
    return "Did you mean " + "; ".join(parts) + "?" if parts else ""


def said_besides(text: str, suggestions: dict[str, list[str]] | None) -> tuple[str, list[str]]:
    """What a screen says beside a query's hits: its "did you mean" sentence (empty when
    none) and a line per capital word read as a word; the Notes screen and the library's
    filter both say this."""
    from reader.core.search.query import parse

    hints = operator_hints(parse(text)) if "NOT" in text else []  # "NOT spin": "-spin" excludes
    return suggestion_text(without_operator_words(suggestions or {}, hints)), hints


def operator_hints(node: Node | None) -> list[str]:
    """One line per capital word that reads like an operator but is searched as a word."""
    hints: list[str] = []
    _walk(node, hints)
    return hints


def without_operator_words(suggestions: dict[str, list[str]], hints: list[str]) -> dict[str, list[str]]:
    """The "did you mean" for words, less those for a NOT that a hint already explains
    ("no match for 'not': did you mean no?" would say it twice, and wrong)."""
    if not hints:
        return suggestions
    said = {word.casefold() for word in UNKNOWN_OPERATORS}
    return {word: near for word, near in suggestions.items() if word not in said}


def _walk(node: Node | None, hints: list[str]) -> None:
    from reader.core.search.query import unparse

    if isinstance(node, Not):
        _walk(node.operand, hints)
    elif isinstance(node, (And, Or)):
        operands = node.operands
        for i, operand in enumerate(operands):
            if isinstance(node, And) and _unknown(operand):
                after = operands[i + 1] if i + 1 < len(operands) else None
                if after is None or _unknown(after):
                    shown = "-word"
                else:
                    shown = f"-({unparse(after)})" if isinstance(after, (And, Or)) else f"-{unparse(after)}"
                hints.append(_said(operand, shown))
            else:
                _walk(operand, hints)
    elif _unknown(node):
        hints.append(_said(node, "-word"))  # type: ignore[arg-type]


def _unknown(node: Node | None) -> bool:
    return isinstance(node, Term) and node.field is None and node.text in UNKNOWN_OPERATORS


def _said(term: Term, instead: str) -> str:
    return f"{term.text} is searched as a word, not an operator: to leave a word out, put - before it ({instead})"
