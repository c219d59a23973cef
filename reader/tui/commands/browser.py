"""Open a link in the user's browser: Python's `webbrowser` choice, honouring $BROWSER.

`webbrowser` reads $BROWSER once per process and lets the browser write to the
terminal the app is drawing on. So the browser is chosen as `webbrowser` would ($BROWSER
entries first, each a command or a command line with %s; else `webbrowser.get()`), and
a command is started here with its output sent nowhere, in its own session. Only an
address `safe_href` accepts is ever passed on.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import webbrowser
from typing import Any

from reader.core.links import safe_href

WAIT_SECONDS = 10.0  # how long to wait for a browser command that does not return at once
NO_ADDRESS = "This article has no address (it was added from a file)"


class BrowserError(Exception):
    """Why a link was not opened, in words for the user."""


def browser_command(href: str) -> list[str] | webbrowser.BaseBrowser:
    """The command line that opens `href`, or a `webbrowser` controller that is not a command."""
    for entry in os.environ.get("BROWSER", "").split(os.pathsep):
        try:
            words = shlex.split(entry)
        except ValueError:
            continue
        if words and shutil.which(words[0]):
            args = words[1:] if "%s" in entry else [*words[1:], "%s"]
            return [words[0], *(arg.replace("%s", href) for arg in args)]
    try:
        controller = webbrowser.get()
    except webbrowser.Error:
        raise BrowserError("no web browser found (set $BROWSER)") from None
    if isinstance(controller, webbrowser.GenericBrowser):
        return [controller.name, *(arg.replace("%s", href) for arg in controller.args)]
    return controller


def open_link(raw_href: str) -> str:
    """Open `raw_href` in the browser and return it; BrowserError if that failed.

    Blocks up to WAIT_SECONDS: call it from a thread."""
    href = safe_href(raw_href)
    if href is None:
        raise BrowserError("not an http(s) or mailto address")
    how = browser_command(href)
    if not isinstance(how, list):
        if not how.open(href):
            raise BrowserError("the browser did not start")
        return href
    try:
        process = subprocess.Popen(how, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError as error:
        raise BrowserError(f"the browser did not start ({error.strerror or error})") from None
    try:
        code = process.wait(WAIT_SECONDS)
    except subprocess.TimeoutExpired:
        return href  # still running: a browser that stays in the foreground
    if code:
        raise BrowserError(f"the browser command failed (exit {code})")
    return href


def open_in_background(node: Any, href: str) -> None:
    """Start the browser on `href` off the UI thread (a command may take a while to return),
    then say what happened: the article screen's `o`/`O` and the library's `o`."""
    from reader.core.urls import shown_url

    app = node.app

    def run() -> None:
        try:
            opened = open_link(href)
        except BrowserError as error:
            app.call_from_thread(app.notify, f"{shown_url(href)}: {error}", title="Link not opened",
                                 severity="warning", markup=False)
            return
        app.call_from_thread(app.notify, f"Opened {shown_url(opened)}", timeout=3, markup=False)

    node.run_worker(run, thread=True, group="browser", name="open in the browser")
