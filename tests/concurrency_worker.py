"""One writer of the model-based concurrency test (tests/test_concurrency.py).

Runs OPS random changes through `reader`'s command line (in this process, one `main()` per
change, as a script calling `reader` would) and writes a JSON line per acknowledged
change: what it was, when it started and when `reader` said it was done.

    python tests/concurrency_worker.py HOME WORKER OPS SEED ARTICLES_JSON PAIRS_JSON LOG
"""

from __future__ import annotations

import contextlib
import io
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reader.cli import main  # noqa: E402

# Passages that occur once in each seed article (by its place in `reader ls`, oldest first).
QUOTES = {"first": ["it was premature", "higher-level talks with Russia"], "second": ["temporary cease-fire concept"]}


def run(home: str, *argv: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(["--home", home, *argv])
    return code, out.getvalue()


def work(home: str, worker: int, ops: int, seed: int, articles: dict[str, str], pair: list[str], log: Path) -> None:
    rng = random.Random(seed)
    mine: dict[str, str] = {}  # my live notes: id -> article id
    my_tags: dict[str, list[str]] = {a: [] for a in articles}  # tags I added and did not remove
    with log.open("w") as out:
        for n in range(ops):
            article = rng.choice(sorted(articles))
            kind = rng.choices(
                ["note", "edit", "delete", "tag", "untag", "star", "read", "merge", "search"],
                weights=[20, 12, 8, 20, 10, 8, 8, 4, 10],
            )[0]
            started = time.time_ns()
            entry = _op(home, worker, n, kind, article, articles, rng, mine, my_tags, pair)
            if entry is not None:
                entry.update(worker=worker, n=n, started=started, acked=time.time_ns())
                out.write(json.dumps(entry) + "\n")
                out.flush()


def _op(home, worker, n, kind, article, articles, rng, mine, my_tags, pair):  # noqa: ANN001, ANN202, PLR0911
    if kind == "edit" and mine:
        note = rng.choice(sorted(mine))
        text, tag = f"w{worker} edit {n}", f"w{worker}e{n}"
        code, out = run(home, "note", "--edit", note, "--note", text, "--tag", tag, "--json")
        return {"op": "edit", "note": note, "text": text, "tag": tag} if code == 0 else _failed(kind, code)
    if kind == "delete" and mine:
        note = rng.choice(sorted(mine))
        code, _ = run(home, "note", "--delete", note)
        if code != 0:
            return _failed(kind, code)
        del mine[note]
        return {"op": "delete", "note": note}
    if kind in ("note", "edit", "delete"):
        text, tag = f"w{worker} note {n}", f"w{worker}n{n}"
        quote = rng.choice(QUOTES[articles[article]])
        code, out = run(home, "note", article, "--quote", quote, "--note", text, "--tag", tag, "--json")
        if code != 0:
            return _failed(kind, code)
        note = json.loads(out)["id"]
        mine[note] = article
        return {"op": "note", "note": note, "article": article, "text": text, "tag": tag}
    if kind == "untag" and my_tags[article]:
        tag = my_tags[article].pop(rng.randrange(len(my_tags[article])))
        code, _ = run(home, "tag", article, tag, "--remove")
        return {"op": "untag", "article": article, "tag": tag} if code == 0 else _failed(kind, code)
    if kind in ("tag", "untag"):
        tag = f"w{worker}t{n}"
        code, _ = run(home, "tag", article, tag)
        if code != 0:
            return _failed(kind, code)
        my_tags[article].append(tag)
        return {"op": "tag", "article": article, "tag": tag}
    if kind in ("star", "read"):
        on = rng.random() < 0.5
        off_flag = {"star": "--off", "read": "--unread"}[kind]
        code, _ = run(home, kind, article, *([] if on else [off_flag]))
        return {"op": kind, "article": article, "value": on} if code == 0 else _failed(kind, code)
    if kind == "merge":
        name, into = pair
        if rng.random() < 0.5:
            code, _ = run(home, "entity", name, "--merge-into", into)
            return {"op": "merge", "name": name, "into": into} if code == 0 else _failed(kind, code)
        code, _ = run(home, "entity", name, "--unmerge")
        return {"op": "unmerge", "name": name} if code in (0, 1) else _failed(kind, code)  # 1: was not merged
    name, query = f"w{worker} search {n % 5}", f"w{worker} {n}"
    code, _ = run(home, "search", query, "--save", name)
    return {"op": "search", "name": name, "query": query} if code == 0 else _failed(kind, code)


def _failed(kind: str, code: int) -> dict:
    return {"op": "failed", "kind": kind, "code": code}


if __name__ == "__main__":
    home, worker, ops, seed, articles, pairs, log = sys.argv[1:]
    work(home, int(worker), int(ops), int(seed), json.loads(articles), json.loads(pairs), Path(log))
