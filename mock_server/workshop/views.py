"""``/__workshop/...``: joining, reports, the teams list and the facilitator's board.

Served by a small Flask app of its own (``create_workshop_app``), with the
restaurant's problem details for every error. Who is asking:

- a team: its token in ``X-Kata-Team-Token`` (or the ``/t/<token>`` prefix),
  found by ``Gate`` and left in the environ;
- the facilitator: the secret as ``Authorization: Bearer <secret>``, or the
  ``kata_facilitator`` cookie that ``GET /__workshop/board?key=<secret>`` sets
  (then redirects, so the secret does not stay on a projected address bar).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from flask import Blueprint, Flask, Response, current_app, jsonify, redirect, request
from werkzeug.wrappers import Response as BaseResponse

from mock_server.contract import problems
from mock_server.contract.problems import ApiError
from mock_server.contract.validation import Checker, json_body, path_id, query_args, query_number
from mock_server.serving.encoding import refuse_codings
from mock_server.workshop import board as board_page
from mock_server.workshop import names, notepads
from mock_server.workshop.budgets import SecretGuard, SlowGate
from mock_server.workshop.registry import (
    EXERCISE_PATTERN,
    KITCHENS,
    MAX_EXERCISES,
    STATUSES,
    Registry,
    Team,
    WorkshopError,
)
from mock_server.workshop.relay import Relay

bp = Blueprint("workshop", __name__, url_prefix="/__workshop")

COOKIE = "kata_facilitator"
FACILITATOR_CHALLENGE = 'Bearer realm="workshop facilitator"'


def create_workshop_app(registry: Registry, relay: Relay, slow: SlowGate | None = None) -> Flask:
    app = Flask("mock_server.workshop")
    app.config["MAX_CONTENT_LENGTH"] = 256 * 1024
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.extensions["mock_server.workshop"] = registry
    app.extensions["mock_server.workshop.relay"] = relay
    app.extensions["mock_server.workshop.slow"] = slow or SlowGate()
    problems.init_app(app)
    app.before_request(refuse_codings)
    app.register_blueprint(bp)
    return app


def _registry() -> Registry:
    return current_app.extensions["mock_server.workshop"]


def _refused(error: WorkshopError) -> ApiError:
    return ApiError(error.kind, error.detail, hint=error.hint)


# Who is asking ----------------------------------------------------------------------------------


def _team_or_none() -> Team | None:
    return request.environ.get("mock_server.workshop.team")


def current_team() -> Team:
    """The team whose token came with the request (401 when none or an unknown one came)."""
    team = _team_or_none()
    if team is not None:
        return team
    if request.environ.get("mock_server.workshop.token") is None:
        raise ApiError(
            "unauthorized",
            "Say which team you are: this needs your team token.",
            hint="Send it in the X-Kata-Team-Token header (`kata join URL NAME` keeps it in .kata/workshop.json).",
            headers={"WWW-Authenticate": 'KataTeam realm="workshop", header="X-Kata-Team-Token"'},
        )
    raise ApiError(
        "unauthorized",
        "This team token is unknown to the workshop: mistyped, or the team was removed.",
        hint="Join again with `kata join URL TEAM-NAME`.",
        headers={"WWW-Authenticate": 'KataTeam realm="workshop", header="X-Kata-Team-Token"'},
    )


def _facilitator_secret() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.strip().partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return None


def _guard() -> SecretGuard:
    return _registry().guesses


def is_facilitator() -> bool:
    """The secret as a bearer token, or the board's cookie (derived from it); wrong guesses are counted."""
    registry = _registry()
    secret, cookie = _facilitator_secret(), request.cookies.get(COOKIE)
    if secret is None and cookie is None:
        return False
    _guard().check(request.remote_addr)  # 429 while this address waits after wrong guesses
    right = registry.is_facilitator(secret) if secret is not None else registry.is_board_pass(cookie)
    if right:
        _guard().succeeded(request.remote_addr)
    elif registry.by_token(secret) is None:  # a team's own token is a mistake, not a guess
        _guard().failed(request.remote_addr)
    return right


def require_facilitator() -> None:
    """401 without the facilitator's secret or with a wrong one; 403 for a team's token; 429 when guessing."""
    registry = _registry()
    secret = _facilitator_secret() or request.cookies.get(COOKIE)
    if is_facilitator():
        return
    if _team_or_none() is not None or registry.by_token(secret) is not None:
        raise ApiError(
            "forbidden",
            "That is a team's token: this is for the facilitator only.",
            hint="Teams see their own progress with GET /__workshop/teams/<name>; the board is the facilitator's.",
        )
    detail = "This is for the facilitator: it needs the secret printed when the workshop server started."
    if secret:
        detail = "Wrong facilitator secret."
    raise ApiError(
        "unauthorized",
        detail,
        hint="Send `Authorization: Bearer <secret>`, or open /__workshop/board?key=<secret> in a browser once.",
        headers={"WWW-Authenticate": FACILITATOR_CHALLENGE},
    )


# Teams ------------------------------------------------------------------------------------------


def _team_path(team: Team) -> str:
    return f"/__workshop/teams/{quote(team.shown_name, safe='')}"


@bp.post("/teams")
def join() -> Response:
    registry = _registry()
    registry.joins.take(request.remote_addr)  # every attempt counts, right code or wrong: 429 past the budget
    check = Checker()
    body = check.fields(json_body(), "", required=("name", "code"))
    name = check.string(body.get("name"), "name", names.MAX_LENGTH) if body and "name" in body else None
    code = check.string(body.get("code"), "code", 64) if body and "code" in body else None
    wrong = names.problem(name) if name is not None else None
    if wrong:
        check.error("name", wrong)
    check.done()
    assert name is not None and code is not None  # check.done() raised otherwise
    if not registry.is_join_code(code):
        raise ApiError(
            "forbidden",
            "Wrong join code.",
            hint="The facilitator shows the code (on the board and when the server starts): "
            "`kata join URL TEAM-NAME --code CODE`.",
        )
    try:
        team = registry.join(name)
    except WorkshopError as error:
        raise _refused(error) from None
    kitchen = f"/t/{team.token}"
    response = jsonify(
        {
            "id": team.id,
            "name": team.name,
            "token": team.token,
            "kitchen": kitchen,
            "base_url": request.host_url.rstrip("/") + kitchen,
        }
    )
    response.status_code = 201
    response.headers["Location"] = _team_path(team)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/teams")
def list_teams() -> Response:
    require_facilitator()
    registry = _registry()
    teams = [{**registry.summary(team), "token": team.token} for team in registry.teams()]
    response = jsonify({"items": teams, "count": len(teams)})
    response.headers["Cache-Control"] = "no-store"
    return response


def _find(name: str) -> Team:
    team = _registry().by_name(name)
    if team is None:
        raise ApiError("not-found", f"No team called {name!r} has joined.", hint="GET /__workshop/teams lists them.")
    return team


@bp.get("/teams/<name>")
def get_team(name: str) -> Response:
    caller = _team_or_none()
    if not is_facilitator():
        if caller is None and request.environ.get("mock_server.workshop.token") is not None:
            current_team()  # an unknown team token: 401
        if caller is None:
            require_facilitator()  # raises the right 401/403
        assert caller is not None
        if names.key(caller.name) != names.key(name):
            raise ApiError(
                "forbidden",
                f"You are team {caller.shown_name!r}: the progress of {name!r} is not yours to see.",
                hint=f"Ask for your own: GET {_team_path(caller)}.",
            )
    team = _find(name)
    registry = _registry()
    return jsonify({**registry.summary(team), "results": dict(team.results)})


@bp.delete("/teams/<name>")
def remove_team(name: str) -> Response:
    require_facilitator()
    return _remove(_find(name))


@bp.delete("/teams/by-id/<team_id>")
def remove_team_by_id(team_id: str) -> Response:
    """For a name nobody can type (the teams list and the board give every team's id)."""
    require_facilitator()
    team = _registry().by_id(path_id(team_id, "team"))
    if team is None:
        raise ApiError("not-found", f"No team has the id {team_id}.", hint="GET /__workshop/teams lists them.")
    return _remove(team)


def _remove(team: Team) -> Response:
    _registry().remove_team(team)
    _relay().forget(team.id)
    if (desk := notepads.desk_of(current_app)) is not None:
        desk.forget(team.id)  # what it sent for the facilitator goes with it
    current_app.extensions["mock_server.free_kitchen"](team.tenant)  # its kitchen's memory is freed
    return Response(status=204)


# Reports ----------------------------------------------------------------------------------------


@bp.post("/reports")
def report() -> Response:
    team = current_team()
    check = Checker()
    body = check.fields(json_body(), "", required=("results",), optional=("target", "whole_kata", "kitchen"))
    results: dict[str, str] = {}
    if body is not None and "results" in body:
        raw = body["results"]
        if not isinstance(raw, dict) or not 1 <= len(raw) <= MAX_EXERCISES:
            check.error("results", f"must be an object of 1 to {MAX_EXERCISES} exercise names and their status")
        else:
            for exercise, status in raw.items():
                if not _valid_name(exercise):
                    check.error(f"results.{exercise[:80]}", "is not an exercise name like ex03_is_it_open")
                elif status not in STATUSES:
                    check.error(f"results.{exercise}", f"must be one of {', '.join(STATUSES)}, got {status!r}")
                else:
                    results[exercise] = status
    if body is not None and "target" in body:
        check.string(body["target"], "target", 20)
    if body is not None and "whole_kata" in body:
        check.boolean(body["whole_kata"], "whole_kata")
    kitchen = body.get("kitchen") if body is not None else None
    if body is not None and "kitchen" in body and (not isinstance(kitchen, str) or kitchen not in KITCHENS):
        check.error(
            "kitchen", f"must be one of {', '.join(KITCHENS)} (where the run's kitchen was), got {kitchen!r}"[:300]
        )
    check.done()
    try:
        summary = _registry().report(team, results, kitchen)
    except WorkshopError as error:
        raise _refused(error) from None
    desk = notepads.desk_of(current_app)  # the facilitator opened this team's notepad: its kata sends it now
    return jsonify({**summary, "notepad_wanted": desk is not None and desk.wanted(team.id)})


def _valid_name(name: Any) -> bool:
    return isinstance(name, str) and re.fullmatch(EXERCISE_PATTERN, name) is not None


# The board --------------------------------------------------------------------------------------


@bp.get("/progress")
def progress() -> Response:
    require_facilitator()
    response = jsonify(_registry().board())
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/board")
def board() -> BaseResponse:
    key = request.args.get("key")
    if key is not None:
        _guard().check(request.remote_addr)
        if not _registry().is_facilitator(key):
            _guard().failed(request.remote_addr)
            raise ApiError(
                "unauthorized",
                "Wrong facilitator secret in ?key=.",
                hint="Copy the board address printed when the workshop server started.",
                headers={"WWW-Authenticate": FACILITATOR_CHALLENGE},
            )
        response = redirect(request.script_root + "/__workshop/board", code=303)
        _guard().succeeded(request.remote_addr)
        response.set_cookie(COOKIE, _registry().board_pass, httponly=True, samesite="Strict", path="/__workshop")
        return response
    require_facilitator()
    response = Response(
        board_page.render(_registry().stuck_after, _registry().join_code, board_page.join_url(request.host_url)),
        mimetype="text/html",
    )
    response.headers["Cache-Control"] = "no-store"
    return response


# Webhooks, relayed through the team's laptop (relay) --------------------------------------------

MAX_WAIT = 5.0


def _relay() -> Relay:
    return current_app.extensions["mock_server.workshop.relay"]


@bp.get("/deliveries")
def take_deliveries() -> Response:
    team = current_team()
    wait = query_number(query_args(("wait",)), "wait", 0, MAX_WAIT) or 0.0
    if wait > 0:  # a long poll holds a worker: it counts among the team's slow requests
        with current_app.extensions["mock_server.workshop.slow"].waiting(team.tenant, wait):
            taken = _relay().take(team.id, wait)
    else:
        taken = _relay().take(team.id)
    items = [delivery.to_json() for delivery in taken]
    return jsonify({"items": items, "count": len(items)})


@bp.post("/deliveries/<delivery_id>")
def complete_delivery(delivery_id: str) -> Response:
    team = current_team()
    number = path_id(delivery_id, "delivery")
    check = Checker()
    body = check.fields(json_body(), "", required=("status",), optional=("error",))
    status = error = None
    if body is not None and "status" in body and body["status"] is not None:
        status = check.integer(body["status"], "status", 100, 599)
    if body is not None and "error" in body:
        error = check.string(body["error"], "error", 500)
    check.done()
    if not _relay().complete(team.id, number, status, error):
        raise ApiError(
            "not-found",
            f"There is no call {delivery_id} waiting for your team: answered already, or given up on.",
            hint="The kitchen waits a few seconds for each call; take them with GET /__workshop/deliveries.",
        )
    return Response(status=204)
