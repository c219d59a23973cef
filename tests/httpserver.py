"""A local HTTP server for tests: fixture pages and feeds on 127.0.0.1, never the internet.

Use it through the `http_server` fixture (tests/conftest.py)::

    def test_something(http_server):
        http_server.add("/page", b"<html>...</html>", content_type="text/html; charset=utf-8")
        url = http_server.url("/page")            # http://127.0.0.1:PORT/page
        ...
        assert http_server.requests[-1].path == "/page"

What it serves is `routes`, a dict filled per test::

    http_server.routes["/x"] = Response(status, {"Header": "value"}, b"body")
    http_server.routes["/y"] = (404, {}, b"gone")   # a plain (status, headers, body) tuple works too

Helpers:

* `add(path, body, *, status=200, content_type=..., headers=None, etag=None,
  last_modified=None, delay=0.0)` - serve `body` (bytes, or str encoded as UTF-8).
  With `etag` and/or `last_modified` the response carries ETag / Last-Modified, and a
  request whose If-None-Match / If-Modified-Since matches gets `304 Not Modified` with no
  body (conditional requests, as feed refreshes make them).
* `redirect(path, to, status=302)` - a redirect.
* `add_file(path, file, content_type=...)` - serve a fixture file's bytes.
* `delay` (seconds) sleeps before the response is sent: with a shorter client timeout,
  that is a timeout test. The server's threads are daemons; a slow handler never blocks
  the test run from ending.
* `chunked=True` sends the body with Transfer-Encoding: chunked and no Content-Length
  (so a size cap must be enforced while reading, not from the header).
* Unknown paths get 404.
* `unused_port()` (module function) gives a port nothing listens on: connection refused.

Every request is recorded in `requests` (a list of `Recorded(method, path, headers)`,
headers as a case-insensitive `email.message.Message`), so a test can check what the
client sent: `http_server.requests[-1].headers["If-None-Match"]`. `clear()` forgets
routes and requests. The query string is part of the path matched against `routes`
only if a route with it exists; otherwise it is stripped.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

__all__ = ["Recorded", "Response", "TestServer", "unused_port"]


@dataclass
class Response:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0
    chunked: bool = False


@dataclass
class Recorded:
    method: str
    path: str
    headers: Mapping[str, str]


class TestServer:
    """A threaded HTTP/1.1 server on 127.0.0.1 with a random free port."""

    __test__ = False  # not a pytest test class

    def __init__(self) -> None:
        self.routes: dict[str, Response | tuple[int, dict[str, str], bytes]] = {}
        self.requests: list[Recorded] = []
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._httpd.daemon_threads = True
        self.port: int = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    # -- lifecycle -------------------------------------------------------------------

    def start(self) -> TestServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> TestServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- filling ---------------------------------------------------------------------

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str = "/") -> str:
        return self.base + (path if path.startswith("/") else "/" + path)

    def add(
        self,
        path: str,
        body: bytes | str = b"",
        *,
        status: int = 200,
        content_type: str | None = "text/html; charset=utf-8",
        headers: Mapping[str, str] | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        delay: float = 0.0,
        chunked: bool = False,
    ) -> str:
        """Serve `body` at `path`; returns the full URL."""
        if isinstance(body, str):
            body = body.encode("utf-8")
        all_headers = {"Content-Type": content_type} if content_type else {}
        all_headers.update(headers or {})
        self.routes[path] = Response(status, all_headers, body, etag, last_modified, delay, chunked)
        return self.url(path)

    def add_file(self, path: str, file: Path | str, **kwargs: object) -> str:
        return self.add(path, Path(file).read_bytes(), **kwargs)  # type: ignore[arg-type]

    def redirect(self, path: str, to: str, status: int = 302) -> str:
        self.routes[path] = Response(status, {"Location": to}, b"")
        return self.url(path)

    def clear(self) -> None:
        with self._lock:
            self.routes.clear()
            self.requests.clear()

    def requests_to(self, path: str) -> list[Recorded]:
        return [r for r in self.requests if r.path.split("?", 1)[0] == path.split("?", 1)[0]]

    # -- serving ---------------------------------------------------------------------

    def _record(self, rec: Recorded) -> None:
        with self._lock:
            self.requests.append(rec)

    def _route(self, path: str) -> Response | None:
        found = self.routes.get(path)
        if found is None and "?" in path:
            found = self.routes.get(path.split("?", 1)[0])
        if found is None:
            return None
        if isinstance(found, tuple):
            status, headers, body = found
            return Response(status, dict(headers), body)
        return found


def _handler_for(server: TestServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # quiet
            pass

        def do_HEAD(self) -> None:
            self._serve(head=True)

        def do_GET(self) -> None:
            self._serve(head=False)

        def _serve(self, *, head: bool) -> None:
            server._record(Recorded(self.command, self.path, self.headers))
            response = server._route(self.path)
            if response is None:
                response = Response(404, {"Content-Type": "text/plain"}, b"not found")
            if response.delay:
                time.sleep(response.delay)
            status, body = response.status, response.body
            headers = dict(response.headers)
            if response.etag:
                headers["ETag"] = response.etag
            if response.last_modified:
                headers["Last-Modified"] = response.last_modified
            if _not_modified(self.headers, response):
                status, body = 304, b""
                headers.pop("Content-Type", None)
            try:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                chunked = response.chunked and status != 304
                if chunked:
                    self.send_header("Transfer-Encoding", "chunked")
                elif "content-length" not in {k.lower() for k in headers}:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if head or status == 304:
                    return
                if not chunked:
                    self.wfile.write(body)
                    return
                for i in range(0, len(body), 16384):
                    piece = body[i : i + 16384]
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                self.wfile.write(b"0\r\n\r\n")
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout or size-cap test)

    return Handler


def unused_port() -> int:
    """A 127.0.0.1 port that was free a moment ago and has no listener: connecting is refused."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _not_modified(request_headers: Mapping[str, str], response: Response) -> bool:
    if not (response.etag or response.last_modified) or response.status != 200:
        return False
    inm = request_headers.get("If-None-Match")
    ims = request_headers.get("If-Modified-Since")
    if response.etag and inm is not None:
        tags = {t.strip() for t in inm.split(",")}
        return response.etag in tags or "*" in tags
    if response.last_modified and ims is not None:
        return ims.strip() == response.last_modified
    return False
