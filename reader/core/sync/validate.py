"""Checking a change read from a sync target before anything is taken from it.

A target is written by other machines and any tool that syncs folders: every op is checked
as `import-notes` checks a file (its helpers are reused), and one fault refuses the whole
segment (`Invalid`), named once by the caller. Nothing in a target is ever executed.
"""

from __future__ import annotations

import re
from typing import Any

from reader.core.export.import_values import (
    Invalid, as_anchor, as_bool, as_color, as_datetime, as_dict, as_int, as_str, opt_date, shown, valid_id,
)
from reader.core.model import normalize_tags
from reader.core.sanitize import sanitize
from reader.core.sync.hlc import is_stamp, stamp_device
from reader.core.sync.ops import Op

_SHA = re.compile(r"\A[0-9a-f]{64}\Z")
_NAME_MAX = 1000
_FIELDS: dict[str, set[str]] = {
    "a": {"meta", "alive", "starred", "read", "position"},
    "n": {"base", "place", "note", "color", "updated", "alive"},
    "f": {"meta"},
    "q": {"query"},
    "m": {"into"},
}
_SETS: dict[str, set[str]] = {"a": {"tags"}, "n": {"tags"}, "f": {"on", "tags"}, "q": set(), "m": set()}


def check_op(op: Any, device: str) -> Op:
    """The op if every part of it is what reader writes, else `Invalid` saying what is not."""
    op = as_dict(op, "a change")
    if extra := set(op) - {"h", "e", "r", "a", "x"}:
        raise Invalid(f"a change has unknown parts {shown(sorted(extra))}")
    stamp = op.get("h")
    if not is_stamp(stamp):
        raise Invalid(f"stamp {shown(stamp)} is not a sync clock stamp")
    if stamp_device(stamp) != device:
        raise Invalid(f"a change stamped by device {stamp_device(stamp)} is in device {device}'s log")
    kind, parts = _key(op.get("e"))
    for name, value in as_dict(op.get("r", {}), "fields").items():
        if name not in _FIELDS[kind]:
            raise Invalid(f"{op['e']}: unknown field {shown(name)}")
        _field(kind, parts, name, value)
    for name, elems in as_dict(op.get("a", {}), "added").items():
        _set_name(kind, name)
        if not isinstance(elems, list):
            raise Invalid(f"added {name} is not a list")
        for elem in elems:
            _elem(name, elem)
    for name, seen in as_dict(op.get("x", {}), "removed").items():
        _set_name(kind, name)
        for elem, stamps in as_dict(seen, f"removed {name}").items():
            _elem(name, elem)
            if not isinstance(stamps, list) or not all(is_stamp(s) for s in stamps):
                raise Invalid(f"removed {name} {shown(elem)}: not a list of stamps")
    return op


def _key(key: Any) -> tuple[str, list[str]]:
    text = as_str(key, "an entity")
    kind, _, rest = text.partition(":")
    if kind not in _FIELDS:
        raise Invalid(f"entity {shown(text)} is of no kind reader knows")
    if kind in ("q", "m"):
        if not rest or len(rest) > _NAME_MAX or sanitize(rest).strip() != rest:
            raise Invalid(f"entity {shown(text)} has no usable name")
        return kind, [rest]
    parts = rest.split(":")
    if len(parts) != (2 if kind == "n" else 1) or not all(valid_id(p) for p in parts):
        raise Invalid(f"entity {shown(text)} does not name reader ids")
    return kind, parts


def _set_name(kind: str, name: str) -> None:
    if name not in _SETS[kind]:
        raise Invalid(f"unknown set {shown(name)}")


def _elem(name: str, elem: Any) -> None:
    if name == "on":
        if elem != "":
            raise Invalid(f"subscription element {shown(elem)} is not ''")
    elif not isinstance(elem, str) or normalize_tags([elem]) != [elem]:
        raise Invalid(f"tag {shown(elem)} is not a tag as reader writes one")


def _opt_str(value: Any, what: str) -> None:
    if value is not None:
        as_str(value, what)


def _field(kind: str, parts: list[str], name: str, value: Any) -> None:
    if name in ("alive", "starred", "read"):
        as_bool(value, name)
    elif name == "position":
        as_int(value, name)
    elif kind == "a":  # meta
        meta = as_dict(value, "article")
        as_str(meta.get("title"), "title")
        for optional in ("author", "source", "url", "feed"):
            _opt_str(meta.get(optional), optional)
        opt_date(meta.get("published"), "published")
        as_datetime(meta.get("added"), "added")
        as_int(meta.get("word_count"), "word_count")
        if not isinstance(meta.get("body"), str) or not _SHA.match(meta["body"]):
            raise Invalid("the article's body address is not a sha256")
    elif kind == "n":
        _note_field(parts, name, value)
    elif kind == "f":
        meta = as_dict(value, "feed")
        as_str(meta.get("url"), "url")
        as_str(meta.get("title"), "title")
        _opt_str(meta.get("site_url"), "site_url")
        as_datetime(meta.get("added"), "added")
    elif value is not None and not (isinstance(value, str) and sanitize(value).strip()):
        raise Invalid(f"{name} {shown(value)} is not text")


def _note_field(parts: list[str], name: str, value: Any) -> None:
    if name == "base":
        base = as_dict(value, "note")
        if base.get("article_id") != parts[0]:
            raise Invalid("a note's article is not the one its entity names")
        as_datetime(base.get("created"), "created")
    elif name == "place":
        place = as_dict(value, "place")
        selector = as_dict(place.get("selector"), "selector")
        for text in ("exact", "prefix", "suffix"):  # any passage the library can hold (a space too)
            as_str(selector.get(text), text)
        if as_int(selector.get("start"), "start") > as_int(selector.get("end"), "end"):
            raise Invalid("the passage ends before it starts")
        as_anchor(place.get("anchor", {}))
    elif name == "note":
        as_str(value, "note")
    elif name == "color":
        as_color(value)
    elif name == "updated":
        as_datetime(value, "updated")
