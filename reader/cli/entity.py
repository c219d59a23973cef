"""`reader entity NAME`: one entity's articles, quotes and notes; merges of split names.
`reader entities`: every entity with its counts.

`reader quotes --by NAME`: the quotes of one entity, the very ones its page lists.

    reader entity NAME [--json]                   what the library holds about NAME
    reader entity NAME [NAME...] --merge-into X   count NAME (and the others) as X, for good (unquoted words of one name are joined)
    reader entity NAME --split                    keep NAME apart from the entity it was joined into
    reader entity NAME --unmerge                  undo NAME's merge or split (a name joined
                                                  automatically: keep it apart, as --split)

NAME is matched case- and accent-insensitively, by any merged or joined spelling, or by a
unique prefix or words ("zelen", "boris john"). Unquoted words of one name are joined.
"""

from __future__ import annotations

import argparse

from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from reader.cli.parser import ENTITY_CHOICES
from reader.cli.output import FAILED, OK, annotation_json, clip, column, plural, print_json, say, warn
from reader.core.entities.ledger import EntityPage, Ledger
from reader.core.entities.names import fold
from reader.core.analysis import analyse_missing
from reader.core.model import ENTITY_LABELS, ENTITY_TYPES
from reader.core.quotemarks import quoted
from reader.core.store import Library

SAY_ANALYSING_FROM = 50  # articles: fewer take under a few seconds


def bring_analyses_up_to_date(library: Library) -> None:
    """The ledger reads stored analyses only: analyse what has none (a library the app
    never opened) or one by an older reader, saying so when it will take a while."""
    def announce(count: int) -> None:
        if count >= SAY_ANALYSING_FROM:
            warn(f"analysing {count:,} articles (new, or analysed by an older reader)…")

    analyse_missing(library, announce)


def entities(library: Library, args: argparse.Namespace) -> int:
    """Every entity, grouped by type, with the counts the app's Entities screen shows (merges applied)."""
    bring_analyses_up_to_date(library)
    kinds = [ENTITY_CHOICES[t] for t in args.types] if args.types else list(ENTITY_TYPES)
    every = Ledger.build(library).summaries()
    by_kind = {kind: [s for s in every if s.type == kind] for kind in kinds}
    summaries = [s for kind in kinds for s in by_kind[kind][: args.limit]]
    if args.json:
        print_json([
            {"name": s.name, "type": s.type, "articles": s.articles, "mentions": s.mentions,
             "quotes": s.quotes, "notes": s.notes}
            for s in summaries
        ])
        return OK
    for kind in kinds:
        rows = by_kind[kind][: args.limit]
        if rows:
            say(ENTITY_LABELS[kind])
            for s in rows:
                say(f"  {column(s.name, 40)}  {plural(s.articles, 'article'):>12}  {plural(s.mentions, 'mention'):>13}"
                    f"  {plural(s.quotes, 'quote'):>10}  {plural(s.notes, 'note'):>9}")
    return OK


def entity(library: Library, args: argparse.Namespace) -> int:
    bring_analyses_up_to_date(library)
    ledger = Ledger.build(library)
    if args.merge_into:
        return _merge(library, ledger, args.names, " ".join(args.merge_into))
    name = " ".join(args.names)
    if args.unmerge or args.split:
        return _split(library, ledger, name, undo=args.unmerge)
    canonical = ledger.find(name)
    if canonical is None:
        return _unknown(ledger, name)
    page = ledger.page(canonical, stored_notes=True)
    if args.json:
        print_json(page_json(page))
    else:
        _print_page(page)
    return OK


def _split(library: Library, ledger: Ledger, name: str, *, undo: bool) -> int:
    """--unmerge: the user's merge or split of NAME undone, else as --split; --split: NAME
    kept apart from the entity it was joined into (automatically or by a merge)."""
    merged = ledger.aliases.get(name)
    if undo and merged is not None:
        ledger.unmerge(library, name)
        say(f"Unmerged {name}." if merged != name else f"{name} is no longer kept apart: it joins as it would.")
        return OK
    into = ledger.split(library, name)
    if into is None:
        warn(f"{name} is not joined into another name")
        return FAILED
    say(f"Kept {name} apart from {into} (`reader entity {name} --unmerge` joins it again).")
    return OK


def quotes_by(library: Library, args: argparse.Namespace) -> int:
    """`reader quotes --by NAME`: the entity's quotes as its page lists them, newest first."""
    bring_analyses_up_to_date(library)
    ledger = Ledger.build(library)
    canonical, candidates = ledger.find_speaker(args.by)  # among those with quotes, as said-by: is
    if canonical is None:
        return _unknown(ledger, args.by, candidates)
    page = ledger.page(canonical)
    if args.json:
        print_json([
            {"text": q.text, "speaker": q.speaker, "partial": q.partial, "kind": "speech",
             "article_id": q.article_id, "start": q.start, "end": q.end, "title": q.title}
            for q in page.quotes
        ])
        return OK
    for q in page.quotes:
        kind = " (partial)" if q.partial else ""
        say(f"{q.speaker}{kind}: {quoted(q.text, 160, clip)}")
        say(f"    {q.article_id[:8]}  {clip(q.title, 70)}")
    if not page.quotes:
        say(f"No quotes by {canonical}.")
    return OK


def _unknown(ledger: Ledger, name: str, candidates: list[str] | None = None) -> int:
    """One line: "no entity named Volodymyr Zelensky; did you mean Volodymyr Zelenskyy?", or
    for a spelling several names share, "blair could be Tony Blair (160 articles), ..."."""
    if candidates := ledger.candidates(name) if candidates is None else candidates:
        shown = [f"{c} ({plural(ledger.articles_of(c), 'article')})" for c in candidates[:3]]
        more = f" and {len(candidates) - 3} more" if len(candidates) > 3 else ""
        warn(f"{name} could be {_either(shown)}{more}: give more of the name")
        return FAILED
    close = close_names(ledger, name)
    warn(f"no entity named {name}" + (f"; did you mean {_either(close)}?" if close else ""))
    return FAILED


def _either(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def close_names(ledger: Ledger, name: str, n: int = 3) -> list[str]:
    """The library's names a misspelt one most likely meant: those rapidfuzz's weighted ratio
    finds close (case, accents and punctuation aside), the most alike as a whole first; then
    the names it is ambiguous between ("zelensk": both spellings)."""
    wanted = default_process(fold(name))
    # A name under half as long as the one typed is no spelling of it, whatever a partial
    # match scores: "M." is in "goldsmth", "NY" in "tony blar".
    names = [s.name for s in ledger.summaries() if 2 * len(default_process(fold(s.name))) >= len(wanted)]
    scored = process.extract(
        fold(name), [fold(n) for n in names], scorer=_likeness, processor=default_process, limit=n, score_cutoff=80
    )
    scored.sort(key=lambda hit: -fuzz.ratio(wanted, hit[0]))  # a whole-name likeness before a part's
    found = [names[index] for _match, _score, index in scored]
    for other in ledger.suggestions(name, n):
        if other not in found and len(found) < n:
            found.append(other)
    return found


def _likeness(typed: str, name: str, **_: object) -> float:
    """How alike, as a whole (weighted ratio) or as one of the name's words: a misspelt
    surname ("goldsmth") is a spelling of "peter goldsmith"'s last word."""
    words = (fuzz.ratio(typed, word) for word in name.split() if len(word) >= 3)
    return max(fuzz.WRatio(typed, name), *words)


def _merge(library: Library, ledger: Ledger, names: list[str], into: str) -> int:
    """Merge each NAME into `into`; unquoted words that make one known name are that name
    (`entity Beverly Hughes --merge-into Beverley Hughes`), else each word is a name."""
    target = ledger.find(into, guess=False)  # a merge names what it joins: no guessing
    if target is None:
        return _unknown(ledger, into)
    if len(names) > 1 and ledger.find(" ".join(names), guess=False) is not None:
        names = [" ".join(names)]
    merged = []
    for name in names:
        canonical = ledger.find(name, guess=False)
        if canonical is None:
            return _unknown(ledger, name)
        if canonical != target:
            merged.append(canonical)
    if not merged:  # the state asked for holds already: a script may say it twice
        say(f"Nothing to merge: {', '.join(names)} already count{'s' if len(names) == 1 else ''} as {target}.")
        return OK
    ledger.merge(library, merged, target)
    say(f"Merged {', '.join(merged)} into {target}.")
    return OK


def page_json(page: EntityPage) -> dict:
    return {
        "name": page.name,
        "type": page.type,
        "aliases": list(page.aliases),
        "articles": [
            {"id": a.id, "title": a.title, "source": a.source, "date": _day(a.date), "mentions": a.mentions}
            for a in page.articles
        ],
        "quotes": [
            {
                "text": q.text, "speaker": q.speaker, "partial": q.partial, "article_id": q.article_id,
                "title": q.title, "source": q.source, "date": _day(q.date), "start": q.start, "end": q.end,
            }
            for q in page.quotes
        ],
        "notes": [annotation_json(n) for n in page.notes],
    }


def _day(value) -> str | None:  # noqa: ANN001 - a date or None
    return value.isoformat() if value else None


def _print_page(page: EntityPage) -> None:
    label = ENTITY_LABELS[page.type].lower()
    mentions = sum(a.mentions for a in page.articles)
    say(f"{page.name}  ({page.type}, {label})")
    if page.aliases:
        say(f"  also: {', '.join(page.aliases)}")
    say(
        f"  {plural(len(page.articles), 'article')}, {plural(mentions, 'mention')}, "
        f"{plural(len(page.quotes), 'quote')}, {plural(len(page.notes), 'note')}"
    )
    say()
    say("Articles")
    for a in page.articles:
        say(f"  {column(_day(a.date) or '', 10)}  {column(a.source or '-', 16)}  {column(a.title, 60)}  {a.id[:8]}")
    if page.quotes:
        say()
        say(f"Quotes by {page.name}")
        for q in page.quotes:
            kind = " (partial)" if q.partial else ""
            say(f"  {column(_day(q.date) or '', 10)}  {column(q.source or '-', 16)}  {q.article_id[:8]}{kind}")
            say(f"      {quoted(q.text, 160, clip)}")
    if page.notes:
        say()
        say("Notes")
        for n in page.notes:
            say(f"  {n.created.date().isoformat()}  {n.article_id[:8]}  {quoted(n.quote, 70, clip)}")
            if n.note.strip():
                say(f"      {clip(n.note, 100)}")
