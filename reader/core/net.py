"""Fetch one URL over HTTP(S), with a timeout, a size cap and conditional requests.

The standard library's urllib is enough here: one GET, redirects followed, no session
state. Every failure becomes a `FetchError` whose message names the URL and what went
wrong in words a user can act on (no DNS, refused, timed out, HTTP 404, too large,
a malformed URL, a redirect loop...).

A URL is checked before anything is sent (`url_problem`, in urls.py): urllib would raise
bare ValueErrors on some malformed ones, and send others on with a misleading DNS error.

Redirects are followed up to ten, never in a loop, only to http(s), and never from a
public host to this machine or a private network (loopback, link-local, private: the
address, or what the host name resolves to). A page out on the internet must not be
able to point reader at a router or a local service; a URL the user gives that is
itself local is theirs to fetch, redirects and all.
"""

from __future__ import annotations

import email.message
import http.client
import ipaddress
import socket
import ssl
import string
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from reader import __version__
from reader.core.urls import shown_url, url_problem

__all__ = ["DEFAULT_ACCEPT", "USER_AGENT", "FetchError", "Fetched", "fetch", "is_local_address"]

USER_AGENT = f"reader/{__version__} (terminal news reader)"
DEFAULT_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
_CHUNK = 64 * 1024
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class FetchError(ValueError):
    """A URL that could not be fetched, and why; its message is shown to the user as is."""

    def __init__(self, url: str, reason: str, *, status: int | None = None) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.status = status

    def __str__(self) -> str:
        return f"{shown_url(self.url)}: {self.reason}"


@dataclass(frozen=True)
class Fetched:
    """What a server sent back. `url` is the final URL, after redirects."""

    url: str
    status: int
    body: bytes
    content_type: str
    charset: str | None
    etag: str | None
    last_modified: str | None
    not_modified: bool


def _ascii_url(url: str) -> str:
    """Non-ASCII in the path, query and fragment percent-encoded (UTF-8), as a browser sends
    it: http.client refuses anything but ASCII there. The host is IDNA-encoded later."""
    if url.isascii():
        return url
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(
        parts._replace(path=_quoted(parts.path), query=_quoted(parts.query), fragment=_quoted(parts.fragment))
    )


def _quoted(text: str) -> str:
    return urllib.parse.quote(text, safe=string.punctuation)


def fetch(
    url: str,
    *,
    timeout: float = 15,
    max_bytes: int = 10_000_000,
    etag: str | None = None,
    last_modified: str | None = None,
    accept: str = DEFAULT_ACCEPT,
) -> Fetched:
    """GET `url`; raise FetchError on anything but a 2xx (or a 304 when asked conditionally).

    `timeout` bounds connecting and each read, and the whole body download as well.
    The body is read in chunks and the download stops as soon as it passes `max_bytes`.
    """
    url = url.strip()
    problem = url_problem(url)
    if problem:
        raise FetchError(url, problem)
    headers = {"User-Agent": USER_AGENT, "Accept": accept, "Accept-Encoding": "identity"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        request = urllib.request.Request(_ascii_url(url), headers=headers, method="GET")
    except ValueError as exc:
        raise FetchError(url, f"invalid URL ({exc})") from None
    deadline = time.monotonic() + timeout
    try:
        response = _opener(url).open(request, timeout=timeout)
    except FetchError:
        raise
    except urllib.error.HTTPError as exc:
        with exc:
            if exc.code == 304:
                return _fetched(exc.url or url, 304, b"", exc.headers, not_modified=True)
            if 300 <= exc.code < 400:
                raise FetchError(url, _unfollowed(exc), status=exc.code) from None
            raise FetchError(url, f"HTTP {exc.code} {exc.reason}".rstrip(), status=exc.code) from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, (TimeoutError, socket.timeout)):
            raise FetchError(url, f"timed out after {timeout:g} s") from None
        raise FetchError(url, _reason(exc.reason)) from None
    except (TimeoutError, socket.timeout):
        raise FetchError(url, f"timed out after {timeout:g} s") from None
    except (OSError, ValueError, http.client.HTTPException) as exc:
        raise FetchError(url, _reason(exc)) from None
    with response:
        status = response.status
        final = response.geturl() or url
        length = response.headers.get("Content-Length")
        if length and length.isdigit() and int(length) > max_bytes:
            raise FetchError(url, _too_large(max_bytes, int(length)))
        body = _read_capped(response, url, max_bytes, timeout, deadline)
        if status == 304:
            return _fetched(final, status, b"", response.headers, not_modified=True)
        return _fetched(final, status, body, response.headers, not_modified=False)


def _read_capped(response, url: str, max_bytes: int, timeout: float, deadline: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    try:
        while True:
            if time.monotonic() > deadline:
                raise FetchError(url, f"timed out after {timeout:g} s")
            chunk = response.read1(_CHUNK) if hasattr(response, "read1") else response.read(_CHUNK)
            if not chunk:
                break
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(url, _too_large(max_bytes))
            chunks.append(chunk)
    except (TimeoutError, socket.timeout):
        raise FetchError(url, f"timed out after {timeout:g} s") from None
    except FetchError:
        raise
    except (OSError, http.client.HTTPException) as exc:
        raise FetchError(url, f"connection broken while reading ({_reason(exc)})") from None
    return b"".join(chunks)


def _unfollowed(error: urllib.error.HTTPError) -> str:
    """Words for a 3xx that urllib left unfollowed: no Location, or not a redirect code."""
    status = f"HTTP {error.code} {error.reason}".rstrip()
    if error.code in _RedirectHandler.codes and not (error.headers and error.headers.get("Location")):
        return f"{status}, a redirect with no Location to follow"
    return f"{status}, a reply that is not a redirect reader can follow"


def _opener(url: str) -> urllib.request.OpenerDirector:
    """HTTP(S) only (no file:, ftp: or data:, even after a redirect); no proxy for loopback."""
    opener = urllib.request.OpenerDirector()
    proxies = {} if _is_loopback(url) else None
    for handler in (
        urllib.request.ProxyHandler(proxies),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        _RedirectHandler(url),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


class _RedirectHandler(urllib.request.HTTPRedirectHandler):
    """The redirects of one fetch, each checked before it is followed (see the module doc)."""

    max_redirections = 10
    codes = (301, 302, 303, 307, 308)

    def __init__(self, origin: str) -> None:
        super().__init__()
        self.origin = origin
        self.chain = [origin]
        self.origin_is_local: bool | None = None  # asked at the first redirect, not before

    def http_error_302(self, req, fp, code, msg, headers):  # type: ignore[override]
        name = "location" if "location" in headers else "uri" if "uri" in headers else None
        if name is not None:  # the header urllib follows, even an empty one
            location = headers[name]
            try:
                self.check(req.full_url, location)
            except FetchError:
                fp.close()
                raise
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    def check(self, current: str, location: str) -> None:
        """Raise FetchError unless the redirect from `current` to `location` may be followed."""
        target = _redirect_target(current, location)
        if target is None:
            raise FetchError(self.origin, f"redirected to a malformed URL: {shown_url(location)}")
        if not target.lower().startswith(("http://", "https://")):
            raise FetchError(self.origin, f"redirected to a URL that is not http(s): {shown_url(location)}")
        problem = url_problem(target)
        if problem:
            raise FetchError(self.origin, f"redirected to {shown_url(target)} ({problem})")
        if target in self.chain:
            back = "to itself" if target == current else f"back to {shown_url(target)}"
            raise FetchError(self.origin, f"redirect loop: {shown_url(current)} redirects {back}")
        if len(self.chain) > self.max_redirections:
            raise FetchError(self.origin, f"too many redirects (more than {self.max_redirections})")
        if self.origin_is_local is None:
            self.origin_is_local = _is_local_host(urllib.parse.urlsplit(self.origin).hostname or "")
        if not self.origin_is_local and _is_local_host(urllib.parse.urlsplit(target).hostname or ""):
            raise FetchError(self.origin, f"refused a redirect to a local or private address: {shown_url(target)}")
        self.chain.append(target)


def _redirect_target(current: str, location: str) -> str | None:
    """The absolute URL urllib will follow for `location` (its own steps), None if malformed."""
    try:
        parts = urllib.parse.urlparse(location)
        if not parts.path and parts.netloc:
            parts = parts._replace(path="/")
        quoted = urllib.parse.quote(urllib.parse.urlunparse(parts), encoding="iso-8859-1", safe=string.punctuation)
        return urllib.parse.urljoin(current, quoted)
    except ValueError:
        return None


def is_local_address(address: IPAddress) -> bool:
    """This machine or a private network (loopback, link-local, private, unspecified...):
    anything that is not a public internet address, IPv4-mapped IPv6 read as its IPv4."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return not address.is_global


def _is_local_host(host: str) -> bool:
    """Whether `host` is, or resolves to, an address `is_local_address` calls local."""
    return any(is_local_address(address) for address in _addresses(host))


def _addresses(host: str) -> list[IPAddress]:
    """The addresses `host` names: itself when it is one, else what DNS says (none if nothing)."""
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    if host == "localhost" or host.endswith(".localhost"):  # loopback by definition (RFC 6761)
        return [ipaddress.IPv4Address("127.0.0.1"), ipaddress.IPv6Address("::1")]
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return []
    found = []
    for info in infos:
        try:
            found.append(ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]))
        except ValueError:
            continue
    return found


def _is_loopback(url: str) -> bool:
    host = (urllib.parse.urlsplit(url).hostname or "").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _fetched(
    url: str, status: int, body: bytes, headers: email.message.Message, *, not_modified: bool
) -> Fetched:
    content_type = (headers.get_content_type() if headers.get("Content-Type") else "") or ""
    charset = headers.get_content_charset() if headers.get("Content-Type") else None
    return Fetched(
        url=url,
        status=status,
        body=body,
        content_type=content_type.lower(),
        charset=charset,
        etag=headers.get("ETag"),
        last_modified=headers.get("Last-Modified"),
        not_modified=not_modified,
    )


def _too_large(max_bytes: int, size: int | None = None) -> str:
    limit = _human(max_bytes)
    if size is not None:
        return f"too large ({_human(size)}; the limit is {limit})"
    return f"too large (more than {limit})"


def _human(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f} MB"
    if n >= 1_000:
        return f"{n / 1_000:.1f} kB"
    return f"{n} bytes"


def _reason(exc: object) -> str:
    """A short phrase for a low-level network error."""
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return "timed out"
    if isinstance(exc, socket.gaierror):
        return "host not found (DNS lookup failed)"
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, ConnectionResetError):
        return "connection reset by the server"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"TLS certificate not trusted ({exc.verify_message})"
    if isinstance(exc, ssl.SSLError):
        return f"TLS error ({exc.reason or exc})"
    if isinstance(exc, OSError):
        return exc.strerror or str(exc) or type(exc).__name__
    return str(exc) or type(exc).__name__
