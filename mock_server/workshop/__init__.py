"""Workshop mode (issue 7): one kitchen for a room of pairs, and a live board for the facilitator.

On when the app's config has ``WORKSHOP`` (``python -m mock_server --workshop``)::

    {"secret": "...",          # the facilitator's secret (16+ characters); default: the database's, or a new one
     "join_code": "...",       # what a team needs to join; default: the database's, or a new one
     "database": "room.sqlite3",  # where the room is kept (db); default ":memory:" (nothing kept)
     "restore": False,         # True: start from the newest good backup of that file (roomfile)
     "exercises": [...],       # board columns: [{"name", "number", "title", "chapter"}]; default: catalogue.toml
     "stuck_after": 600,       # seconds on one exercise before the board calls a team stuck
     "idle_after": 259200,     # seconds without a report before the board calls a team idle (course)
     "max_teams": 200,         # the most teams the room admits
     "room_bytes": 536870912,  # the kitchens' memory, together: each keeps room_bytes / max_teams (caps)
     "joins": {"burst": 5, "every": 6.0, "room_burst": 50, "room_every": 0.2}}  # the join budget (limits)

The secret and join code the room uses are written back into the settings (for the banner).
Workshop mode needs the manual clock: with the real clock the kitchen would make its webhook
calls itself, from the facilitator's machine, to any port of it a team names (``relay``).

A team joins with ``POST /__workshop/teams {"name": ..., "code": ...}`` and gets a token.
Its requests carry the token in the ``X-Kata-Team-Token`` header, or in the
path: ``/t/<token>/menu`` is ``/menu`` in the team's own kitchen, so a base
URL ``http://host:8000/t/<token>`` works for code that only takes a base URL
(the learner's). Every team has its own tenant (``tenancy.tenant_name()``):
tables, orders, payments, tokens, reviews, journal, faults, rate budgets,
clock; its ``/__admin/`` calls act on that kitchen only. Requests without a
token get 401, except those of an operation declared ``public`` (the docs).

Webhook calls of a team's kitchen are made by the team's own test run, on
its laptop, which the shared kitchen cannot reach (``relay``). A team's slow requests (specials,
latency faults, long polls) are capped (``limits.SlowGate``, through ``mock_server.admin.pause``).

The workshop's routes (``/__workshop/...``) are served by a small Flask app of its own (``room_app``):
none of the restaurant's hooks (journal, rate limit, faults, opening hours)
apply to it, so nothing a team does to its kitchen can stop its reports. ``Gate`` sends it every
request whose path its routes know. A workshop route is declared like the kitchen's, with
``models.route`` above its view in a blueprint of ``room_app.BLUEPRINTS``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable, Iterable

from flask import Flask, current_app, request
from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import RequestRedirect

from mock_server.contract.declare import current_operation
from mock_server.contract.problems import ApiError
from mock_server.serving.forwarded import TRUSTED_KEY
from mock_server.state.caps import ROOM_BYTES
from mock_server.state.tenancy import TENANT_KEY
from mock_server.workshop.budgets import JoinLimiter, Refused, SlowGate
from mock_server.workshop.course import IDLE_AFTER
from mock_server.workshop.db import Database
from mock_server.workshop.registry import Registry, WorkshopError
from mock_server.workshop.roomfile import CannotStart
from mock_server.workshop.team_progress import Team

__all__ = ["TEAM_HEADER", "Registry", "Team", "WorkshopError", "find_exercises", "init_app", "registry_of"]

TEAM_HEADER = "X-Kata-Team-Token"
TEAM_KEY = "mock_server.workshop.team"  # environ: the Team, or None
TOKEN_KEY = "mock_server.workshop.token"  # environ: the token as sent (None when none was sent)
REFUSED_KEY = "mock_server.workshop.refused"
PREFIX = "/t/"
REGISTRY_KEY = "mock_server.workshop"
CHALLENGE = 'KataTeam realm="workshop", header="X-Kata-Team-Token"'


def registry_of(app: Flask) -> Registry:
    return app.extensions[REGISTRY_KEY]


def init_app(app: Flask) -> None:
    """Turn workshop mode on when ``app.config["WORKSHOP"]`` says so (a no-op otherwise)."""
    settings = app.config.get("WORKSHOP")
    if not settings:
        return
    if app.config["CLOCK"] != "manual":
        raise ValueError(
            "workshop mode needs the manual clock: with the real clock the kitchen would call the teams' "
            "callback_url itself, from this machine (see mock_server.workshop.relay)"
        )
    exercises = settings.get("exercises")
    if exercises is None:
        exercises = find_exercises()
    if not exercises:  # the board's columns, and the only exercise names a report may give
        raise CannotStart(
            "A workshop needs the kata's catalogue.toml (the board's columns, the exercises teams may report): "
            "start the server from the kata's folder (or a folder below it)."
        )
    registry = Registry(
        settings.get("secret") or None,
        exercises,
        stuck_after=float(settings.get("stuck_after", 600)),
        idle_after=float(settings.get("idle_after", IDLE_AFTER)),
        max_teams=int(settings.get("max_teams", 200)),
        database=Database(settings.get("database") or ":memory:", restore=bool(settings.get("restore"))),
        join_code=settings.get("join_code") or None,
        joins=JoinLimiter(**settings.get("joins", {})),
    )
    settings["secret"], settings["join_code"] = registry.secret, registry.join_code
    app.config["KITCHEN_BYTES"] = int(settings.get("room_bytes", ROOM_BYTES)) // registry.max_teams  # fair share
    app.extensions[REGISTRY_KEY] = registry
    app.extensions["mock_server.slow_gate"] = SlowGate()  # read by mock_server.admin.pause
    from mock_server.workshop.relay import Relay
    from mock_server.workshop.room_app import create_workshop_app

    relay = Relay()
    app.config["WEBHOOK_SENDER"] = relay.send  # a team's webhooks go through the team's laptop (relay)
    workshop_app = create_workshop_app(registry, relay, app.extensions["mock_server.slow_gate"])
    app.extensions["mock_server.workshop_app"] = workshop_app
    # A removed team's kitchen is freed (issue 14): the store is looked up when it happens (tests replace it).
    workshop_app.extensions["mock_server.free_kitchen"] = lambda tenant: app.extensions[
        "mock_server.state.store"
    ].remove(tenant)
    # First of all before_request functions: a stranger is refused before rate limits, faults or opening hours.
    app.before_request_funcs.setdefault(None, []).insert(0, _refuse_strangers)
    app.wsgi_app = Gate(app.wsgi_app, workshop_app, registry)  # type: ignore[method-assign]


def _refuse_strangers() -> None:
    reason = request.environ.get(REFUSED_KEY)
    if reason is None and request.environ.get(TOKEN_KEY) is None:
        op = current_operation()
        reason = None if op is not None and op.public else "missing"
    if reason == "missing":
        raise ApiError(
            "unauthorized",
            "This kitchen is shared by a workshop: say which team you are.",
            hint=f"Join with `kata join URL TEAM-NAME`, then use the base URL it prints (…/t/<token>), "
            f"or send your token in the {TEAM_HEADER} header.",
            headers={"WWW-Authenticate": CHALLENGE},
        )
    if reason == "busy":
        detail, hint = busy_words(registry_of(current_app).in_flight.per_team)
        raise Refused(detail, 1, hint)
    if reason == "unknown":
        from mock_server.workshop.access import unknown_token

        raise unknown_token(request.environ.get(TOKEN_KEY))  # a removed team's token says so (course)


def busy_words(cap: int) -> tuple[str, str]:
    """The detail and hint of a team's 429 past its requests at once (said by the app, or at the door)."""
    return (
        f"Your team already has {cap} requests in the kitchen at once: at most {cap} in a workshop.",
        "Wait for an answer before you send the next request (the room shares the kitchen's workers).",
    )


def at_the_door(app: Flask) -> Callable[[str], bytes | None]:
    """For waitress' accept loop: the 429 for a connection from an address whose every team has all its
    places taken (what the app would answer anyway, before any byte is read: a client that asks again
    at once, never waiting out Retry-After, then costs the room little), else None."""
    from mock_server.serving.waitress_server import answer

    in_flight = registry_of(app).in_flight
    detail, hint = busy_words(in_flight.per_team)
    problem = {"type": "/problems/rate-limited", "title": "Too many requests", "detail": detail, "hint": hint}
    refusal = answer(429, "Too Many Requests", problem, 1)
    return lambda address: refusal if in_flight.full_at(address) else None


class Gate:
    """WSGI middleware: which team a request comes from, and which app serves it."""

    def __init__(self, restaurant: Callable[..., Any], workshop: Callable[..., Any], registry: Registry) -> None:
        self.restaurant = restaurant
        self.workshop = workshop
        self.registry = registry
        self.workshop_routes = workshop.url_map  # type: ignore[attr-defined]

    def _for_workshop(self, environ: dict[str, Any]) -> bool:
        """Whether one of the workshop's routes has this path (whatever the method)."""
        try:
            self.workshop_routes.bind_to_environ(environ).match()
        except (MethodNotAllowed, RequestRedirect):
            return True
        except NotFound:
            return False
        return True

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ.get("PATH_INFO") or "/"
        prefix = ""
        if path.startswith(PREFIX):
            token, _, rest = path[len(PREFIX) :].partition("/")
            prefix = PREFIX + token
            environ["SCRIPT_NAME"] = environ.get("SCRIPT_NAME", "") + prefix
            environ["PATH_INFO"] = path = "/" + rest
            environ.pop("HTTP_X_KATA_TEAM_TOKEN", None)
        else:
            token = environ.pop("HTTP_X_KATA_TEAM_TOKEN", None)  # popped: the team's journal never shows it
            token = token.strip() if token is not None else None
        team = self.registry.by_token(token)
        environ[TEAM_KEY] = team
        environ[TOKEN_KEY] = token
        if self._for_workshop(environ):
            return self.workshop(environ, start_response)
        entered = False
        if team is not None:
            environ[TENANT_KEY] = team.tenant
            if not environ.get(TRUSTED_KEY):  # the connection's own peer: what waitress' accept loop will see
                self.registry.in_flight.seen(environ.get("REMOTE_ADDR") or "", team.tenant)
            entered = self.registry.in_flight.enter(team.tenant)  # every request counts, not only slow ones
            if not entered:
                environ[REFUSED_KEY] = "busy"
        elif token is not None:
            environ[REFUSED_KEY] = "unknown"  # without a token: refused unless the operation is public
        if prefix:
            start_response = _prefixing_locations(start_response, environ["SCRIPT_NAME"])
        if not entered:
            return self.restaurant(environ, start_response)
        try:  # the kitchen's answers are whole bodies: once the app returns, the work is done
            return self.restaurant(environ, start_response)
        finally:
            self.registry.in_flight.leave(environ[TENANT_KEY])


def _prefixing_locations(start_response: Callable[..., Any], prefix: str) -> Callable[..., Any]:
    """``Location: /orders/7`` becomes ``/t/<token>/orders/7``, so following it stays in the team's kitchen."""

    def prefixed(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
        headers = [
            (name, prefix + value)
            if name.lower() == "location" and value.startswith("/") and not value.startswith("//")
            else (name, value)
            for name, value in headers
        ]
        return start_response(status, headers, exc_info)

    return prefixed


def find_exercises(start: Path | None = None) -> list[dict[str, Any]]:
    """The kata's exercises from the nearest catalogue.toml (here, above, or beside the package); [] if none."""
    places = [Path(start or Path.cwd()).resolve()]
    places += list(places[0].parents)
    places.append(Path(__file__).resolve().parents[2])
    for folder in places:
        path = folder / "catalogue.toml"
        if path.is_file():
            return read_catalogue(path)
    return []


def read_catalogue(path: Path) -> list[dict[str, Any]]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - 3.10
        import tomli as tomllib
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return [
            {"name": e["name"], "number": n, "title": e.get("title", e["name"]), "chapter": e.get("chapter", "")}
            for n, e in enumerate(data.get("exercises", []), start=1)
        ]
    except (OSError, ValueError, KeyError, TypeError):
        return []
