"""``/__workshop/teams``: joining, the teams list, one team's progress, and removing a team."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify, request

from mock_server.contract.declare import Body, path_param
from mock_server.contract.documented import ok, use
from mock_server.contract.problems import ApiError
from mock_server.contract.validation import path_id
from mock_server.workshop import names, notepads
from mock_server.workshop.access import (
    current_team,
    is_facilitator,
    refused,
    registry,
    relay,
    require_facilitator,
    team_or_none,
    team_path,
)
from mock_server.workshop.models import (
    FACILITATOR,
    FACILITATOR_HEADERS,
    REMOVED,
    TEAM,
    TEAM_HEADERS,
    TEAM_INPUT,
    UNWRITABLE,
    route,
)
from mock_server.workshop.registry import WorkshopError
from mock_server.workshop.team_progress import Team

bp = Blueprint("workshop_teams", __name__)

TEAM_NAME = path_param("name", "A team's name, as it joined.", {"type": "string"})
TEAM_ID = path_param(
    "team_id", "The team's id, from GET /__workshop/teams or the board.", {"type": "integer", "minimum": 1}
)


def _count_the_attempt() -> None:
    registry().joins.take(request.remote_addr)  # every attempt counts, right code or wrong: 429 past the budget


@route(
    bp,
    "POST",
    "/__workshop/teams",
    "joinWorkshop",
    "Join the workshop: a team name for a token and a kitchen of your own",
    {
        "201": ok("TeamJoined", "Joined. Keep the token.", "Location"),
        "409": use("Conflict"),
        "429": use("TooManyRequests"),
        **UNWRITABLE,
    },
    description="Needs the join code the facilitator hands out (403 when wrong). 409 when the name is "
    "taken or the room is full. Joins are rate-limited per address and for the room: 429 with Retry-After.",
    body=TEAM_INPUT,
    security=[],
    before=_count_the_attempt,
    example={"path": "/__workshop/teams", "body": {"name": "Ada & Grace", "code": "JOIN-CODE"}, "status": 201},
)
def join(body: Body) -> Response:
    name = (body.draft or {}).get("name")
    if isinstance(name, str) and (wrong := names.problem(name)):  # what the pattern cannot say: NFKC's length
        body.check.error("name", wrong)
    fields = body.value
    room = registry()
    if not room.is_join_code(fields["code"]):
        raise ApiError(
            "forbidden",
            "Wrong join code.",
            hint="The facilitator shows the code (on the board and when the server starts): "
            "`kata join URL TEAM-NAME --code CODE`.",
        )
    try:
        team = room.join(fields["name"])
    except WorkshopError as error:
        raise refused(error) from None
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
    response.headers["Location"] = team_path(team)
    response.headers["Cache-Control"] = "no-store"
    return response


@route(
    bp,
    "GET",
    "/__workshop/teams",
    "listTeams",
    "Every team, with its token and progress (facilitator)",
    {"200": ok("Teams", "The teams, in joining order.")},
    security=FACILITATOR,
    example={"path": "/__workshop/teams", "headers": FACILITATOR_HEADERS},
)
def list_teams() -> Response:
    require_facilitator()
    room = registry()
    teams = [{**room.summary(team), "token": team.token} for team in room.teams()]
    response = jsonify({"items": teams, "count": len(teams)})
    response.headers["Cache-Control"] = "no-store"
    return response


def _find(name: str) -> Team:
    team = registry().by_name(name)
    if team is None:
        raise ApiError("not-found", f"No team called {name!r} has joined.", hint="GET /__workshop/teams lists them.")
    return team


@route(
    bp,
    "GET",
    "/__workshop/teams/{name}",
    "getTeam",
    "One team's progress (the team itself, or the facilitator)",
    {"200": ok("TeamDetail", "The team's latest results."), "404": use("NotFound")},
    params=[TEAM_NAME],
    security=[*TEAM, *FACILITATOR],
    example={"path": "/__workshop/teams/Ada%20%26%20Grace", "headers": TEAM_HEADERS},
)
def get_team(name: str) -> Response:
    caller = team_or_none()
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
                hint=f"Ask for your own: GET {team_path(caller)}.",
            )
    team = _find(name)
    return jsonify({**registry().summary(team), "results": dict(team.results)})


@route(
    bp,
    "DELETE",
    "/__workshop/teams/{name}",
    "removeTeam",
    "Remove a team from the room and the board (facilitator)",
    {"204": REMOVED, "404": use("NotFound"), **UNWRITABLE},
    params=[TEAM_NAME],
    security=FACILITATOR,
    example={"path": "/__workshop/teams/Typo%20Team", "headers": FACILITATOR_HEADERS, "status": 204},
)
def remove_team(name: str) -> Response:
    require_facilitator()
    return _remove(_find(name))


@route(
    bp,
    "DELETE",
    "/__workshop/teams/by-id/{team_id}",
    "removeTeamById",
    "Remove a team by its id, for a name nobody can type (facilitator)",
    {"204": REMOVED, "404": use("NotFound"), **UNWRITABLE},
    params=[TEAM_ID],
    security=FACILITATOR,
    example={"path": "/__workshop/teams/by-id/99", "headers": FACILITATOR_HEADERS, "status": 404},
)
def remove_team_by_id(team_id: str) -> Response:
    """For a name nobody can type (the teams list and the board give every team's id)."""
    require_facilitator()
    team = registry().by_id(path_id(team_id, "team"))
    if team is None:
        raise ApiError("not-found", f"No team has the id {team_id}.", hint="GET /__workshop/teams lists them.")
    return _remove(team)


def _remove(team: Team) -> Response:
    registry().remove_team(team)
    relay().forget(team.id)
    if (desk := notepads.desk_of(current_app)) is not None:
        desk.forget(team.id)  # what it sent for the facilitator goes with it
    current_app.extensions["mock_server.free_kitchen"](team.tenant)  # its kitchen's memory is freed
    return Response(status=204)
