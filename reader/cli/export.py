"""`reader export` and `reader import-notes`: notes out as Markdown, JSON or W3C, and back in."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.cli.output import FAILED, OK, plural, print_json, say, warn
from reader.core.export import ExportError
from reader.core.store import Library

DEFAULT_MARKDOWN_DIR = "reader-export"


def export(library: Library, args: argparse.Namespace) -> int:
    article_id = library.resolve_article(args.article) if args.article else None
    if args.format == "md":
        from reader.core.export.markdown import export_markdown

        folder = Path(args.output or DEFAULT_MARKDOWN_DIR).expanduser()
        if folder.suffix.lower() == ".md" and not folder.is_dir():
            raise ExportError(
                f"{args.output}: Markdown export writes one file per article into a folder, so -o takes "
                "a folder (the files are named after their articles)"
            )
        written = export_markdown(library, folder, article_id, include_empty=args.all or article_id is not None)
        for path in written:
            say(str(path))
        say(f"{plural(len(written), 'file')} written to {folder}")
        return OK
    if args.format == "json":
        from reader.core.export.json_format import export_json as render
    else:
        from reader.core.export.w3c import export_w3c as render
    text = render(library, article_id)
    if args.output:
        path = Path(args.output).expanduser()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        except OSError as error:
            raise ExportError(f"{path}: cannot be written ({error.strerror or error})") from None
        say(f"Written to {path}")  # stdout is free when the export goes to a file; stderr is for problems
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    return OK


def import_notes(library: Library, args: argparse.Namespace) -> int:
    from reader.core.export.importing import import_notes as run_import

    report = run_import(library, Path(args.file).expanduser(), name=args.file)
    done = FAILED if report.missing else OK  # a note not taken in is a failure, said, not just counted
    if args.json:
        print_json(report.as_dict())
        return done
    fmt = "reader JSON" if report.format == "json" else "W3C annotations"
    say(f"{args.file} ({fmt})")
    if report.format == "json":
        say(f"articles: {len(report.articles_added)} added, {len(report.articles_existing)} already in the library")
    say(
        f"notes: {len(report.notes_added)} added, {len(report.notes_updated)} updated, "
        f"{len(report.notes_unchanged)} unchanged, {len(report.notes_kept_newer)} already newer in the library"
        + (f", {len(report.missing)} skipped (article not in the library)" if report.missing else "")
    )
    feeds = (report.feeds_added, report.feeds_updated, report.feeds_unchanged)
    if any(feeds):
        say(f"feeds: {len(feeds[0])} added, {len(feeds[1])} updated, {len(feeds[2])} already here as they are")
    _choices("saved searches", (report.searches_added, report.searches_unchanged, report.searches_kept),
             "another query under the same name")
    _choices("entity merges", (report.merges_added, report.merges_unchanged, report.merges_kept),
             "merged otherwise here")
    if report.moved:
        its = "its" if len(report.moved) == 1 else "their"
        say(f"{plural(len(report.moved), 'note')} placed again by {its} quote (the text had changed)")
    if report.orphaned:
        say(f"{plural(len(report.orphaned), 'note')} kept as orphans (the quote is no longer in the text)")
    for missing in report.missing:
        quote = " ".join(missing.quote.split())
        quote = quote if len(quote) <= 60 else quote[:59] + "…"
        warn(f"skipped note {missing.id[:8]}: no article {missing.source} in the library ({quote!r})")
    if report.missing and report.format != "json":
        warn("W3C annotations carry notes only: `reader add` their pages, then import the file again")
    return done


def _choices(what: str, counts: tuple[list[str], list[str], list[str]], differs: str) -> None:
    """'saved searches: 1 added, 0 already here, 1 kept as saved here (…: 'name')', if any."""
    added, unchanged, kept = counts
    if added or unchanged or kept:
        names = ", ".join(repr(n) for n in kept[:5]) + (", …" if len(kept) > 5 else "")
        say(f"{what}: {len(added)} added, {len(unchanged)} already here"
            + (f", {len(kept)} kept as saved here ({differs}: {names})" if kept else ""))
