"""`reader` on the command line: parse, run one command, exit with its code.

Everything past the standard library is imported inside `main`, and each command's module
only when it runs: `reader --version` is answered before the parser or the library load.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence
from importlib import import_module
from typing import TYPE_CHECKING

from reader.cli.argv import asks_version, shield_negations

if TYPE_CHECKING:
    import argparse
    from pathlib import Path

# The module of `reader.cli` holding each command's function (of the same name). Imported
# only when that command runs: `reader search` must not pay for the tagger or the ingesters.
COMMAND_MODULES = {
    "add": "commands",
    "ls": "commands",
    "show": "show",
    "note": "changes",
    "notes": "commands",
    "tag": "changes",
    "star": "changes",
    "read": "changes",
    "rm": "commands",
    "entities": "entity",
    "quotes": "commands",
    "entity": "entity",
    "doctor": "commands",
    "search": "search",
    "export": "export",
    "import-notes": "export",
    "feed": "feeds",
    "refresh": "feeds",
    "sync": "sync",
}


def command(name: str):  # noqa: ANN201 - a command function
    return getattr(import_module(f"reader.cli.{COMMAND_MODULES[name]}"), name.replace("-", "_"))


def _collect_less() -> None:
    """A command process reads, prints and exits: the cyclic collector need not walk every
    object of library.json each 700 allocations (a tenth of `reader ls` at 10,000 articles).
    It still runs, every 50,000; what is loaded so far is set aside from its walks. Only
    when `main` is the process's own entry (a caller passing argv keeps its collector)."""
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)


def _starts_a_library(args: argparse.Namespace) -> bool:
    """The commands that may make a library where there is none: the app (a new user's
    first start), adding, importing, syncing onto a new machine, subscribing."""
    return args.command in (None, "add", "import-notes", "sync") or (args.command == "feed" and args.feed_command == "add")


def _no_library_at(home: Path) -> bool:
    """Nothing at all there (a mistyped --home): a command that only reads or changes what is
    there says so, rather than making an empty library and saying it is empty."""
    try:
        return not home.exists() or (home.is_dir() and not any(home.iterdir()))
    except OSError:
        return False  # unreadable: the library's own error names it


def main(argv: Sequence[str] | None = None) -> int:
    own_process = argv is None
    argv = list(sys.argv[1:] if argv is None else argv)
    if asks_version(argv):
        from reader import __version__

        print(f"reader {__version__}")
        raise SystemExit(0)  # as argparse's version action does
    from reader.cli.output import INTERRUPTED, warn
    from reader.cli.parser import build_parser, check_args
    from reader.core.paths import library_home
    from reader.core.store import Library, LibraryError
    from reader.core.store.errors import explained, with_hint

    parser = build_parser()
    args = parser.parse_args(shield_negations(argv))
    check_args(parser, args)
    try:
        home = library_home(args.home)
    except ValueError as error:
        parser.exit(2, f"reader: {error}\n")
    try:
        if args.command == "doctor":
            return command("doctor")(home, args)
        if not _starts_a_library(args) and _no_library_at(home):
            warn(f"no library at {home} (`reader --home {home} add FILE` starts one there)")
            return 1
        library = Library(home)
        if args.command is None:
            from reader.tui.app import run_app  # textual loads only for the app

            run_app(library)
            return 0
        if own_process:
            _collect_less()
        code = command(args.command)(library, args)
        for line in library.skipped_records():
            warn(f"{line} (kept in the file; `reader doctor` lists such records)")
        if library.unreadable:
            for line in with_hint(list(library.unreadable.values())):
                warn(line)
            return code or 1
        return code
    except LibraryError as error:
        for line in explained(error).splitlines():
            warn(line)
        return 1
    except KeyboardInterrupt:
        warn("interrupted: what was saved before Ctrl+C is kept")
        return INTERRUPTED
    except BrokenPipeError:
        sys.stderr.close()
        return 0

