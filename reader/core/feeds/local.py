"""Feeds kept in a file: `reader feed add feed.xml` subscribes to the file, read again at each refresh.

The subscription's address is the file's `file://` URL; `with_files` wraps the HTTP
fetcher so that such an address is read from disk instead, answering "not modified" when
the file has not changed since the last refresh (its modification time is its
Last-Modified). Only a feed's own address is read this way: its entries' pages are
fetched only when they are http(s), and a web page may name only http(s) feeds.
"""

from __future__ import annotations

import urllib.parse
import urllib.request
from collections.abc import Callable
from email.utils import formatdate
from pathlib import Path
from typing import Any

from reader.core.net import Fetched, FetchError

MAX_BYTES = 10 * 1024 * 1024  # the largest feed reader reads, from a file or (feeds/refresh.py) the web


def is_file_url(url: str) -> bool:
    return url.strip().lower().startswith("file:")


def file_url(path: Path) -> str:
    """The `file://` URL a feed file is subscribed under (absolute, so any folder finds it)."""
    return path.expanduser().resolve().as_uri()


def with_files(fetch: Callable[..., Any]) -> Callable[..., Any]:
    """`fetch`, except that a `file:` URL is read from disk."""

    def fetch_any(url: str, **kwargs: Any) -> Any:
        return read_file_url(url, **kwargs) if is_file_url(url) else fetch(url, **kwargs)

    return fetch_any


def read_file_url(url: str, *, max_bytes: int = MAX_BYTES, last_modified: str | None = None,
                  **_http_only: Any) -> Fetched:
    """The file at a `file:` URL as a response: 304 when unchanged since `last_modified`."""
    parts = urllib.parse.urlsplit(url)
    if parts.netloc not in ("", "localhost"):
        raise FetchError(url, "a file: URL must name a file on this machine")
    path = Path(urllib.request.url2pathname(parts.path))
    try:
        info = path.stat()
        if path.is_dir():
            raise FetchError(url, "is a folder, not a feed file")
        stamp = formatdate(info.st_mtime, usegmt=True)
        if last_modified and last_modified == stamp:
            return Fetched(url, 304, b"", "", None, None, stamp, True)
        if info.st_size > max_bytes:
            raise FetchError(url, f"the file is {info.st_size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB")
        body = path.read_bytes()
    except FileNotFoundError:
        raise FetchError(url, f"no such file: {path}") from None
    except OSError as error:
        raise FetchError(url, f"{path}: {error.strerror or error}") from None
    return Fetched(url, 200, body, "", None, None, stamp, False)
