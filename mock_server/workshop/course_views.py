"""The routes of a room that lasts a course (issue 28): who a token is, progress over time, the exports.

- ``GET /__workshop/team``: the team a token belongs to (``kata join URL --token TOKEN`` on
  another day or laptop); a token never given gets 401 "unknown", a removed team's 401 "removed".
- ``GET /__workshop/progress/timeline?every=hour|day|week``: exercises done per team over time.
- ``GET /__workshop/export.csv``, ``GET /__workshop/export/junit.zip`` and
  ``GET /__workshop/teams/by-id/<id>/junit.xml``: results for a gradebook or a CI-based classroom.

All but the first are the facilitator's (a team's token gets 403), as ``views.require_facilitator`` says.
"""

from __future__ import annotations

from datetime import datetime, timezone

from flask import Blueprint, Flask, Response, jsonify, request

from mock_server.contract.problems import ApiError
from mock_server.contract.validation import path_id
from mock_server.workshop import course, gradebook
from mock_server.workshop.views import _registry, current_team, require_facilitator

bp = Blueprint("workshop_course", __name__, url_prefix="/__workshop")
CHALLENGE = 'KataTeam realm="workshop", header="X-Kata-Team-Token"'


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)


@bp.before_app_request
def _removed_team() -> None:
    """A removed team's token says so (on every workshop route), rather than "unknown"."""
    token = request.environ.get("mock_server.workshop.token")
    if token is None or request.environ.get("mock_server.workshop.team") is not None:
        return
    removed = _registry().removed_as(token)
    if removed is not None:
        raise ApiError(
            "unauthorized", removed_detail(*removed), hint=REMOVED_HINT, headers={"WWW-Authenticate": CHALLENGE}
        )


REMOVED_HINT = "Join again under a new name with `kata join URL TEAM-NAME` (ask the facilitator if this is a mistake)."


def removed_detail(name: str, at: float) -> str:
    day = datetime.fromtimestamp(at, timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return f"This token was team {name!r}'s, which the facilitator removed on {day}."


@bp.get("/team")
def whoami() -> Response:
    team = current_team()
    response = jsonify(_registry().summary(team))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/progress/timeline")
def timeline() -> Response:
    require_facilitator()
    every = request.args.get("every", "day")
    unknown = sorted(set(request.args) - {"every"})
    if unknown or every not in course.EVERY:
        raise ApiError(
            "validation-error",
            f"every: must be one of {', '.join(course.EVERY)}, got {every!r}"[:200]
            if not unknown
            else f"unknown query parameter: {unknown[0][:40]!r}",
            hint="GET /__workshop/progress/timeline?every=day (or hour, or week).",
        )
    response = jsonify(_registry().timeline(every))
    response.headers["Cache-Control"] = "no-store"
    return response


def _download(body: str | bytes, media_type: str, name: str) -> Response:
    response = Response(body, content_type=media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "no-store"
    return response


def _stamp() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%d-%H%M")


@bp.get("/export.csv")
def export_csv() -> Response:
    require_facilitator()
    return _download(gradebook.csv_export(_registry().board()), gradebook.CSV_TYPE, f"kata-results-{_stamp()}.csv")


@bp.get("/export/junit.zip")
def export_junit() -> Response:
    require_facilitator()
    return _download(gradebook.junit_zip(_registry().board()), gradebook.ZIP_TYPE, f"kata-junit-{_stamp()}.zip")


@bp.get("/teams/by-id/<team_id>/junit.xml")
def team_junit(team_id: str) -> Response:
    require_facilitator()
    number = path_id(team_id, "team_id")
    board = _registry().board()
    team = next((row for row in board["teams"] if row["id"] == number), None)
    if team is None:
        raise ApiError("not-found", f"No team has the id {number}.", hint="GET /__workshop/teams lists them.")
    return _download(gradebook.junit_xml(board, team), gradebook.XML_TYPE, gradebook.file_name(team))
