"""The learner's address behind a reverse proxy: forwarded headers, believed from trusted proxies only (WSGI).

A room on a server (docs/online-room.md) sits behind nginx or Caddy, which ends TLS and passes each request
on from its own address. ``config["TRUSTED_PROXIES"]`` names those addresses or networks (``127.0.0.1``,
``::1``, ``10.0.0.0/8``). From a trusted peer, the forwarded headers say who the client is: ``REMOTE_ADDR``
becomes the learner's address, so the per-address budgets (joins, facilitator-secret guesses) and the
per-address connection cap apply to learners, not to the proxy; the scheme and host become the public ones
(the board shows ``https://room.example.org``). ``config["FORWARDED_HEADER"]`` says which header the proxy
sets: ``"x-forwarded-for"`` (with ``X-Forwarded-Proto`` and ``-Host``: nginx and Caddy, the default) or
``"forwarded"`` (RFC 7239). The proxy's last entry is the one believed (a client may send either header
itself, and a proxy appends to it); the other family is dropped, since the proxy passes it on unchecked.

From any other peer the forwarded headers are removed before the app sees them: a forged
``X-Forwarded-For`` changes nothing. A forwarded header from a trusted proxy that cannot be read, or that
names no IP address, is a 400 problem (the proxy's set-up is wrong, and the log says which header).

The parsing is waitress' own (``waitress.proxy_headers``). Not waitress' ``trusted_proxy`` server option:
that takes one exact address (no list, no network), answers a bad header in plain text, and works only
under waitress, where Flask's test client cannot show it.
"""

from __future__ import annotations

import ipaddress
import logging
from typing import Any, Callable, Iterable

from flask import Flask
from waitress.proxy_headers import PROXY_HEADERS, MalformedProxyHeader, clear_untrusted_headers, parse_proxy_headers

from mock_server.contract.problems import problem

TRUSTED_KEY = "mock_server.via_trusted_proxy"  # environ: True when a trusted proxy passed the request on
HEADERS = {
    "x-forwarded-for": {"x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port"},
    "forwarded": {"forwarded"},
}
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
log = logging.getLogger("mock_server.forwarded")


def networks(named: Iterable[str]) -> list[Network]:
    """Addresses or networks, as given (``127.0.0.1``, ``10.0.0.0/8``, ``::1``); ValueError names a wrong one."""
    found = []
    for entry in named:
        for part in str(entry).replace(",", " ").split():
            try:
                found.append(ipaddress.ip_network(part.strip("[]"), strict=False))
            except ValueError:
                raise ValueError(
                    f"{part!r} is not an IP address or network (e.g. 127.0.0.1, ::1, 10.0.0.0/8)"
                ) from None
    return found


def is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


class TrustedProxies:
    """WSGI middleware: forwarded headers believed from ``trusted`` peers, removed from everyone else's requests."""

    def __init__(self, wsgi_app: Callable[..., Any], app: Flask, trusted: list[Network], header: str) -> None:
        if header not in HEADERS:
            raise ValueError(f"FORWARDED_HEADER must be one of {', '.join(HEADERS)}, not {header!r}")
        self.wsgi_app, self.app, self.trusted, self.header = wsgi_app, app, trusted, header

    def trusts(self, peer: str | None) -> bool:
        return self.trusting(self.trusted, peer)

    @staticmethod
    def trusting(trusted: list[Network], peer: str | None) -> bool:
        """``peer`` (an address as waitress gives it) is one of ``trusted``."""
        try:
            address = ipaddress.ip_address((peer or "").strip("[]"))
        except ValueError:
            return False
        if address.version == 6 and address.ipv4_mapped is not None:  # ::ffff:127.0.0.1 is 127.0.0.1
            address = address.ipv4_mapped
        return any(address in network for network in trusted)

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        untrusted = set(PROXY_HEADERS)
        peer = environ.get("REMOTE_ADDR")
        if self.trusts(peer):
            environ[TRUSTED_KEY] = True
            try:
                untrusted = parse_proxy_headers(
                    environ, trusted_proxy_count=1, trusted_proxy_headers=HEADERS[self.header]
                )
            except MalformedProxyHeader as bad:
                return self._refuse(environ, start_response, bad.header, f"{bad.reason}: {bad.value[:100]!r}")
            if not is_address(environ.get("REMOTE_ADDR", "")):
                return self._refuse(
                    environ, start_response, self.header, f"no IP address: {environ['REMOTE_ADDR'][:100]!r}"
                )
        clear_untrusted_headers(environ, sorted(untrusted))
        return self.wsgi_app(environ, start_response)

    def _refuse(self, environ: dict, start_response: Callable[..., Any], header: str, why: str) -> Iterable[bytes]:
        log.warning("a malformed %s header from the trusted proxy %s: %s", header, environ.get("REMOTE_ADDR"), why)
        with self.app.request_context(environ):
            response = problem(
                "bad-request",
                f"The reverse proxy in front of the room sent a {header} header the room cannot read ({why}).",
                hint="The proxy's set-up is wrong, not your request: tell the facilitator (docs/online-room.md "
                "has configs for nginx and Caddy).",
            )
        return response(environ, start_response)


def init_app(app: Flask) -> None:
    """Wrap the app when ``config["TRUSTED_PROXIES"]`` names any proxy (outermost: before the Host check)."""
    trusted = networks(app.config.get("TRUSTED_PROXIES") or ())
    if trusted:
        header = str(app.config.get("FORWARDED_HEADER") or "x-forwarded-for").lower()
        app.wsgi_app = TrustedProxies(app.wsgi_app, app, trusted, header)  # type: ignore[method-assign]


def proxy_options(named: list[str], header: str) -> tuple[list[str], str, dict[str, Any]]:
    """``python -m mock_server --trusted-proxy``: (TRUSTED_PROXIES, FORWARDED_HEADER, the waitress options that go
    with them). ValueError names an entry that is no address. waitress must leave the forwarded headers to
    ``TrustedProxies`` (its default removes them all), and must not cap the proxy's connections per address."""
    trusted = networks(named)
    if not trusted:
        return [], header, {}
    options = {
        "clear_untrusted_proxy_headers": False,
        "unlimited": lambda peer: TrustedProxies.trusting(trusted, peer),
    }
    return [str(network) for network in trusted], header, options
