"""A team's notepad, read-only, for the facilitator: opened from the board, sent by the team when asked.

- ``GET /__workshop/notepads/<team_id>/`` (facilitator): the page. Opening it asks the team for its
  notepad (``notepads``); until the team's next run sends it, the page says it is waiting, and it
  redraws itself when the record arrives (the notepad's own live script asks ``stamp``, then ``page``).
- ``DELETE /__workshop/notepads/<team_id>/`` (facilitator): stop asking, forget the record now.
- ``PUT /__workshop/notepad`` (the team): its last run's notepad, masked on its laptop. Refused (409)
  unless the facilitator asked. Masked again here, with every team's token and the facilitator's
  secret as known secrets, and rebuilt with only what the page draws.

The page is the team's own notepad page (kata.notepad.page, standard library only: the one module of the
kata the server uses), with its strict Content-Security-Policy; teams never read it (403 with a token).
"""

from __future__ import annotations

import json
import time

from flask import Blueprint, Response, current_app

from kata.notepad.page import CSP, render
from mock_server.contract.declare import Body, path_param
from mock_server.contract.documented import ok, use
from mock_server.contract.problems import ApiError
from mock_server.contract.validation import path_id
from mock_server.workshop.access import current_team, require_facilitator
from mock_server.workshop.masking import Masker
from mock_server.workshop.models import FACILITATOR, FACILITATOR_HEADERS, NOTEPAD_UPLOAD, TEAM, html, route
from mock_server.workshop.notepads import Asked, NotepadDesk, desk_of, shape
from mock_server.workshop.team_progress import Team

MAX_VALUES = 200_000  # JSON values in an upload: a notepad has many (the body is 256 KiB at most anyway)
bp = Blueprint("workshop_notepads", __name__)
TEAM_ID = path_param(
    "team_id", "The team's id, from the board or GET /__workshop/teams.", {"type": "integer", "minimum": 1}
)
NOT_FOUND = {"404": use("NotFound")}


def _facilitator_example(path: str) -> dict:
    return {"path": path, "headers": FACILITATOR_HEADERS, "status": 404}


def _desk() -> NotepadDesk:
    found = desk_of(current_app)
    assert found is not None, "init_app first"
    return found


def _team(team_id: str) -> Team:
    team = current_app.extensions["mock_server.workshop"].by_id(path_id(team_id, "team"))
    if team is None:
        raise ApiError("not-found", f"No team has the id {team_id}.", hint="The board links each team's notepad.")
    return team


# The team sends it ------------------------------------------------------------------------------


def _a_team() -> None:
    current_team()  # 401 before the body is read


@route(
    bp,
    "PUT",
    "/__workshop/notepad",
    "sendNotepad",
    "The team's last run's notepad, which the facilitator asked to see (the team)",
    {"204": {"description": "Kept, in place of the last one, while the facilitator looks."}, "409": use("Conflict")},
    description="Only when the report of a run answered notepad_wanted: true (409 otherwise: nothing of "
    "a team's traffic is kept unless the facilitator opens its notepad). Masked on the laptop, masked "
    "again here.",
    body=NOTEPAD_UPLOAD,
    max_values=MAX_VALUES,
    security=TEAM,
    before=_a_team,
    example={
        "path": "/__workshop/notepad",
        "headers": {"X-Kata-Team-Token": "TEAM-TOKEN"},
        "body": {"runs": []},
        "status": 409,
    },
)
def upload(body: Body) -> Response:
    team = current_team()
    note = body.value.get("note")
    runs = body.raw["runs"]  # as sent: shape() keeps what the page draws
    if not _desk().wanted(team.id):
        raise ApiError(
            "conflict",
            "The facilitator has not asked to see your notepad: nothing of it is kept here.",
            hint="Your kata sends it only when the report of a run answers notepad_wanted: true.",
        )
    registry = current_app.extensions["mock_server.workshop"]
    masker = Masker([registry.secret, *(other.token for other in registry.teams())])
    record = masker.record(shape(runs, note))
    size = len(json.dumps(record, ensure_ascii=False).encode("utf-8", "replace"))
    _desk().receive(team.id, record, size, masker.count)
    return Response(status=204)


# The facilitator reads it -----------------------------------------------------------------------


def _html(team: Team, asked: Asked) -> str:
    title = f"Team {team.shown_name}'s notepad (read-only)"
    record = asked.record
    if record is None:
        note = (
            "Asked. Waiting for the team's next run: when their tests next run (kata check, kata watch or "
            "pytest), their kata sends this run's notepad, masked on their laptop, and it appears here. "
            f"Team {team.shown_name} sees their own notepad as before."
        )
        return render([], live=True, stamp=asked.stamp, title=title, note=note, empty="Nothing received yet.")
    when = time.strftime("%H:%M:%S", time.localtime(asked.received or 0))
    note = (
        f"The team's last run, as their own notepad draws it, received at {when} ({asked.size / 1024:.0f} KiB). "
        "Tokens, passwords, cookies and API keys are masked. Each run of theirs replaces it while this page is open; "
        f"closed for {_desk().lifetime / 60:g} minutes, the room stops asking and forgets it."
    )
    if record.get("note"):
        note += f" From their laptop: {record['note']}"
    empty = "Their last run recorded no exchange with the kitchen."
    return render(record["runs"], live=True, stamp=asked.stamp, title=title, note=note, empty=empty)


def _page(team_id: str) -> Response:
    require_facilitator()
    team = _team(team_id)
    response = Response(_html(team, _desk().look(team.id)), mimetype="text/html")
    return _private(response)


def _private(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@route(
    bp,
    "GET",
    "/__workshop/notepads/{team_id}/",
    "getNotepad",
    "A team's notepad, read-only (facilitator; opening it asks the team to send it)",
    {"200": html("The page: the team's last run drawn, or waiting for it."), **NOT_FOUND},
    params=[TEAM_ID],
    security=FACILITATOR,
    example=_facilitator_example("/__workshop/notepads/99/"),
)
def page(team_id: str) -> Response:
    return _page(team_id)


@route(
    bp,
    "GET",
    "/__workshop/notepads/{team_id}/page",
    "getNotepadPage",
    "The same page, fetched by its live script when the stamp changed (facilitator)",
    {"200": html("The page."), **NOT_FOUND},
    params=[TEAM_ID],
    security=FACILITATOR,
    example=_facilitator_example("/__workshop/notepads/99/page"),
)
def page_again(team_id: str) -> Response:
    """The same page, which the live script fetches when the stamp changed."""
    return _page(team_id)


@route(
    bp,
    "GET",
    "/__workshop/notepads/{team_id}/stamp",
    "getNotepadStamp",
    "A word that changes when the team's notepad arrives (facilitator)",
    {"200": ok({"type": "string"}, "The stamp.", media="text/plain"), **NOT_FOUND},
    params=[TEAM_ID],
    security=FACILITATOR,
    example=_facilitator_example("/__workshop/notepads/99/stamp"),
)
def stamp(team_id: str) -> Response:
    require_facilitator()
    asked = _desk().look(_team(team_id).id)  # a look: the ask lasts while the page is open
    return _private(Response(asked.stamp, mimetype="text/plain"))


@route(
    bp,
    "DELETE",
    "/__workshop/notepads/{team_id}/",
    "stopNotepad",
    "Stop asking for a team's notepad, and forget it (facilitator)",
    {"204": {"description": "Forgotten; the team's runs send nothing more."}, **NOT_FOUND},
    params=[TEAM_ID],
    security=FACILITATOR,
    example=_facilitator_example("/__workshop/notepads/99/"),
)
def stop(team_id: str) -> Response:
    require_facilitator()
    _desk().forget(_team(team_id).id)
    return Response(status=204)
