"""What a URL is, before anything is fetched: well-formed http(s), meant as a URL, safe to show.

Checking a URL is a job of its own: the CLI tells a URL from a file name, links and feed
entries are vetted, and messages show a URL on one line, all without loading the HTTP
client net.py fetches with (urllib.request, ssl). `url_problem` says, in words a user
can act on, why a URL cannot be fetched; net.fetch asks it before sending anything.
"""

from __future__ import annotations

import ipaddress
import unicodedata
import urllib.parse

from reader.core.patterns import regex

__all__ = ["is_http_url", "looks_like_url", "shown_url", "untracked", "url_problem"]

_SCHEME = regex(r"[A-Za-z][A-Za-z0-9+.-]*://")
# What RFC 3986 allows in a host name, plus any non-ASCII (an IDN, checked by encoding it).
_HOST = regex(r"[A-Za-z0-9\-._~!$&'()*+,;=\u0080-\U0010ffff]+")
_SHOWN_MAX = 200


def is_http_url(text: str) -> bool:
    """True for a well-formed absolute http:// or https:// URL with a host (never raises)."""
    return url_problem(text.strip()) is None


def looks_like_url(text: str) -> bool:
    """True for text that starts `scheme://`: meant as a URL, even a broken one, not a file."""
    return bool(_SCHEME.match(text.strip()))


def shown_url(url: str) -> str:
    """`url` safe for one line of a message: control and invisible characters escaped, clipped."""
    shown = "".join(_escaped(char) for char in url)
    return shown if len(shown) <= _SHOWN_MAX else shown[: _SHOWN_MAX - 1] + "…"


def url_problem(url: str) -> str | None:
    """Why `url` is not an http(s) URL that can be fetched, in words for the user; else None."""
    bad = next((char for char in url if _is_unsafe(char)), None)
    if bad == " ":
        return "not a valid URL: it contains a space (%20 stands for one)"
    if bad is not None:
        return f"not a valid URL: it contains {_escaped(bad)}, a control or invisible character"
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return "not a valid URL: its [IPv6 address] is malformed"
    if parts.scheme.lower() not in ("http", "https"):
        return "not an http(s) URL"
    return _netloc_problem(parts.netloc)


def _netloc_problem(netloc: str) -> str | None:
    if "@" in netloc:
        return "not a valid URL: a user name or password in it is not supported"
    if netloc.startswith("["):
        host, _, rest = netloc[1:].partition("]")
        if rest and not rest.startswith(":"):
            return f"not a valid URL: {_clip(rest)!r} after its [IPv6 address]"
        port = rest[1:] if rest else ""
        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            return "not a valid URL: its [IPv6 address] is malformed"
    else:
        host, _, port = netloc.partition(":")
        if not host:
            return "not a valid URL: it has no host name"
        if not _HOST.fullmatch(host) or not _encodes(host):
            return f"not a valid URL: {_clip(host)!r} is not a host name"
    if port and not (port.isascii() and port.isdigit() and len(port) <= 5 and 1 <= int(port) <= 65535):
        return f"not a valid URL: port {_clip(port)!r} is not a number from 1 to 65535"
    return None


def _encodes(host: str) -> bool:
    """Whether the host name can be sent (IDNA: no empty or over-long labels)."""
    try:
        host.encode("idna")
    except UnicodeError:
        return False
    return True


def _is_unsafe(char: str) -> bool:
    return char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp")


def _escaped(char: str) -> str:
    if not _is_unsafe(char) or char == " ":
        return char
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# Query parameters that only say where a reader came from (campaign tags, click ids):
# the same page with and without them is the same article.
_TRACKING = regex(r"utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|igshid|mc_cid|mc_eid|_hsenc|_hsmi|ocid|cmpid")


def untracked(url: str) -> str:
    """`url` without its tracking parameters (utm_source, fbclid, ...), else as it is."""
    if "?" not in url:  # most addresses: no query to look at
        return url
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return url
    if not parts.query:
        return url
    pairs = parts.query.split("&")
    kept = [pair for pair in pairs if not _TRACKING.fullmatch(pair.partition("=")[0])]
    return url if len(kept) == len(pairs) else urllib.parse.urlunsplit(parts._replace(query="&".join(kept)))
