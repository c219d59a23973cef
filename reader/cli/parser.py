"""The command line's shape: every subcommand, its arguments and its help."""

from __future__ import annotations

import argparse
import difflib
import re

from reader import __version__
from reader.cli.search import fields_help, positive
from reader.core.model import COLORS, ENTITY_LABELS
from reader.core.ordering import SORTS
from reader.core.paths import HOME_VARIABLE

# `reader entities --type`: each type by the first word of its label ("people", "other")
ENTITY_CHOICES = {label.split()[0].lower(): kind for kind, label in ENTITY_LABELS.items()}


class Parser(argparse.ArgumentParser):
    """argparse's parser, which names the closest choice when a command or choice is mistyped
    (`reader taag` listed all 19 commands and left the user to spot `tag`)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        if found := re.search(r"invalid choice: '([^']*)' \(choose from (.*)\)$", message):
            choices = [c.strip().strip("'\"") for c in found[2].split(",")]
            if near := difflib.get_close_matches(found[1], choices, n=1, cutoff=0.6):
                message = f"{message[:found.start()]}invalid choice: {found[1]!r}; did you mean {near[0]!r}?"
        super().error(message)


def _common(json_output: bool) -> argparse.ArgumentParser:
    """Options every subcommand takes; SUPPRESS keeps a top-level --home from being reset."""
    parent = Parser(add_help=False)
    parent.add_argument(
        "--home", default=argparse.SUPPRESS, metavar="DIR",
        help=f"library folder (default: ${HOME_VARIABLE} or the user data folder)",
    )
    if json_output:
        parent.add_argument("--json", action="store_true", help="print JSON")
    return parent


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="reader",
        description="A terminal news reader you can write in. With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    parser.add_argument("--home", metavar="DIR", help=f"library folder (default: ${HOME_VARIABLE} or the user data folder)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    data, plain = _common(json_output=True), _common(json_output=False)

    add = commands.add_parser("add", parents=[data], help="import .txt, .md and .html files, folders, or web pages by URL")
    add.add_argument("paths", nargs="+", metavar="PATH|URL", help="a file, a folder, or an http(s) URL")
    add.add_argument(
        "--jobs", "-j", type=positive, metavar="N",
        help="read and analyse in N processes (default: one per core; 1: all in this one)",
    )

    listing = commands.add_parser("ls", parents=[data], help="list the articles")
    listing.add_argument("--sort", choices=SORTS, default="date",
                         help="newest first (the default, as the app lists them), or by title, source or notes")

    show = commands.add_parser("show", parents=[data], help="print an article's clean text, its links or its Markdown")
    show.add_argument("id", metavar="ID", help="article id (any unique prefix)")
    shown = show.add_mutually_exclusive_group()
    shown.add_argument("--links", action="store_true", help="list the article's links, numbered as the app numbers them")
    shown.add_argument("--markdown", action="store_true", help="print the article as Markdown (front matter and body)")

    note = commands.add_parser(
        "note", parents=[data], help="keep a passage, with a note; or edit or delete a note",
        usage="reader note ID --quote TEXT [--note T] [--tag T]... [--color N]\n"
        "       reader note --edit NOTE_ID [--note T] [--tag T]... [--untag T]... [--color N]\n"
        "       reader note --delete NOTE_ID",
    )
    note.add_argument("id", nargs="?", metavar="ID", help="article id (any unique prefix)")
    note.add_argument("--quote", help="the exact passage, as it stands in the text")
    note.add_argument("--edit", metavar="NOTE_ID", help="change this note (any unique id prefix): only what is given")
    note.add_argument("--delete", metavar="NOTE_ID", help="delete this note (any unique id prefix)")
    note.add_argument("--note", help="the note, in Markdown")
    note.add_argument("--tag", action="append", default=[], help="a tag (repeat for more); with --edit, added")
    note.add_argument("--untag", action="append", default=[], help="with --edit: a tag to remove")
    note.add_argument("--color", type=int, choices=list(COLORS), help="highlight colour (default 1)")

    notes = commands.add_parser("notes", parents=[data], help="list notes, of one article or all")
    notes.add_argument("id", nargs="?", metavar="ID", help="article id (any unique prefix)")
    notes.add_argument(
        "--orphans", action="store_true",
        help="only notes whose passage a refresh could not find again (kept with their quote and note)",
    )

    tag = commands.add_parser("tag", parents=[data], help="tag an article")
    tag.add_argument("id", metavar="ID", help="article id (any unique prefix)")
    tag.add_argument("tags", nargs="+", metavar="TAG")
    tag.add_argument("--remove", action="store_true", help="remove these tags instead")

    star = commands.add_parser("star", parents=[data], help="star an article (--off unstars it)")
    star.add_argument("id", metavar="ID", help="article id (any unique prefix)")
    star.add_argument("--off", action="store_true", help="remove the star")

    read = commands.add_parser("read", parents=[data], help="mark an article read (--unread: unread)")
    read.add_argument("id", metavar="ID", help="article id (any unique prefix)")
    read.add_argument("--unread", action="store_true", help="mark it unread")

    entities = commands.add_parser(
        "entities", parents=[data], help="people, places, organisations and dates across the library",
        description="Every entity of the library, grouped by type, most articles first.",
    )
    entities.add_argument(
        "--type", choices=sorted(ENTITY_CHOICES), action="append", dest="types", metavar="TYPE",
        help="only this type: " + ", ".join(sorted(ENTITY_CHOICES)) + " (may be repeated)",
    )
    entities.add_argument("--limit", type=positive, metavar="N", help="at most N of each type")

    entity = commands.add_parser(
        "entity", parents=[data], help="one person, place or organisation: its articles, quotes and notes; merges",
        description="What the library holds about NAME: the articles that mention it (newest first), "
        "the quotes it said, and the notes about it. NAME matches case- and accent-insensitively, "
        "by a merged spelling, or by a unique prefix or words.",
        epilog="merging: `reader entity Zelensky --merge-into Zelenskyy` counts Zelensky as Zelenskyy "
        "from now on, in articles added later too (several names may precede --merge-into); "
        "`reader entity Zelensky --unmerge` undoes it. Names are also joined automatically "
        "(\"Blair\" where the article means Tony Blair, \"Tories\" and \"Conservative Party\"): "
        "`reader entity Blair --split` keeps a wrongly joined name apart, for good.",
    )
    entity.add_argument("names", nargs="+", metavar="NAME", help="the entity (words of one name are joined)")
    entity.add_argument("--merge-into", metavar="TARGET", nargs="+",
                        help="merge NAME(s) into TARGET, for good (words of one name are joined)")
    entity.add_argument("--unmerge", action="store_true", help="undo NAME's merge or split (joined automatically: split it)")
    entity.add_argument("--split", action="store_true", help="keep NAME apart from the entity it was joined into")

    quotes = commands.add_parser("quotes", parents=[data], help="who said what across the library")
    quotes.add_argument("--by", metavar="NAME", help="only quotes by this person or organisation (any part of the name)")
    quotes.add_argument("--all", action="store_true", help="also terms and scare quotes (the film \"Ray\", the \"war on terror\")")

    rm = commands.add_parser("rm", parents=[plain], help="remove an article and its notes")
    rm.add_argument("id", metavar="ID", help="article id (any unique prefix)")
    rm.add_argument("--yes", "-y", action="store_true", help="do not ask")

    search = commands.add_parser(
        "search", parents=[data], help="find notes (or articles) by words, tags, people, colours, dates",
        description="Notes that match QUERY, best first; with --articles, articles.",
        epilog=fields_help(), formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    search.add_argument("query", metavar="QUERY", nargs="+", help='e.g. negotiat tag:ukraine -"ceasefire talks"')
    search.add_argument("--limit", type=positive, default=50, metavar="N", help="at most N results (default 50)")
    search.add_argument("--articles", action="store_true", help="search articles instead of notes")
    search.add_argument("--save", metavar="NAME", help="also keep the query under NAME (the app lists it in its views)")

    feed = commands.add_parser("feed", help="subscribe to RSS/Atom feeds: add, ls, rm, export (OPML)")
    feed_commands = feed.add_subparsers(dest="feed_command", metavar="ACTION", required=True)
    feed_add = feed_commands.add_parser(
        "add", parents=[plain], help="subscribe to a feed URL, or to every feed in an OPML file",
    )
    feed_add.add_argument("source", metavar="URL|FILE", help="a feed URL or an OPML file")
    feed_add.add_argument("--tag", action="append", default=[], help="a tag for its articles (repeat for more)")
    feed_commands.add_parser("ls", parents=[data], help="list the feeds")
    feed_rm = feed_commands.add_parser("rm", parents=[plain], help="unsubscribe (the articles stay)")
    feed_rm.add_argument("id", metavar="ID", help="feed id (any unique prefix)")
    feed_export = feed_commands.add_parser("export", parents=[plain], help="the feeds as OPML 2.0")
    feed_export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: print)")

    refresh = commands.add_parser(
        "refresh", parents=[plain], help="fetch new articles from the feeds, or re-fetch one article",
    )
    refresh.add_argument(
        "target", nargs="?", metavar="FEED_OR_ARTICLE_ID",
        help="a feed id (that feed only) or an article id (re-fetch it); default: every feed",
    )

    export = commands.add_parser(
        "export", parents=[plain], help="write notes out: Markdown files, reader JSON, or W3C annotations",
        description="md: one Markdown file per article with notes into a folder (-o DIR, default ./reader-export); "
        "json (everything, re-importable) and w3c (W3C Web Annotations, JSON-LD): to stdout, or -o FILE.",
    )
    export.add_argument("--format", choices=["md", "json", "w3c"], required=True, help="what to write")
    export.add_argument("--article", metavar="ID", help="only this article (any unique id prefix)")
    export.add_argument("-o", "--output", metavar="PATH", help="the folder (md) or file (json, w3c)")
    export.add_argument("--all", action="store_true", help="md: also articles without notes")

    import_notes = commands.add_parser(
        "import-notes", parents=[data], help="read notes back from a reader JSON export or W3C annotations",
    )
    import_notes.add_argument("file", metavar="FILE", help="a file written by `reader export --format json|w3c`")

    sync = commands.add_parser(
        "sync", parents=[plain], help="exchange changes with your other libraries through a folder or a git repository",
        description="TARGET: a folder a sync tool keeps in step (Syncthing, Dropbox, a share, a USB stick) or a git "
        "repository (a path, a URL, user@host:path). With no TARGET, the one remembered.",
    )
    sync.add_argument("target", nargs="?", metavar="TARGET", help="a folder or git repository (remembered)")
    sync_mode = sync.add_mutually_exclusive_group()
    sync_mode.add_argument("--set", metavar="TARGET", dest="set_target", help="remember TARGET without syncing")
    sync_mode.add_argument("--status", action="store_true", help="the target, this device, the last sync, changes to send")
    sync_mode.add_argument(
        "--auto", choices=["on", "off"], help="on: the app syncs in the background (at start, then after changes)",
    )

    doctor = commands.add_parser("doctor", parents=[plain], help="check the library files")
    doctor.add_argument("--restore", action="store_true", help="restore broken files, and damaged records, from backups")
    return parser


def check_args(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """What argparse cannot say: which options go together (exits 2 with the usage, like argparse)."""
    if args.command != "note":
        return
    modes = [m for m in (args.edit, args.delete) if m]
    if len(modes) > 1 or (modes and (args.id or args.quote)):
        parser.exit(2, "reader note: give an article ID and --quote, or --edit NOTE_ID, or --delete NOTE_ID\n")
    if args.delete and (args.note is not None or args.tag or args.untag or args.color):
        parser.exit(2, "reader note: --delete takes no other option\n")
    if not modes and (not args.id or args.quote is None):
        parser.exit(2, "reader note: a new note needs the article ID and --quote TEXT\n")
    if not args.edit and args.untag:
        parser.exit(2, "reader note: --untag goes with --edit\n")
