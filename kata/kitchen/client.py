"""The tests' client of a live kitchen: its base URL, its admin API (`/__admin/...`) and its public API.

It talks with urllib from the standard library, so that requests-mock, which
patches `requests`, can never intercept the tests' own calls.
"""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.request
from typing import Any

from kata import host

ADMIN_TIMEOUT = 5.0
# The kitchen is on this machine (or the room's network): never through a proxy, whatever the system's settings.
_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _read(request: urllib.request.Request, opener: Any = None) -> bytes:
    """Send one request and read its answer (run through `host.call`: Ctrl+C never waits for the timeout)."""
    with (opener or _opener).open(request, timeout=ADMIN_TIMEOUT) as response:
        return bytes(response.read())


class KitchenError(Exception):
    """The kitchen could not be reached or refused an admin call."""


class KitchenClient:
    """A client for one kitchen's admin API, plus the base URL learners' code talks to."""

    opener: Any = _opener  # the team's kitchen on an https:// room verifies its certificate (kata.workshop.room)

    def __init__(self, url: str, headers: dict[str, str] | None = None) -> None:
        self.url = url.rstrip("/")
        self._headers = dict(headers or {})

    def __repr__(self) -> str:
        return f"KitchenClient({self.url!r})"

    def _admin(self, method: str, path: str, body: Any = None) -> Any:
        return self.api(method, f"/__admin/{path}", body)

    def reset(self) -> None:
        """Fresh state: menu, tables, orders, payments, journal, faults and clock."""
        self._admin("POST", "reset")

    def journal(self) -> list[dict[str, Any]]:
        """Every request the kitchen received since the last reset, newest last."""
        return list(self._admin("GET", "journal")["entries"])

    def clear_journal(self) -> None:
        self._admin("DELETE", "journal")

    def advance(self, seconds: float) -> float:
        """Move the kitchen's clock forward; returns the new time."""
        return float(self._admin("POST", "clock", {"advance": seconds})["now"])

    def faults(self, **spec: Any) -> None:
        """Set faults, e.g. `faults(next=[{"status": 503, "count": 2, "path": "/menu"}])`."""
        self._admin("POST", "faults", spec)

    def set_open(self, is_open: bool) -> None:
        self._admin("POST", "state", {"open": is_open})

    def api(self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None) -> Any:
        """Call the restaurant's public API as the test (set-up, checks): the parsed JSON answer.

        Like any request it is journaled, rate-limited and faulted; a 4xx/5xx raises KitchenError.
        """
        data = None if body is None else json.dumps(body).encode("utf-8")
        sent = {"Accept": "application/json", **self._headers, **(headers or {})}
        if data is not None:
            sent["Content-Type"] = "application/json"
        request = urllib.request.Request(f"{self.url}{path}", data=data, method=method, headers=sent)
        try:
            raw = host.call(lambda: _read(request, self.opener))
        except urllib.error.HTTPError as error:
            detail = error.read().decode("utf-8", "replace")
            raise KitchenError(f"{method} {path} answered {error.code}: {detail}") from None
        except (urllib.error.URLError, OSError) as error:
            raise KitchenError(f"The kitchen at {self.url} cannot be reached: {error}") from None
        return json.loads(raw) if raw else None

    def token(self, username: str = "ada", password: str = "lovelace") -> str:
        """A fresh bearer token for a demo guest (POST /auth/token with HTTP Basic, journaled like any call)."""
        basic = base64.b64encode(f"{username}:{password}".encode()).decode("ascii")
        return str(self.api("POST", "/auth/token", headers={"Authorization": f"Basic {basic}"})["access_token"])
