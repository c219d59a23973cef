"""Regular expressions compiled once per installation, not once per process.

`reader add PAGE` is one process per page, and compiling the patterns its modules define
at import (long, case-insensitive alternations of words in a dozen languages) took ~25 ms
of it: `re` parses and compiles in pure Python and keeps nothing between processes.
`regex(pattern, flags)` gives the `re.Pattern` that `re.compile` gives, and keeps its
compiled program (sre's code words) in the user's cache folder, as Python keeps the
bytecode of a module: plain data (marshal: no code runs on load) behind a magic, a
version and a checksum, for the exact Python that compiled it.

The program comes from `re`'s own compiler, whose functions are private (re._compiler):
a pattern is kept only when the one rebuilt from its program equals (`==`: the same
pattern, flags and code) the one `re.compile` makes, so a Python whose internals differ
keeps nothing and compiles as before. A cache that is missing, damaged, from another
Python or cannot be written costs one compile per pattern, never an error. What a
process compiled that the cache lacked is written as it exits.
"""

from __future__ import annotations

import atexit
import marshal
import re
import sys
from pathlib import Path
from typing import Any, AnyStr

from reader.core.framing import read_framed, write_framed

__all__ = ["Kept", "regex"]

MAGIC = b"RDREGEX"
FORMAT = 1
FILE_NAME = "patterns.cache"
MOST_KEPT = 2000  # beyond this the file holds old edits' patterns: it starts again
Key = tuple[str | bytes, int]
Program = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]


def regex(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """`re.compile(pattern, flags)`, its compiling kept between processes."""
    return _KEPT.compile(pattern, flags)


class Kept:
    """The programs read from the cache file on first use, and those compiled since."""

    def __init__(self, path: Path | None = None, *, save_at_exit: bool = True) -> None:
        self._path = path  # None: the user's cache folder, found on first use
        self.programs: dict[Key, Program] | None = None  # None: not read yet
        self.used: set[Key] = set()
        self.new = False  # compiled what the file lacked: `save` writes it
        self._save_at_exit = save_at_exit

    @property
    def path(self) -> Path:
        if self._path is None:
            from platformdirs import user_cache_path

            self._path = user_cache_path("reader") / FILE_NAME
        return self._path

    def compile(self, pattern: Any, flags: int = 0) -> re.Pattern[Any]:
        if self.programs is None:
            self.programs = _read(self.path) or {}
        flags = int(flags)  # a plain int, as marshal keeps it
        key = (pattern, flags)
        self.used.add(key)
        program = self.programs.get(key)
        if program is not None:
            try:
                return _build(pattern, program)
            except Exception:  # noqa: BLE001 - a program this Python refuses: compiled again below
                del self.programs[key]
        compiled = re.compile(pattern, flags)
        program = _program(pattern, flags, compiled)
        if program is not None:
            self.programs[key] = program
            if not self.new and self._save_at_exit:
                atexit.register(self.save)
            self.new = True
        return compiled

    def save(self) -> None:
        """The programs on disk: those this process added and those another process wrote
        since (the last writer does not drop what others kept)."""
        programs = {**(_read(self.path) or {}), **(self.programs or {})}
        if len(programs) > MOST_KEPT:
            programs = {k: v for k, v in programs.items() if k in self.used}
        _write(self.path, programs)


_KEPT = Kept()


def _program(pattern: Any, flags: int, compiled: re.Pattern[Any]) -> Program | None:
    """What `re` compiled `pattern` into, as plain data; None when it cannot be read back as
    the very same pattern (another Python's internals)."""
    try:
        from re import _compiler, _parser

        parsed = _parser.parse(pattern, flags)
        code = [int(word) for word in _compiler._code(parsed, flags)]
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        program = (int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
        return program if _build(pattern, program) == compiled else None
    except Exception:  # noqa: BLE001 - private functions that changed: nothing is kept
        return None


def _build(pattern: Any, program: Program) -> re.Pattern[Any]:
    import _sre

    return _sre.compile(pattern, *program)


def _python() -> str:
    """The Python whose compiler made the programs: only the same one reads them."""
    import _sre

    return f"{sys.version} {sys.implementation.cache_tag} {_sre.MAGIC} {_sre.CODESIZE} {sys.maxunicode}"


def _read(path: Path) -> dict[Key, Program] | None:
    payload = read_framed(path, MAGIC, FORMAT)
    if payload is None:
        return None
    try:
        python, programs = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    return programs if python == _python() and isinstance(programs, dict) else None


def _write(path: Path, programs: dict[Key, Program]) -> None:
    """Atomically; a failure is only a cache lost."""
    try:
        payload = marshal.dumps((_python(), programs))
        path.parent.mkdir(parents=True, exist_ok=True)
    except (ValueError, OSError):  # not plain data, or no folder for it: nothing is kept
        return
    write_framed(path, MAGIC, FORMAT, payload)
