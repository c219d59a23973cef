"""Worker processes start where stderr is no real file (the app, Pilot tests): the spawn
context's resource tracker would be handed fd -1 and every pool would fail."""

from __future__ import annotations

import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent("""
    import io, sys
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    class Captured(io.StringIO):  # as Textual's print capture: no file behind it
        def fileno(self):
            return -1

    sys.stderr = Captured()
    if sys.argv[1] == "ours":
        from reader.core.processes import spawn_context
        context = spawn_context()
    else:
        context = get_context("spawn")
    try:
        with ProcessPoolExecutor(1, mp_context=context) as pool:
            print(pool.submit(abs, -7).result())
    except ValueError as error:
        print("failed:", error)
""")


def run(which: str) -> str:
    done = subprocess.run([sys.executable, "-c", SCRIPT, which], capture_output=True, text=True, timeout=120)
    return done.stdout.strip()


def test_a_pool_starts_with_stderr_captured() -> None:
    assert run("ours") == "7"
    assert run("plain").startswith("failed: bad value(s) in fds_to_keep")  # what it guards against
