"""The search query language: text -> `Node` tree (`parse`) and back (`unparse`).

One parser for the app's search box and the CLI, so both read a query the same way:

    query   := or_expr
    or_expr := and_expr ("OR" and_expr)*        OR binds looser than AND
    and_expr:= unary (["AND"] unary)*           bare words must all match
    unary   := "-" unary | primary              -word, -"a b", -tag:x, -(a OR b)
    primary := WORD | "PHRASE" | FIELD | "(" or_expr ")"

Only upper-case `OR`/`AND` are operators (`or` is a word). A `-` starts a negation only
at the start of a token; inside a word ("30-day", "e-mail") it is part of the word.

Fields are `name:value` or `name:"quoted value"`, one for each entry in `FIELDS` (names
are matched case-insensitively). Text fields give Term/Phrase with `field` set; every
other kind gives Filter, its value checked by kind (`color:`/`has:`/`is:` against the
field's values, `since:`/`until:` by `when.parse_when`).

A word with a colon whose prefix is not a field is a plain word (`10:30`, `http://x`),
unless the prefix looks like a misspelt field: ASCII letters and hyphens, close to a
field name by `difflib.get_close_matches` (its default cutoff 0.6, so `tga:`, `autor:`,
`tags:` are errors pointing at the field meant). Silently searching for "tga:ukraine"
as a word would find nothing and never say why.

Parentheses nest at most `MAX_DEPTH` deep, and so do `-` (in a row or around groups):
the parser and every walk over the tree recurse once per level.

Every problem is a `QueryError` pointing at its spot in the query; nothing else escapes.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from reader.core.search.fields import FIELDS, Field
from reader.core.search.nodes import And, Filter, Node, Not, Or, Phrase, Term
from reader.core.search.when import parse_when

# Any fixed day will do: parse_when's validity never depends on `today` (see when.py);
# the index resolves dates against the real today.
_ANY_DAY = date(2000, 1, 1)
_FIELD_LIKE = re.compile(r"[a-z][a-z-]*")
_SPECIAL = '()"'
# Deeper than this is no query a person writes, and the parser (and every walk over the
# tree after it) recurses once per level: 300 '(' would end in RecursionError.
MAX_DEPTH = 32


class QueryError(ValueError):
    """A query that cannot be read, with the spot to show the user."""

    def __init__(self, message: str, position: int, length: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.position = position
        self.length = length

    def pointer(self, query: str) -> str:
        """The query and, under it, carets under the bad spot (whitespace flattened to
        spaces so the carets line up on one line)."""
        line = "".join(" " if char.isspace() else char for char in query)
        return f"{line}\n{' ' * self.position}{'^' * max(1, self.length)}"


TokenKind = Literal["word", "phrase", "field", "or", "and", "not", "open", "close", "end"]


@dataclass(frozen=True)
class _Token:
    kind: TokenKind
    position: int
    length: int
    text: str = ""  # a word, a phrase's words, a field's value
    field: Field | None = None
    quoted: bool = False  # a field's value was in quotes
    value_position: int = 0  # where a field's value starts (for errors about it)


def parse(query: str) -> Node | None:
    """The tree for `query`, or None if it is empty; raises QueryError otherwise."""
    tokens = _tokenize(query)
    if tokens[0].kind == "end":
        return None
    return _Parser(tokens, query).parse()


def unparse(node: Node) -> str:
    """Canonical text for `node`: `parse(unparse(node))` gives `node` back (positions
    aside). For saved searches and for showing a query as the parser read it."""
    return _unparse(node, parent=None)


# --- tokenizer ---------------------------------------------------------------------


def _tokenize(query: str) -> list[_Token]:
    tokens: list[_Token] = []
    i = 0
    while i < len(query):
        char = query[i]
        if char.isspace():
            i += 1
        elif char in "()":
            tokens.append(_Token("open" if char == "(" else "close", i, 1))
            i += 1
        elif char == '"':
            text, end = _read_quoted(query, i)
            if not text:
                raise QueryError("empty quotes: put words between them", i, end - i)
            tokens.append(_Token("phrase", i, end - i, text))
            i = end
        elif char == "-":
            following = query[i + 1 : i + 2]
            if not following or following.isspace() or following == ")":
                raise QueryError("'-' alone: put it right before a word, field or (group) to exclude it", i)
            tokens.append(_Token("not", i, 1))
            i += 1
        else:
            token = _read_word(query, i)
            tokens.append(token)
            i = token.position + token.length
    tokens.append(_Token("end", len(query), 0))
    return tokens


def _word_end(query: str, start: int) -> int:
    end = start
    while end < len(query) and not query[end].isspace() and query[end] not in _SPECIAL:
        end += 1
    return end


def _read_quoted(query: str, start: int) -> tuple[str, int]:
    """The words between the quote at `start` and the next one (whitespace collapsed,
    so the text is canonical) and the index after the closing quote."""
    close = query.find('"', start + 1)
    if close < 0:
        raise QueryError("unclosed quote: add a closing '\"'", start, len(query) - start)
    return " ".join(query[start + 1 : close].split()), close + 1


def _read_word(query: str, start: int) -> _Token:
    end = _word_end(query, start)
    word = query[start:end]
    if word in ("OR", "AND"):
        return _Token("or" if word == "OR" else "and", start, end - start)
    prefix, colon, value = word.partition(":")
    if not colon:
        return _Token("word", start, end - start, word)
    field = FIELDS.get(prefix.lower())
    if field is None:
        _reject_misspelt_field(prefix, start)
        return _Token("word", start, end - start, word)
    value_position = start + len(prefix) + 1
    quoted = not value and query[value_position : value_position + 1] == '"'
    if quoted:
        value, end = _read_quoted(query, value_position)
    if not value:
        raise QueryError(f"'{field.name}:' needs a value right after the colon", start, end - start)
    return _Token("field", start, end - start, value, field, quoted, value_position)


def _reject_misspelt_field(prefix: str, start: int) -> None:
    name = prefix.lower()
    if not _FIELD_LIKE.fullmatch(name):
        return
    close = difflib.get_close_matches(name, FIELDS, n=1)
    if close:
        message = f"unknown field '{prefix}:' — did you mean '{close[0]}:'?"
        raise QueryError(message, start, len(prefix) + 1)


# --- parser ------------------------------------------------------------------------


class _Parser:
    """Recursive descent over the tokens, one method per grammar rule."""

    def __init__(self, tokens: list[_Token], query: str) -> None:
        self.tokens = tokens
        self.query = query
        self.index = 0
        self.depth = {"(": 0, "-": 0}  # open groups and negations around the current token

    def peek(self) -> _Token:
        return self.tokens[self.index]

    def take(self) -> _Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def parse(self) -> Node:
        node = self.or_expr()
        token = self.peek()
        if token.kind == "close":
            raise QueryError("unmatched ')': no '(' before it", token.position)
        return node

    def or_expr(self) -> Node:
        operands = [self.and_expr()]
        while self.peek().kind == "or":
            operator = self.take()
            if self.peek().kind in ("or", "and", "close", "end"):
                raise _dangling(operator)
            operands.append(self.and_expr())
        return _combine(Or, operands)

    def and_expr(self) -> Node:
        if self.peek().kind in ("or", "and"):
            raise _dangling(self.peek())
        operands = [self.unary()]
        while self.peek().kind not in ("or", "close", "end"):
            if self.peek().kind == "and":
                operator = self.take()
                if self.peek().kind in ("or", "and", "close", "end"):
                    raise _dangling(operator)
            operands.append(self.unary())
        return _combine(And, operands)

    def unary(self) -> Node:
        if self.peek().kind != "not":
            return self.primary()
        minus = self.take()
        if self.peek().kind in ("or", "and", "close", "end"):
            raise QueryError("'-' needs a word, field or (group) right after it", minus.position)
        self.enter("-", minus)
        node = Not(self.unary())
        self.depth["-"] -= 1
        return node

    def enter(self, what: str, token: _Token) -> None:
        """One level deeper in `what` ("(" or "-"); a QueryError at `token` past MAX_DEPTH."""
        self.depth[what] += 1
        if self.depth[what] > MAX_DEPTH:
            name = "parentheses" if what == "(" else "'-'"
            raise QueryError(f"the query nests {name} more than {MAX_DEPTH} deep", token.position)

    def primary(self) -> Node:
        token = self.take()
        if token.kind == "word":
            return Term(token.text, None, token.position, token.length)
        if token.kind == "phrase":
            return Phrase(token.text, None, token.position, token.length)
        if token.kind == "field":
            return _field_node(token)
        if token.kind == "open":
            if self.peek().kind == "close":
                raise QueryError("empty parentheses: put something between them", token.position, 2)
            self.enter("(", token)
            node = self.or_expr()
            if self.take().kind != "close":
                raise QueryError("unclosed '(': add a ')'", token.position)
            self.depth["("] -= 1
            return node
        if token.kind == "close":
            raise QueryError("unmatched ')': no '(' before it", token.position)
        # Unreachable by construction (the callers check first), kept so a bug is a QueryError.
        raise QueryError("the query ends too soon", min(token.position, len(self.query)))


def _dangling(operator: _Token) -> QueryError:
    name = "OR" if operator.kind == "or" else "AND"
    return QueryError(f"{name} needs something on each side", operator.position, operator.length)


def _combine(kind: type[And] | type[Or], operands: list[Node]) -> Node:
    """One operand bare; otherwise flattened, so `a (b c)` is And(a, b, c)."""
    if len(operands) == 1:
        return operands[0]
    flat: list[Node] = []
    for operand in operands:
        flat.extend(operand.operands if isinstance(operand, kind) else (operand,))
    return kind(tuple(flat))


def _field_node(token: _Token) -> Node:
    field = token.field
    assert field is not None
    value = token.text
    value_length = token.position + token.length - token.value_position
    if field.kind == "text":
        node_type = Phrase if token.quoted else Term
        return node_type(value, field.name, token.position, token.length)
    if field.values and value.lower() not in field.values:
        allowed = ", ".join(field.values)
        raise QueryError(
            f"'{value}' is not a value of '{field.name}:' — use one of: {allowed}",
            token.value_position,
            value_length,
        )
    if field.values:
        value = value.lower()
    if field.kind == "date":
        try:
            parse_when(value, _ANY_DAY, end=field.name == "until")
        except ValueError as error:
            raise QueryError(f"{field.name}: {error}", token.value_position, value_length) from None
    return Filter(field.name, value, token.position, token.length)


# --- unparse -----------------------------------------------------------------------


def _unparse(node: Node, parent: type | None) -> str:
    if isinstance(node, Term):
        return f"{node.field}:{node.text}" if node.field else node.text
    if isinstance(node, Phrase):
        return f'{node.field}:"{node.text}"' if node.field else f'"{node.text}"'
    if isinstance(node, Filter):
        value = node.value
        if not value or any(char.isspace() or char in _SPECIAL for char in value):
            value = f'"{value}"'
        return f"{node.field}:{value}"
    if isinstance(node, Not):
        return "-" + _unparse(node.operand, Not)
    if isinstance(node, And):
        text = " ".join(_unparse(operand, And) for operand in node.operands)
        return f"({text})" if parent in (And, Not) else text
    text = " OR ".join(_unparse(operand, Or) for operand in node.operands)
    return f"({text})" if parent is not None else text
