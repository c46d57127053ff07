"""The learner's side of workshop mode: the room's shared kitchen, and reports to the facilitator's board.

Two ways to say "we are team NAME in the workshop at URL":

- `kata join URL NAME`, which joins and keeps the team's token in `.kata/workshop.json`;
- `KATA_SERVER=URL` and `KATA_TEAM=NAME` in the environment (joined on first use,
  the token kept in the same file). `KATA_SERVER=off` runs without the workshop.

Joining needs the room's join code, which the facilitator shows: `kata join` asks for it
(or takes `--code`), and a first use through the environment reads `KATA_JOIN_CODE`.

Then the `kitchen_server` fixture hands the tests the team's kitchen on the
shared server (`URL/t/<token>`) instead of starting one, and every learner run
(`--target exercises`) reports each exercise's result when it ends. Nothing
here may fail or slow a learner's run: each call has a short timeout, and a
server that cannot be reached costs one line at the end of the output (the
run then uses a kitchen of its own, as without the workshop).

Only the standard library talks to the server: requests-mock patches
`requests` during the tests.
"""

from __future__ import annotations

import json
import os
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

STATE_FILE = Path(".kata") / "workshop.json"
SERVER_ENV = "KATA_SERVER"
TEAM_ENV = "KATA_TEAM"
CODE_ENV = "KATA_JOIN_CODE"
TOKEN_HEADER = "X-Kata-Team-Token"
TIMEOUT = 2.0  # a test run's calls: never slow a learner's run down for long
JOIN_TIMEOUT = 5.0  # `kata join`, which a learner runs once and waits for
OFF = ("", "0", "off", "no", "none", "false")

# The workshop server is on the room's network: never send its calls through an HTTP proxy.
_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class WorkshopError(Exception):
    """The workshop server could not be reached, or refused; the message says what to do."""


@dataclass
class Team:
    server: str  # e.g. http://192.168.1.20:8000
    name: str
    token: str | None = None

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
    method: str, url: str, body: Any = None, headers: dict[str, str] | None = None, timeout: float = TIMEOUT
) -> Any:
    """One JSON call to the workshop server; WorkshopError with the problem's detail on any failure."""
    data = None if body is None else json.dumps(body).encode("utf-8")
    sent = {"Accept": "application/json", **(headers or {})}
    if data is not None:
        sent["Content-Type"] = "application/json"
    request = urllib.request.Request(url, data=data, method=method, headers=sent)
    try:
        with _opener.open(request, timeout=timeout) as response:
            raw = response.read()
    except urllib.error.HTTPError as error:
        try:
            problem = json.loads(error.read() or b"{}")
        except ValueError:
            problem = {}
        finally:
            error.close()
        detail = problem.get("detail") or f"{error.code} {error.reason}"
        hint = problem.get("hint")
        raise WorkshopError(f"{detail}" + (f" ({hint})" if hint else "")) from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        raise WorkshopError(f"{url.split('/t/')[0].split('/__workshop')[0]} cannot be reached: {reason}") from None
    return json.loads(raw) if raw else None


# Where the team's settings live ---------------------------------------------------------------------


def read_state(root: Path) -> dict[str, Any]:
    try:
        data = json.loads((root / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_state(root: Path, team: Team) -> Path:
    path = root / STATE_FILE
    path.parent.mkdir(exist_ok=True)
    temporary = path.with_suffix(".tmp")
    data = {"server": team.server, "team": team.name, "token": team.token}
    temporary.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    os.replace(temporary, path)
    return path


def forget(root: Path) -> bool:
    try:
        (root / STATE_FILE).unlink()
    except FileNotFoundError:
        return False
    return True


def configured(root: Path, environ: Any = None) -> Team | None:
    """The team this kata runs as, from the environment or `.kata/workshop.json`; None without a workshop."""
    environ = os.environ if environ is None else environ
    stored = read_state(root)
    server = environ.get(SERVER_ENV)
    if server is not None and server.strip().lower() in OFF:
        return None
    if server is None:
        if not stored.get("server") or not stored.get("team"):
            return None
        return Team(str(stored["server"]), str(stored["team"]), stored.get("token") or None)
    name = environ.get(TEAM_ENV) or stored.get("team")
    if not name:
        raise WorkshopError(f"{SERVER_ENV} is set but not {TEAM_ENV}: which team are you? (or `kata join URL NAME`)")
    team = Team(normalise_server(server), " ".join(str(name).split()))
    if stored.get("server") == team.server and str(stored.get("team", "")).casefold() == team.name.casefold():
        team.token = stored.get("token") or None
    return team


def join(root: Path, team: Team, code: str | None = None, environ: Any = None) -> Team:
    """Join the workshop as `team` with the room's join code (`code`, else `KATA_JOIN_CODE`); the token is kept."""
    environ = os.environ if environ is None else environ
    code = (code or environ.get(CODE_ENV) or "").strip()
    if not code:
        raise WorkshopError(f"joining needs the room's join code (the facilitator shows it): set {CODE_ENV}")
    body = {"name": team.name, "code": code}
    joined = call("POST", f"{team.server}/__workshop/teams", body, timeout=JOIN_TIMEOUT)
    team = Team(team.server, str(joined["name"]), str(joined["token"]))
    write_state(root, team)
    return team


def whoami(team: Team) -> dict[str, Any]:
    """The team's progress as the server knows it (checks that the token still works)."""
    from urllib.parse import quote

    url = f"{team.server}/__workshop/teams/{quote(team.name, safe='')}"
    return dict(call("GET", url, headers=_auth(team), timeout=JOIN_TIMEOUT))


def _auth(team: Team) -> dict[str, str]:
    return {TOKEN_HEADER: team.token or ""}


# The team's kitchen, for the tests -------------------------------------------------------------------


def _post_here(url: str, event: Any, timeout: float) -> tuple[int | None, str | None]:
    """Make one of the kitchen's webhook calls on this machine: (status, error)."""
    body = json.dumps(event).encode("utf-8")
    headers = {"Content-Type": "application/json", "User-Agent": "restaurant-kitchen/1.0"}
    call_ = urllib.request.Request(url, data=body, method="POST", headers=headers)
    try:
        with _opener.open(call_, timeout=timeout) as answer:
            return answer.status, None
    except urllib.error.HTTPError as error:
        error.close()
        return error.code, None
    except (urllib.error.URLError, OSError, ValueError) as error:
        return None, f"{type(error).__name__}: {getattr(error, 'reason', error)}"


def is_callback_here(url: str) -> bool:
    """The only calls this laptop makes for the shared kitchen: http:// to this machine, as the kitchen accepts."""
    from mock_server.webhooks import CALLBACK_PATTERN

    return isinstance(url, str) and re.fullmatch(CALLBACK_PATTERN, url) is not None


def make_waiting_calls(team: Team) -> int:
    """Make, on this machine, the webhook calls the team's kitchen has waiting; report each answer.

    A call to anything but an address on this machine is not made (a server that is not the kata's
    could name one): it is reported as refused.
    """
    headers = _auth(team)
    waiting = call("GET", f"{team.server}/__workshop/deliveries", headers=headers)
    for delivery in waiting.get("items", []):
        if is_callback_here(delivery.get("url")):
            status, error = _post_here(str(delivery["url"]), delivery["event"], TIMEOUT)
        else:
            status, error = None, "not made: the laptop only calls http:// addresses on itself (127.0.0.1, localhost)"
        result: dict[str, Any] = {"status": status}
        if error:
            result["error"] = error[:500]
        call("POST", f"{team.server}/__workshop/deliveries/{delivery['id']}", result, headers=headers)
    return int(waiting.get("count", 0))


def team_kitchen(url: str, team: Team) -> Any:
    """A `Kitchen` for the team's kitchen on the shared server, which makes the kitchen's webhook calls here.

    The shared kitchen cannot reach this laptop: when advancing its clock makes orders ready, it
    keeps their callback calls waiting for the team (mock_server.workshop.relay). Right after each
    advance, this kitchen makes them on this machine and reports the answers, so the test sees the
    calls made and journaled when `advance()` returns, as with a kitchen of its own.
    """
    from kata.kitchen import Kitchen, KitchenError

    class TeamKitchen(Kitchen):
        def advance(self, seconds: float) -> float:
            now = super().advance(seconds)
            try:
                make_waiting_calls(team)
            except WorkshopError as error:
                raise KitchenError(f"The kitchen's webhook calls could not be made here: {error}") from None
            return now

    return TeamKitchen(url)


# During a test run ---------------------------------------------------------------------------------

RESULT_STATES = {"done": "done", "in progress": "failing", "not started": "not-started"}


class Session:
    """The workshop for one pytest run: the shared kitchen (joined on first use) and the report at the end."""

    def __init__(self, root: Path, team: Team | None, error: str | None = None) -> None:
        self.root = root
        self.team = team
        self.unreachable: str | None = error
        self.notes: list[str] = []

    @classmethod
    def start(cls, root: Path, environ: Any = None) -> Session:
        try:
            return cls(root, configured(root, environ))
        except WorkshopError as error:
            return cls(root, None, str(error))

    @property
    def active(self) -> bool:
        """A workshop is configured (or misconfigured: the run says so at the end)."""
        return self.team is not None or self.unreachable is not None

    def kitchen(self, url: str) -> Any:
        """The `Kitchen` the tests get for `url`: the team's (with webhook relay) when it is the shared one."""
        if self.team is not None and self.team.token and url == self.team.kitchen:
            return team_kitchen(url, self.team)
        from kata.kitchen import Kitchen

        return Kitchen(url)

    def kitchen_url(self) -> str | None:
        """The team's kitchen on the shared server; None (and a note) if it cannot be used."""
        if self.team is None or self.unreachable:
            return None
        try:
            if not self.team.token:
                self.team = join(self.root, self.team)
            call("GET", f"{self.team.kitchen}/health", timeout=TIMEOUT)
        except WorkshopError as error:
            self.unreachable = str(error)
            return None
        return self.team.kitchen

    def report(self, results: dict[str, str], *, whole_kata: bool, target: str) -> None:
        """Send a run's results (exercise name -> done/failing/not-started); a note says how it went."""
        if self.team is None or not results or self.unreachable:
            return
        try:
            if not self.team.token:
                self.team = join(self.root, self.team)
            body = {"results": results, "target": target, "whole_kata": whole_kata}
            summary = call("POST", f"{self.team.server}/__workshop/reports", body, headers=_auth(self.team))
        except WorkshopError as error:
            self.unreachable = str(error)
            return
        self.notes.append(
            f"workshop: reported to {self.team.server} as team {self.team.name!r} "
            f"({summary.get('done', '?')}/{summary.get('total', '?')} done)."
        )

    def summary_lines(self) -> list[str]:
        if self.unreachable:
            where = f" as team {self.team.name!r}" if self.team else ""
            return [
                f"workshop: not reported{where}: {self.unreachable}. "
                "This run used a kitchen on your laptop (`kata join --leave` or KATA_SERVER=off: no workshop)."
            ]
        return list(self.notes)


def results_of(reporter: Any, catalogue: Any) -> dict[str, str]:
    """Exercise name -> workshop status, from the focus reporter's per-exercise tallies of this run."""
    by_number = {exercise.number: exercise for exercise in catalogue.exercises}
    found = {}
    for number, result in reporter.results.items():
        exercise = by_number.get(number)
        if exercise is not None:
            found[exercise.name] = RESULT_STATES.get(result.state, "failing")
    return found


class Plugin:
    """Registered by `kata.pytest_plugin` when a workshop is configured: the report, and its line of output."""

    def __init__(self, session: Session, reporter: Any, catalogue: Any, target: str) -> None:
        self.session = session
        self.reporter = reporter
        self.catalogue = catalogue
        self.target = target

    def pytest_report_header(self) -> str | None:
        team = self.session.team
        return f"workshop: team {team.name!r} at {team.server}" if team else None

    def pytest_sessionfinish(self) -> None:
        if self.target != "exercises":
            return  # the reference solutions' results are nobody's progress
        self.session.report(
            results_of(self.reporter, self.catalogue), whole_kata=self.reporter.whole_kata, target=self.target
        )

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        for line in self.session.summary_lines():
            terminalreporter.write_line(line, yellow=bool(self.session.unreachable))
