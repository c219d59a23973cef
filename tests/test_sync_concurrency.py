"""Two libraries, each in its own process, changing and syncing through one folder at the
same moment (and a second process syncing one of them meanwhile): nothing is lost."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from reader.core.store import Library
from reader.core.sync.engine import sync
from sync_helpers import dump, make_article

WORKER = """
import sys, time
from pathlib import Path
from reader.core.store import Library
from reader.core.sync.engine import sync
home, target, start, rounds, name = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
library = Library(Path(home))
article_id = library.article_ids()[0]
while time.time() < start:
    time.sleep(0.001)
for n in range(rounds):
    if name != "syncer":
        library.annotate(article_id, n, n + 3, note=f"{name} {n}")
        library.tag_article(article_id, add=[f"{name}-{n}"])
    sync(library, target)
print("done")
"""

ROUNDS = 8


def test_two_processes_syncing_at_once_lose_nothing(tmp_path: Path) -> None:
    target = tmp_path / "target"
    target.mkdir()
    homes = [tmp_path / "a", tmp_path / "b"]
    for home in homes:
        Library(home).add(make_article(1))
    start = time.time() + 1.5
    workers = [
        subprocess.Popen([sys.executable, "-c", WORKER, str(home), str(target), str(start), str(ROUNDS), name],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for home, name in ((homes[0], "a"), (homes[1], "b"), (homes[0], "syncer"))
    ]
    for worker in workers:
        out, err = worker.communicate(timeout=240)
        assert worker.returncode == 0, err
    libraries = [Library(home) for home in homes]
    for _ in range(2):
        for library in libraries:
            sync(library, str(target))
    assert dump(libraries[0]) == dump(libraries[1])
    notes = sorted(n.note for n in libraries[0].annotations())
    assert notes == sorted([f"a {n}" for n in range(ROUNDS)] + [f"b {n}" for n in range(ROUNDS)])
    tags = libraries[1].articles()[0].tags
    assert sorted(tags) == sorted([f"a-{n}" for n in range(ROUNDS)] + [f"b-{n}" for n in range(ROUNDS)])
