"""One function per subcommand: call core, print, return the exit code."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.cli.output import (
    FAILED, OK, annotation_block, annotation_json, article_json, article_lines, clip,
    plural, print_json, quote_json, say, warn,
)
from reader.core.store import Library

# Each command imports what only it needs inside it: `reader ls` must not pay for the
# ingesters, the entity tagger or the doctor.



def add(library: Library, args: argparse.Namespace) -> int:
    from reader.cli.adding import add_sources

    return add_sources(library, args.paths, jobs=args.jobs, as_json=args.json)


def ls(library: Library, args: argparse.Namespace) -> int:
    from reader.core.ordering import ordered

    counts = library.note_counts()
    articles = ordered(library.articles(), args.sort, lambda a: a, lambda a: counts.get(a.id, 0))
    if args.json:
        print_json([article_json(a, counts.get(a.id, 0)) for a in articles])
    elif not articles:
        say("The library is empty: `reader add FILE` imports articles.")
    else:  # one write for the whole list: 10,000 prints were a fifth of `reader ls` at 10k articles
        print(article_lines(articles, counts))  # sanitised piece by piece there
    return OK


def notes(library: Library, args: argparse.Namespace) -> int:
    article_id = library.resolve_article(args.id) if args.id else None
    found = library.annotations(article_id, skip_damaged=True)  # a damaged shard is named after the list
    orphans_only = getattr(args, "orphans", False)
    if orphans_only:
        found = [a for a in found if a.anchor.state == "orphan"]
    if args.json:
        print_json([annotation_json(a) for a in found])
        return OK
    titles = {a.id: a.title for a in library.articles()}
    for annotation in found:
        say(annotation_block(annotation, titles.get(annotation.article_id, "(no article)")))
    if not found and not library.unreadable:
        say("No orphaned notes." if orphans_only else "No notes yet: `reader note ID --quote TEXT` keeps one.")
    return OK


def quotes(library: Library, args: argparse.Namespace) -> int:
    from reader.core.analysis import analysis_for
    from reader.core.quotemarks import quoted

    if args.by:  # one entity's quotes, its joined names followed, as its page counts them
        from reader.cli.entity import quotes_by

        return quotes_by(library, args)
    wanted = args.by.casefold() if args.by else None
    rows = []
    for article in library.articles():
        for quote in analysis_for(library, article).quotes:
            if quote.kind != "speech" and not args.all:
                continue  # a term or scare quote: listed only when asked (--all)
            if wanted is None or (quote.speaker and wanted in quote.speaker.casefold()):
                rows.append((article, quote))
    if args.json:
        print_json([{**quote_json(q, a.id), "title": a.title} for a, q in rows])
        return OK
    for article, quote in rows:
        if quote.kind == "term":
            say(f"term: {quoted(quote.text, 160, clip)}")
        else:
            kind = " (partial)" if quote.partial else ""
            say(f"{quote.speaker or 'unknown'}{kind}: {quoted(quote.text, 160, clip)}")
        say(f"    {article.id[:8]}  {clip(article.title, 70)}")
    if not rows:
        say("No quotes found." if wanted is None else f"No quotes by {args.by!r}.")
    return OK


def rm(library: Library, args: argparse.Namespace) -> int:
    article = library.article(library.resolve_article(args.id))
    count = len(library.annotations(article.id))
    if not args.yes:
        if not sys.stdin.isatty():  # no one to answer (a script, a pipe): say so, never a silent "no"
            warn(f"not removed: {article.id[:8]} “{clip(article.title, 60)}” and its {plural(count, 'note')}: "
                 "no terminal to ask at; add -y to remove without asking")
            return FAILED
        answer = _ask(f"Remove “{article.title}” and its {plural(count, 'note')}? [y/N] ")
        if answer not in ("y", "yes"):
            say("Nothing removed.")
            return OK
    removed = library.remove(article.id)
    say(f"Removed {article.id[:8]} and {plural(removed, 'note')}.")
    return OK


def _ask(prompt: str) -> str:
    print(prompt, end="", flush=True, file=sys.stderr)
    line = sys.stdin.readline()
    return line.strip().lower()


def doctor(home: Path, args: argparse.Namespace) -> int:
    from reader.core.store.doctor import diagnose, repairable, restore

    findings = diagnose(home)
    for finding in findings:
        say(f"{'broken' if finding.broken else 'note  '} {finding.path}: {finding.problem}")
        if finding.repair and not args.restore:
            say(f"       would {finding.repair}; run `reader doctor --restore`")
    left = [f for f in findings if f.broken]
    if args.restore and any(repairable(f) for f in findings):
        for line in restore(home, [f for f in findings if repairable(f)]):
            say(line)
        left = [f for f in left if not repairable(f)]
        for finding in left:
            warn(f"{finding.path}: not repaired: {finding.problem}")
    if not findings:
        say(f"{home}: all library files read cleanly.")
    return FAILED if left else OK
