"""Fetching safely: redirect loops called loops, redirects from a public host to this
machine or a private network refused, malformed URLs refused before anything is sent.

Only the local test server (127.0.0.1) is ever contacted: `only_local_traffic` fails a
test that tries to resolve or connect to anything else. "A public host" is the local
server with the address classifier told that 127.0.0.1 is public (`public_origin`), and
host names that resolve to private addresses come from a fake resolver.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import urllib.request

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.core import net
from reader.core.net import FetchError, fetch, is_local_address
from reader.core.urls import is_http_url, looks_like_url, shown_url, url_problem

LOCAL_NAMES = {"127.0.0.1", "::1", "localhost"}
FAKE_DNS = {  # names a redirect may point at, and what they "resolve" to
    "intranet.test": ["10.20.30.40"],
    "router.test": ["192.168.1.1"],
    "v6.test": ["fd00::1"],
    "mixed.test": ["93.184.216.34", "10.0.0.5"],
}


@pytest.fixture(autouse=True)
def only_local_traffic(monkeypatch):
    """Resolve only the fake names and local ones; connect only to 127.0.0.1 and ::1."""
    real_getaddrinfo, real_connect = socket.getaddrinfo, socket.create_connection

    def getaddrinfo(host, port, *args, **kwargs):
        name = host.decode() if isinstance(host, bytes) else str(host)
        if name in FAKE_DNS:
            return [_info(address, port) for address in FAKE_DNS[name]]
        assert name in LOCAL_NAMES, f"the test tried to resolve {name!r}"
        return real_getaddrinfo(host, port, *args, **kwargs)

    def create_connection(address, *args, **kwargs):
        assert address[0] in LOCAL_NAMES, f"the test tried to connect to {address[0]!r}"
        return real_connect(address, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket, "create_connection", create_connection)


def _info(address: str, port: object) -> tuple:
    if ":" in address:
        return (socket.AF_INET6, socket.SOCK_STREAM, 6, "", (address, port or 0, 0, 0))
    return (socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port or 0))


@pytest.fixture
def public_origin(monkeypatch):
    """127.0.0.1 (the test server) counts as a public internet address; nothing else changes."""
    real = net.is_local_address
    server = ipaddress.ip_address("127.0.0.1")
    monkeypatch.setattr(net, "is_local_address", lambda address: address != server and real(address))


def failure(url: str) -> str:
    with pytest.raises(FetchError) as caught:
        fetch(url)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(url)
    return message


# -- loops and chains --------------------------------------------------------------------


def test_a_redirect_loop_is_called_a_loop(http_server):
    http_server.redirect("/a", "/b")
    http_server.redirect("/b", "/a")
    message = failure(http_server.url("/a"))
    assert f"redirect loop: {http_server.url('/b')} redirects back to {http_server.url('/a')}" in message
    assert "not http(s)" not in message


@pytest.mark.parametrize("location", ["/self", ""], ids=["itself", "empty-location"])
def test_a_page_redirecting_to_itself_is_a_loop(http_server, location):
    http_server.redirect("/self", location)
    assert f"redirect loop: {http_server.url('/self')} redirects to itself" in failure(http_server.url("/self"))


def test_more_than_ten_redirects_are_too_many_and_ten_are_followed(http_server):
    http_server.add("/page", "<html>here</html>")
    for i in range(11):
        http_server.redirect(f"/r{i}", f"/r{i + 1}" if i < 10 else "/page")
    message = failure(http_server.url("/r0"))
    assert "too many redirects (more than 10)" in message and "not http(s)" not in message
    assert fetch(http_server.url("/r1")).url == http_server.url("/page")


def test_a_redirect_without_location_or_of_another_kind_says_so(http_server):
    http_server.routes["/nowhere"] = (302, {}, b"")
    http_server.routes["/choices"] = (300, {"Location": "/x"}, b"")
    assert "HTTP 302 Found, a redirect with no Location to follow" in failure(http_server.url("/nowhere"))
    assert "HTTP 300 Multiple Choices, a reply that is not a redirect reader can follow" in failure(
        http_server.url("/choices")
    )


@pytest.mark.parametrize(
    ("location", "message"),
    [
        ("http://[::1", "redirected to a malformed URL: http://[::1"),
        ("http://a:b:c/", "redirected to http://a:b:c/ (not a valid URL: port 'b:c' is not a number from 1 to 65535)"),
        ("http://[::1]:99999/", "port '99999' is not a number from 1 to 65535"),
        ("file:///etc/passwd", "redirected to a URL that is not http(s): file:///etc/passwd"),
        ("ftp://example.org/", "redirected to a URL that is not http(s): ftp://example.org/"),
    ],
)
def test_a_redirect_to_a_malformed_url_is_refused(http_server, location, message):
    http_server.redirect("/go", location)
    assert message in failure(http_server.url("/go"))
    assert [r.path for r in http_server.requests] == ["/go"]


# -- public to private ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "target",
    [
        "http://10.0.0.1/admin",
        "http://172.16.3.4/",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://0.0.0.0:{port}/page",
        "http://[::1]:{port}/page",
        "http://[fe80::1]/",
        "http://[fd00::1]/",
        "http://[::ffff:127.0.0.1]:{port}/page",
        "http://localhost:{port}/page",
        "http://intranet.test/",
        "http://router.test:8080/",
        "http://v6.test/",
        "http://mixed.test/",
    ],
)
def test_a_public_page_cannot_redirect_to_a_local_or_private_address(http_server, public_origin, target):
    http_server.add("/page", "<html>private</html>")
    target = target.format(port=http_server.port)
    http_server.redirect("/go", target)
    message = failure(http_server.url("/go"))
    assert message == f"{http_server.url('/go')}: refused a redirect to a local or private address: {target}"
    assert [r.path for r in http_server.requests] == ["/go"]  # the target was never asked


def test_a_public_page_may_redirect_to_another_public_one(http_server, public_origin):
    http_server.add("/page", "<html>public</html>")
    http_server.redirect("/go", http_server.url("/page"))
    assert fetch(http_server.url("/go")).body == b"<html>public</html>"


def test_a_local_url_given_by_the_user_may_redirect_to_local_ones(http_server):
    http_server.add("/page", "<html>mine</html>")
    http_server.redirect("/go", f"http://localhost:{http_server.port}/page")
    got = fetch(http_server.url("/go"))
    assert got.body == b"<html>mine</html>" and got.url == f"http://localhost:{http_server.port}/page"
    assert fetch(f"http://localhost:{http_server.port}/page").body == b"<html>mine</html>"


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "127.9.9.9", "10.1.2.3", "172.16.5.4", "192.168.0.1", "169.254.1.1", "0.0.0.0", "100.64.0.1",
     "::1", "::", "fe80::1", "fd12:3456::1", "::ffff:10.0.0.1", "::ffff:127.0.0.1"],
)
def test_local_and_private_addresses_are_local(address):
    assert is_local_address(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["93.184.216.34", "1.1.1.1", "2606:4700:4700::1111", "::ffff:93.184.216.34"])
def test_public_addresses_are_not(address):
    assert not is_local_address(ipaddress.ip_address(address))


# -- malformed URLs ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://[::1", "not a valid URL: its [IPv6 address] is malformed"),
        ("http://[zz]/", "not a valid URL: its [IPv6 address] is malformed"),
        ("https://[::1]x/", "not a valid URL: 'x' after its [IPv6 address]"),
        ("http://", "not a valid URL: it has no host name"),
        ("http://:80/", "not a valid URL: it has no host name"),
        ("http://a:b:c/", "not a valid URL: port 'b:c' is not a number from 1 to 65535"),
        ("http://[::1]:99999/", "not a valid URL: port '99999' is not a number from 1 to 65535"),
        ("http://127.0.0.1:99999999999999999999/", "port '99999999999999999999' is not a number from 1 to 65535"),
        ("http://127.0.0.1:0/", "port '0' is not a number"),
        ("http://127.0.0.1:-1/", "port '-1' is not a number"),
        ("http://exa\x01mple.org/", "not a valid URL: it contains \\x01, a control or invisible character"),
        ("http://example.org/\x1b[31m", "it contains \\x1b, a control or invisible character"),
        ("http://example.org/a\u202eb", "it contains \\u202e, a control or invisible character"),
        ("http://exa mple.org/", "not a valid URL: it contains a space"),
        ("http://a..b/", "not a valid URL: 'a..b' is not a host name"),
        ("http://a<b>/", "not a valid URL: 'a<b>' is not a host name"),
        ("http://user:secret@127.0.0.1/", "a user name or password in it is not supported"),
    ],
)
def test_malformed_urls_are_refused_before_anything_is_sent(url, message):
    with pytest.raises(FetchError) as caught:
        fetch(url)
    assert message in caught.value.reason
    assert "\n" not in str(caught.value) and "\x1b" not in str(caught.value)
    assert not is_http_url(url) and looks_like_url(url)


def test_a_non_ascii_path_is_sent_percent_encoded(http_server):
    http_server.add("/caf%C3%A9", "<html>ok</html>")
    assert fetch(http_server.url("/café")).body == b"<html>ok</html>"
    assert http_server.requests[-1].path == "/caf%C3%A9"


URLISH = st.builds(
    lambda scheme, rest: scheme + rest,
    st.sampled_from(["http://", "https://", "HTTP://", "http:", "ftp://", ""]),
    st.lists(st.sampled_from([*"ab1:[]@%/?#.-_ \x00\x7f\u00e9\u202e", "::1", "127.0.0.1", "65536"]), max_size=12).map("".join)
    | st.text(max_size=30),
)


@settings(max_examples=500)
@given(URLISH)
@example("http://%127.0.0.1")  # a percent-escape in the host decodes to a control character
def test_url_checks_never_raise_and_what_they_accept_urllib_can_send(text):
    problem = url_problem(text)
    assert is_http_url(text) == (url_problem(text.strip()) is None)
    shown_url(text)
    if problem is None:
        request = urllib.request.Request(net._ascii_url(text))
        http.client.HTTPConnection(request.host)  # parses host and port; connects to nothing
        request.selector.encode("ascii")


def test_untracked_drops_only_tracking_parameters() -> None:
    from reader.core.urls import untracked

    assert untracked("https://x.org/a?utm_source=rss&id=3&fbclid=Z#part") == "https://x.org/a?id=3#part"
    assert untracked("https://x.org/a?utm_source=rss&utm_medium=feed") == "https://x.org/a"
    assert untracked("https://x.org/a?id=3&ref=home") == "https://x.org/a?id=3&ref=home"  # left as it is
    assert untracked("not a url [") == "not a url ["
