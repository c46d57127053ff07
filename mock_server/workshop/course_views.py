"""The routes of a room that lasts a course (issue 28): who a token is, progress over time, the exports.

- ``GET /__workshop/team``: the team a token belongs to (``kata join URL --token TOKEN`` on another
  day or laptop); a token never given gets 401 "unknown", a removed team's 401 "removed" (``access``).
- ``GET /__workshop/progress/timeline?every=hour|day|week``: exercises done per team over time.
- ``GET /__workshop/export.csv``, ``GET /__workshop/export/junit.zip`` and
  ``GET /__workshop/teams/by-id/<id>/junit.xml``: results for a gradebook or a CI-based classroom.

All but the first are the facilitator's (a team's token gets 403), as ``access.require_facilitator`` says.
"""

from __future__ import annotations

from datetime import datetime, timezone

from flask import Blueprint, Response, jsonify

from mock_server.contract.declare import path_param, query
from mock_server.contract.documented import ok, use
from mock_server.contract.problems import ApiError
from mock_server.contract.validation import path_id
from mock_server.workshop import course, gradebook
from mock_server.workshop.access import current_team, registry, require_facilitator
from mock_server.workshop.models import FACILITATOR, FACILITATOR_HEADERS, TEAM, TEAM_HEADERS, route

bp = Blueprint("workshop_course", __name__)

TEAM_ID = path_param(
    "team_id", "The team's id, from the board or GET /__workshop/teams.", {"type": "integer", "minimum": 1}
)
STRING = {"type": "string"}


def _download(body: str | bytes, media_type: str, name: str) -> Response:
    response = Response(body, content_type=media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "no-store"
    return response


def _stamp() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%d-%H%M")


@route(
    bp,
    "GET",
    "/__workshop/team",
    "whoAmI",
    "The team this token belongs to, and its progress (the team: kata join URL --token TOKEN)",
    {"200": ok("TeamSummary", "The team, as the board shows it.")},
    description="401 for a token the room never gave, and for a removed team's token: the detail says which.",
    security=TEAM,
    example={"path": "/__workshop/team", "headers": TEAM_HEADERS},
)
def whoami() -> Response:
    response = jsonify(registry().summary(current_team()))
    response.headers["Cache-Control"] = "no-store"
    return response


@route(
    bp,
    "GET",
    "/__workshop/progress/timeline",
    "getTimeline",
    "Exercises done per team at the end of each hour, day or week (facilitator)",
    {"200": ok("Timeline", "The course so far (the latest 400 buckets).")},
    params=[query("every", {"type": "string", "enum": list(course.EVERY)}, "The bucket: hour, day (default), week.")],
    security=FACILITATOR,
    example={"path": "/__workshop/progress/timeline?every=day", "headers": FACILITATOR_HEADERS},
)
def timeline(query: dict) -> Response:
    require_facilitator()
    response = jsonify(registry().timeline(query.get("every") or "day"))
    response.headers["Cache-Control"] = "no-store"
    return response


@route(
    bp,
    "GET",
    "/__workshop/export.csv",
    "exportCsv",
    "Every team's results as CSV, one column per exercise, for a gradebook (facilitator)",
    {"200": ok(STRING, "One row per team (attachment).", media="text/csv")},
    security=FACILITATOR,
    example={"path": "/__workshop/export.csv", "headers": FACILITATOR_HEADERS},
)
def export_csv() -> Response:
    require_facilitator()
    return _download(gradebook.csv_export(registry().board()), gradebook.CSV_TYPE, f"kata-results-{_stamp()}.csv")


@route(
    bp,
    "GET",
    "/__workshop/export/junit.zip",
    "exportJunit",
    "Every team's results as JUnit XML, one file per team, in a zip (facilitator)",
    {"200": ok(STRING, "team-<id>-<name>.xml per team (attachment).", media="application/zip")},
    security=FACILITATOR,
    example={"path": "/__workshop/export/junit.zip", "headers": FACILITATOR_HEADERS},
)
def export_junit() -> Response:
    require_facilitator()
    return _download(gradebook.junit_zip(registry().board()), gradebook.ZIP_TYPE, f"kata-junit-{_stamp()}.zip")


@route(
    bp,
    "GET",
    "/__workshop/teams/by-id/{team_id}/junit.xml",
    "exportTeamJunit",
    "One team's results as JUnit XML: done passes, failing fails, not started is skipped (facilitator)",
    {
        "200": ok(STRING, "One testsuite, one testcase per exercise (attachment).", media="application/xml"),
        "404": use("NotFound"),
    },
    params=[TEAM_ID],
    security=FACILITATOR,
    example={"path": "/__workshop/teams/by-id/99/junit.xml", "headers": FACILITATOR_HEADERS, "status": 404},
)
def team_junit(team_id: str) -> Response:
    require_facilitator()
    number = path_id(team_id, "team")
    board = registry().board()
    team = next((row for row in board["teams"] if row["id"] == number), None)
    if team is None:
        raise ApiError("not-found", f"No team has the id {number}.", hint="GET /__workshop/teams lists them.")
    return _download(gradebook.junit_xml(board, team), gradebook.XML_TYPE, gradebook.file_name(team))
