"""What a team's run sends the room: its results (``/__workshop/reports``), and its kitchen's webhook calls,
made on the team's laptop (``/__workshop/deliveries``, through ``relay``)."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify

from mock_server.contract.declare import Body, path_param, query
from mock_server.contract.documented import ok, use
from mock_server.contract.problems import ApiError
from mock_server.contract.schema import number
from mock_server.contract.validation import path_id
from mock_server.workshop import notepads
from mock_server.workshop.access import current_team, refused, registry, relay
from mock_server.workshop.models import DELIVERY_RESULT, REPORT_INPUT, TEAM, TEAM_HEADERS, UNWRITABLE, route
from mock_server.workshop.registry import WorkshopError

bp = Blueprint("workshop_reports", __name__)

MAX_WAIT = 5.0


def _a_team() -> None:
    current_team()  # 401 before the body is read: a stranger learns nothing of what the body should be


@route(
    bp,
    "POST",
    "/__workshop/reports",
    "reportResults",
    "Report a test run's results per exercise (the team)",
    {"200": ok("ReportSummary", "Recorded; the team's progress now."), **UNWRITABLE},
    description="Each exercise named replaces the team's earlier result for it; the others stay. "
    "The kata's pytest plugin sends one at the end of every run.",
    body=REPORT_INPUT,
    security=TEAM,
    before=_a_team,
    example={
        "path": "/__workshop/reports",
        "headers": TEAM_HEADERS,
        "body": {"results": {"ex01_anatomy_of_a_request": "done", "ex02_status_classes": "failing"}},
    },
)
def report(body: Body) -> Response:
    team = current_team()
    fields = body.value
    try:
        summary = registry().report(team, fields["results"], fields.get("kitchen"))
    except WorkshopError as error:
        raise refused(error) from None
    desk = notepads.desk_of(current_app)  # the facilitator opened this team's notepad: its kata sends it now
    return jsonify({**summary, "notepad_wanted": desk is not None and desk.wanted(team.id)})


@route(
    bp,
    "GET",
    "/__workshop/deliveries",
    "takeDeliveries",
    "The kitchen's webhook calls for the team to make on its laptop (the team)",
    {
        "200": ok("Deliveries", "The calls waiting (taken now: each is handed out once)."),
        "429": use("TooManyRequests"),
    },
    description="A team's kitchen cannot reach the team's laptop, so its webhook calls wait here (and in "
    "its journal, with an error saying so) for the kata's tests, which take them right after advancing the "
    "clock, make them on the laptop, and report each answer. `wait` (seconds, at most 5) waits for a call "
    "when none is waiting yet; such a wait counts among the team's slow requests (429 past the cap).",
    params=[query("wait", number(0, MAX_WAIT), "Seconds to wait for a call (0 to 5).")],
    security=TEAM,
    example={"path": "/__workshop/deliveries?wait=0", "headers": TEAM_HEADERS},
)
def take_deliveries(query: dict) -> Response:
    team = current_team()
    wait = query.get("wait") or 0.0
    if wait > 0:  # a long poll holds a worker: it counts among the team's slow requests
        with current_app.extensions["mock_server.workshop.slow"].waiting(team.tenant, wait):
            taken = relay().take(team.id, wait)
    else:
        taken = relay().take(team.id)
    items = [delivery.to_json() for delivery in taken]
    return jsonify({"items": items, "count": len(items)})


@route(
    bp,
    "POST",
    "/__workshop/deliveries/{delivery_id}",
    "completeDelivery",
    "How a webhook call went, made on the team's laptop (the team)",
    {"204": {"description": "Recorded: the kitchen journals it."}, "404": use("NotFound")},
    params=[
        path_param("delivery_id", "A call's id from GET /__workshop/deliveries.", {"type": "integer", "minimum": 1})
    ],
    body=DELIVERY_RESULT,
    security=TEAM,
    before=_a_team,
    example={"path": "/__workshop/deliveries/1", "headers": TEAM_HEADERS, "body": {"status": 204}, "status": 404},
)
def complete_delivery(delivery_id: str, body: Body) -> Response:
    team = current_team()
    number = path_id(delivery_id, "delivery")
    fields = body.value
    if not relay().complete(team.id, number, fields["status"], fields.get("error")):
        raise ApiError(
            "not-found",
            f"There is no call {delivery_id} waiting for your team: answered already, or given up on.",
            hint="The kitchen waits a few seconds for each call; take them with GET /__workshop/deliveries.",
        )
    return Response(status=204)
