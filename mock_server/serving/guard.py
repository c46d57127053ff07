"""Browsers cannot drive a learner's kitchen: the Host and Origin checks (WSGI middleware, outermost).

- ``Host`` must name the kitchen: a loopback name (localhost, 127.0.0.1, [::1], ``*.localhost``) or
  one of ``config["ALLOWED_HOSTS"]`` (``python -m mock_server`` adds the address it binds; a
  workshop, the addresses it announces; ``"*"`` allows any; behind a trusted proxy, any: the proxy
  chose it, see ``forwarded``). Anything else is a 403: a page on another
  site that points its own name at 127.0.0.1 (DNS rebinding) never reaches the kitchen.
- A state-changing request (not GET, HEAD or OPTIONS) that carries an ``Origin`` must come from the
  kitchen's own origin; a foreign web page's ``fetch`` or form POST gets a 403 and changes nothing.
  Code (requests, curl) sends no Origin and is not affected.
"""

from __future__ import annotations

import ipaddress
from typing import Any, Callable, Iterable

from flask import Flask

from mock_server.contract.problems import problem
from mock_server.serving.forwarded import TRUSTED_KEY

LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def hostname(host: str) -> str:
    """The name in a Host header or an origin's authority, without the port and brackets, lower-cased."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def allowed_host(name: str, allowed: frozenset[str] | None) -> bool:
    if allowed is None:
        return True
    return name in LOOPBACK or name.endswith(".localhost") or _is_loopback_address(name) or name in allowed


def _is_loopback_address(name: str) -> bool:
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


class Guard:
    def __init__(self, wsgi_app: Callable[..., Any], app: Flask) -> None:
        self.wsgi_app, self.app = wsgi_app, app

    def _allowed(self) -> frozenset[str] | None:
        names = self.app.config.get("ALLOWED_HOSTS") or ()
        if "*" in names:
            return None
        return frozenset(hostname(name) for name in names)

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        host = environ.get("HTTP_HOST")
        if host is None and environ.get("SERVER_PROTOCOL") == "HTTP/1.1":
            detail = "An HTTP/1.1 request must have a Host header (RFC 9112, section 3.2)."
            return self._refuse(environ, start_response, "bad-request", detail)
        allowed = None if environ.get(TRUSTED_KEY) else self._allowed()  # a trusted proxy chose the name
        if host is not None and not allowed_host(hostname(host), allowed):
            shown = ", ".join(sorted({"localhost", "127.0.0.1", "[::1]", *(allowed or ())}))
            return self._refuse(
                environ,
                start_response,
                "unknown-host",
                f"This kitchen answers to {shown}, not to the Host {host[:100]!r}.",
            )
        origin = environ.get("HTTP_ORIGIN")
        if origin is not None and environ.get("REQUEST_METHOD", "GET") not in SAFE_METHODS:
            own = f"{environ.get('wsgi.url_scheme', 'http')}://{host or environ.get('SERVER_NAME', '')}".lower()
            if origin.strip().lower() != own:
                return self._refuse(
                    environ,
                    start_response,
                    "foreign-origin",
                    f"A web page from {origin[:100]!r} may not change this kitchen "
                    f"({environ.get('REQUEST_METHOD')} refused); only its own pages ({own}) may.",
                )
        return self.wsgi_app(environ, start_response)

    def _refuse(self, environ: dict, start_response: Callable[..., Any], slug: str, detail: str) -> Iterable[bytes]:
        with self.app.request_context(environ):
            response = problem(slug, detail)
        return response(environ, start_response)


def init_app(app: Flask) -> None:
    app.wsgi_app = Guard(app.wsgi_app, app)  # type: ignore[method-assign]
