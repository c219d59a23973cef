"""Fixtures shared by every test folder."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

if str(Path(__file__).parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).parent))

from httpserver import TestServer  # noqa: E402


@pytest.fixture
def http_server() -> Iterator[TestServer]:
    """A local HTTP server on 127.0.0.1 (random port) serving what the test puts in it.

    See tests/httpserver.py: `http_server.add(path, body, ...)`, `.url(path)`,
    `.requests` (what clients sent), ETag/Last-Modified with 304 answers, `delay=`.
    """
    with TestServer() as server:
        yield server
