"""The learner's side of workshop mode: the team's login to the room's server, and calls to that server.

Two ways to say "we are team NAME in the workshop at URL":

- `kata join URL NAME`, which joins and keeps the team's token in `.kata/workshop.json`;
- `KATA_SERVER=URL` and `KATA_TEAM=NAME` in the environment (joined on first use,
  the token kept in the same file). `KATA_SERVER=off` runs without the workshop.

Joining needs the room's join code, which the facilitator shows: `kata join` asks for it
(or takes `--code`), and a first use through the environment reads `KATA_JOIN_CODE`.

During a test run, `kata.workshop.team_run` uses them: the tests get the team's
kitchen on the shared server (`URL/t/<token>`), and the run reports its
results to the board. A team that keeps its kitchen at home (`kata join --local-kitchen`,
or `KATA_LOCAL_KITCHEN=1`) runs its tests against a kitchen on its laptop and sends only
its results. An https:// room's certificate is verified (`kata.workshop.tls`).
Nothing here may slow a learner's run down for long: each call has a short timeout.

Only the standard library talks to the server: requests-mock patches
`requests` during the tests.
"""

from __future__ import annotations

import json
import os
import re
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from kata import host
from kata.workshop import tls

STATE_FILE = Path(".kata") / "workshop.json"
SERVER_ENV = "KATA_SERVER"
TEAM_ENV = "KATA_TEAM"
CODE_ENV = "KATA_JOIN_CODE"
LOCAL_ENV = "KATA_LOCAL_KITCHEN"  # 1: the tests use a kitchen on this laptop, only results go to the room
TOKEN_HEADER = "X-Kata-Team-Token"
TIMEOUT = 2.0  # a test run's calls: never slow a learner's run down for long
JOIN_TIMEOUT = 5.0  # `kata join`, which a learner runs once and waits for
OFF = ("", "0", "off", "no", "none", "false")
AGAIN = 2  # tries of a call the room answered 429 or 503 with a short Retry-After (a run's report, a join)
WAIT_AT_MOST = 2  # seconds of Retry-After worth waiting for once; a longer one is said as it is

# The workshop server is reached directly: never send its calls through an HTTP proxy (tls.opener).
_opener = tls.PLAIN


def _read(request: urllib.request.Request, timeout: float, opener: Any = None) -> bytes:
    with (opener or _opener).open(request, timeout=timeout) as response:
        return bytes(response.read())


def _status(request: urllib.request.Request, timeout: float) -> int:
    with _opener.open(request, timeout=timeout) as answer:
        return int(answer.status)


class WorkshopCallFailed(Exception):
    """The workshop server could not be reached, or refused; the message says what to do."""


@dataclass
class TeamLogin:
    """Who the kata runs as in a workshop: the server, the team's name, its token once joined."""

    server: str  # e.g. http://192.168.1.20:8000
    name: str
    token: str | None = None
    local: bool = False  # the kitchen at home: tests run against a kitchen on this laptop, only results go out
    ca_bundle: str | None = None  # an https:// room's private CA (tls)

    @property
    def kitchen(self) -> str:
        """The team's kitchen as a base URL (the token in the path)."""
        assert self.token, "join first"
        return f"{self.server}/t/{self.token}"


def normalise_server(url: str) -> str:
    url = url.strip().rstrip("/")
    if "://" not in url:
        url = "http://" + url
    return url


def call(
    method: str,
    url: str,
    body: Any = None,
    headers: dict[str, str] | None = None,
    timeout: float = TIMEOUT,
    ca_bundle: str | None = None,
) -> Any:
    """One JSON call to the workshop server; WorkshopCallFailed with the problem's detail on any failure."""
    data = None if body is None else json.dumps(body).encode("utf-8")
    sent = {"Accept": "application/json", **(headers or {})}
    if data is not None:
        sent["Content-Type"] = "application/json"
    request = urllib.request.Request(url, data=data, method=method, headers=sent)
    server = url.split("/t/")[0].split("/__workshop")[0]
    try:
        raw = _asked_again(lambda: host.call(lambda: _read(request, timeout, tls.opener(url, ca_bundle))))
    except tls.BundleUnusable as error:
        raise WorkshopCallFailed(str(error)) from None
    except urllib.error.HTTPError as error:
        try:
            problem = json.loads(error.read() or b"{}")
        except ValueError:
            problem = {}
        finally:
            error.close()
        detail = problem.get("detail") or f"{error.code} {error.reason}"
        hint = problem.get("hint")
        raise WorkshopCallFailed(f"{detail}" + (f" ({hint})" if hint else "")) from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        why = tls.certificate_refused(error)
        if why is not None:
            raise CertificateRefused(tls.refusal(why)) from None
        reason = getattr(error, "reason", error)
        raise WorkshopCallFailed(f"{server} cannot be reached: {reason}") from None
    return json.loads(raw) if raw else None


def _asked_again(read: Callable[[], bytes], tries: int = AGAIN) -> bytes:
    """``read()``; after a 429 or a 503 whose Retry-After asks for at most ``WAIT_AT_MOST`` seconds, wait that
    long and ask again (``tries`` times in all): a busy room says when to come back, and a run's report is
    worth that wait. Ctrl+C is never held (Windows)."""
    for _ in range(tries - 1):
        try:
            return read()
        except urllib.error.HTTPError as error:
            after = str(error.headers.get("Retry-After", "")) if error.headers is not None else ""
            if error.code not in (429, 503) or not after.isdigit() or int(after) > WAIT_AT_MOST:
                raise
            error.close()
            host.wait(threading.Event(), int(after))
    return read()


class CertificateRefused(WorkshopCallFailed):
    """The room's https:// certificate does not verify: the message says why, and how to name a private CA."""


# Where the team's settings live ---------------------------------------------------------------------


def read_state(root: Path) -> dict[str, Any]:
    try:
        data = json.loads((root / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_state(root: Path, team: TeamLogin) -> Path:
    path = root / STATE_FILE
    path.parent.mkdir(exist_ok=True)
    temporary = path.with_suffix(".tmp")
    data: dict[str, Any] = {"server": team.server, "team": team.name, "token": team.token}
    if team.local:
        data["kitchen"] = "local"
    if team.ca_bundle:
        data["ca_bundle"] = team.ca_bundle
    temporary.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    host.replace(temporary, path)
    return path


def forget(root: Path) -> bool:
    try:
        (root / STATE_FILE).unlink()
    except FileNotFoundError:
        return False
    return True


def configured(root: Path, environ: Any = None) -> TeamLogin | None:
    """The team this kata runs as, from the environment or `.kata/workshop.json`; None without a workshop."""
    environ = os.environ if environ is None else environ
    stored = read_state(root)
    server = environ.get(SERVER_ENV)
    if server is not None and server.strip().lower() in OFF:
        return None
    at_home = stored.get("kitchen") == "local" or str(environ.get(LOCAL_ENV, "")).strip().lower() not in OFF
    bundle = str(stored["ca_bundle"]) if stored.get("ca_bundle") else None
    if server is None:
        if not stored.get("server") or not stored.get("team"):
            return None
        return TeamLogin(str(stored["server"]), str(stored["team"]), stored.get("token") or None, at_home, bundle)
    name = environ.get(TEAM_ENV) or stored.get("team")
    if not name:
        raise WorkshopCallFailed(
            f"{SERVER_ENV} is set but not {TEAM_ENV}: which team are you? (or `kata join URL NAME`)"
        )
    team = TeamLogin(normalise_server(server), " ".join(str(name).split()), None, at_home, bundle)
    if stored.get("server") == team.server and str(stored.get("team", "")).casefold() == team.name.casefold():
        team.token = stored.get("token") or None
    return team


def join(root: Path, team: TeamLogin, code: str | None = None, environ: Any = None) -> TeamLogin:
    """Join the workshop as `team` with the room's join code (`code`, else `KATA_JOIN_CODE`); the token is kept."""
    environ = os.environ if environ is None else environ
    code = (code or environ.get(CODE_ENV) or "").strip()
    if not code:
        raise WorkshopCallFailed(f"joining needs the room's join code (the facilitator shows it): set {CODE_ENV}")
    body = {"name": team.name, "code": code}
    joined = call("POST", f"{team.server}/__workshop/teams", body, timeout=JOIN_TIMEOUT, ca_bundle=team.ca_bundle)
    team = TeamLogin(team.server, str(joined["name"]), str(joined["token"]), team.local, team.ca_bundle)
    write_state(root, team)
    return team


def whoami(team: TeamLogin, timeout: float = JOIN_TIMEOUT) -> dict[str, Any]:
    """The team its token belongs to, and its progress, as the server knows them (checks that the token works).

    A token the room never gave, or a removed team's, is a 401 whose detail says which (WorkshopCallFailed).
    """
    url = f"{team.server}/__workshop/team"
    return dict(call("GET", url, headers=auth_headers(team), timeout=timeout, ca_bundle=team.ca_bundle))


def auth_headers(team: TeamLogin) -> dict[str, str]:
    return {TOKEN_HEADER: team.token or ""}


# The team's kitchen, for the tests -------------------------------------------------------------------


def _post_here(url: str, event: Any, timeout: float) -> tuple[int | None, str | None]:
    """Make one of the kitchen's webhook calls on this machine: (status, error)."""
    body = json.dumps(event).encode("utf-8")
    headers = {"Content-Type": "application/json", "User-Agent": "restaurant-kitchen/1.0"}
    call_ = urllib.request.Request(url, data=body, method="POST", headers=headers)
    try:
        return host.call(lambda: _status(call_, timeout)), None
    except urllib.error.HTTPError as error:
        error.close()
        return error.code, None
    except (urllib.error.URLError, OSError, ValueError) as error:
        return None, f"{type(error).__name__}: {getattr(error, 'reason', error)}"


def is_callback_here(url: str) -> bool:
    """The only calls this laptop makes for the shared kitchen: http:// to this machine, as the kitchen accepts."""
    from mock_server.resources.webhooks import CALLBACK_PATTERN

    return isinstance(url, str) and re.fullmatch(CALLBACK_PATTERN, url) is not None


def make_waiting_calls(team: TeamLogin) -> int:
    """Make, on this machine, the webhook calls the team's kitchen has waiting; report each answer.

    A call to anything but an address on this machine is not made (a server that is not the kata's
    could name one): it is reported as refused.
    """
    headers = auth_headers(team)
    waiting = call("GET", f"{team.server}/__workshop/deliveries", headers=headers, ca_bundle=team.ca_bundle)
    for delivery in waiting.get("items", []):
        if is_callback_here(delivery.get("url")):
            status, error = _post_here(str(delivery["url"]), delivery["event"], TIMEOUT)
        else:
            status, error = None, "not made: the laptop only calls http:// addresses on itself (127.0.0.1, localhost)"
        result: dict[str, Any] = {"status": status}
        if error:
            result["error"] = error[:500]
        url = f"{team.server}/__workshop/deliveries/{delivery['id']}"
        call("POST", url, result, headers=headers, ca_bundle=team.ca_bundle)
    return int(waiting.get("count", 0))


def team_kitchen(url: str, team: TeamLogin) -> Any:
    """A `KitchenClient` for the team's kitchen on the shared server, which makes the kitchen's webhook calls here.

    The shared kitchen cannot reach this laptop: when advancing its clock makes orders ready, it
    keeps their callback calls waiting for the team (mock_server.workshop.relay). Right after each
    advance, this kitchen makes them on this machine and reports the answers, so the test sees the
    calls made and journaled when `advance()` returns, as with a kitchen of its own.
    """
    from kata.kitchen.client import KitchenClient, KitchenError

    class TeamKitchen(KitchenClient):
        opener = tls.opener(url, team.ca_bundle)

        def advance(self, seconds: float) -> float:
            now = super().advance(seconds)
            try:
                make_waiting_calls(team)
            except WorkshopCallFailed as error:
                raise KitchenError(f"The kitchen's webhook calls could not be made here: {error}") from None
            return now

    return TeamKitchen(url)
