"""`reader show ID`: an article's clean text, its links (`--links`) or its body as Markdown (`--markdown`)."""

from __future__ import annotations

import argparse

from reader.cli.output import OK, analysis_json, annotation_json, article_json, byline, print_json, say
from reader.core.links import numbered_links
from reader.core.store import Library



def show(library: Library, args: argparse.Namespace) -> int:
    article = library.article(library.resolve_article(args.id), check_copy=True)
    if getattr(args, "links", False):
        return _links(article, args.json)
    if getattr(args, "markdown", False):
        from reader.core.export.body_markdown import article_markdown

        markdown = article_markdown(article)
        if args.json:
            print_json({"id": article.id, "markdown": markdown})
        else:
            say(markdown.rstrip("\n"))
        return OK
    notes = library.annotations(article.id)
    if args.json:
        from reader.core.analysis import analysis_for

        print_json({
            **article_json(article, len(notes)),
            **analysis_json(analysis_for(library, article), article.id),
            "annotations": [annotation_json(n) for n in notes],
        })
        return OK
    say(article.title)
    say(byline(article))
    if article.tags:
        say(" ".join(f"#{t}" for t in article.tags))
    say(f"id {article.id}" + (f" · {article.url}" if article.url else ""))
    say()
    say(article.text)
    return OK


def _links(article, as_json: bool) -> int:  # noqa: ANN001 - an Article
    """The links numbered as the reading view numbers them: `[3] words  URL`."""
    links = numbered_links(article.blocks or [])
    if as_json:
        print_json([{"number": link.number, "text": link.text, "href": link.href} for link in links])
        return OK
    if not links:
        say("No links in this article.")
    for link in links:
        say(f"[{link.number}] {link.text}  {link.href}")
    return OK
