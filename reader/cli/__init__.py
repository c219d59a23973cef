"""`reader` on the command line: parse, run one command, exit with its code."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from reader.cli import commands
from reader.cli.output import warn
from reader.cli.parser import build_parser
from reader.core.paths import default_home
from reader.core.store import CorruptFileError, Library, LibraryError

LIBRARY_COMMANDS = {
    "add": commands.add,
    "ls": commands.ls,
    "show": commands.show,
    "note": commands.note,
    "notes": commands.notes,
    "tag": commands.tag,
    "rm": commands.rm,
    "entities": commands.entities,
    "quotes": commands.quotes,
    "search": commands.search,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    home = Path(args.home).expanduser() if args.home else default_home()
    try:
        if args.command == "doctor":
            return commands.doctor(home, args)
        library = Library(home)
        if args.command is None:
            from reader.tui.app import run_app  # textual loads only for the app

            run_app(library)
            return 0
        return LIBRARY_COMMANDS[args.command](library, args)
    except LibraryError as error:
        warn(str(error))
        if isinstance(error, CorruptFileError):
            warn("`reader doctor` checks the library and can restore a backup")
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 0
