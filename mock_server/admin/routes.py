"""The admin API under /__admin/: reset, journal, faults, clock, opening hours.

Like WireMock's, these test hooks are part of the documented contract. They act
on the tenant of the request (see ``tenancy``) and are never journaled,
rate-limited or faulted.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify

from mock_server.admin.faults import Faults
from mock_server.admin.journal import JOURNAL_DOC, show
from mock_server.contract.declare import Body, endpoint
from mock_server.contract.documented import NO_CONTENT, ok
from mock_server.contract.schema import TIMESTAMP, integer, model, number, obj
from mock_server.resources.webhooks import deliver_due
from mock_server.state.store import current_state

bp = Blueprint("admin", __name__)

TAG = "Admin (test hooks)"
MAX_ADVANCE = 10 * 365 * 86_400
MAX_RETRY_AFTER = 86_400
CLOCK_INPUT = model("ClockInput", obj({"advance": number(0, MAX_ADVANCE)}))
model(
    "Clock", obj({"now": {"type": "number"}, "mode": {"type": "string", "enum": ["real", "manual"]}, "time": TIMESTAMP})
)
STATE_INPUT = model("AdminStateInput", obj({"open": {"type": "boolean"}}, {"retry_after": integer(0, MAX_RETRY_AFTER)}))
model("AdminState", obj({"open": {"type": "boolean"}, "retry_after": integer(0)}))


def admin(method: str, path: str, operation_id: str, summary: str, responses: dict, **declared: object):
    """``endpoint`` for an admin operation (tagged, and exempt from the rate limit and opening hours)."""
    return endpoint(bp, method, path, operation_id, TAG, summary, responses, admin=True, **declared)


@admin(
    "POST",
    "/__admin/reset",
    "reset",
    "Start afresh: everything back to opening time",
    {"204": NO_CONTENT},
    description="Tables, orders, payments, tokens, reviews, journal, faults, rate budgets and the "
    "clock go back to their initial state, and the restaurant opens.",
    example={"path": "/__admin/reset", "status": 204},
)
def reset() -> Response:
    current_state().reset()
    return Response(status=204)


@admin(
    "GET",
    "/__admin/journal",
    "getJournal",
    "Every request received (newest last), admin calls excluded",
    {"200": ok("Journal")},
    description=JOURNAL_DOC,
    example={"path": "/__admin/journal"},
)
def journal() -> Response:
    state = current_state()
    with state.lock:
        entries = list(state.journal)
    shown = [show(entry, state.config["JOURNAL_BODY_LIMIT"]) for entry in entries]
    return jsonify({"entries": shown, "count": len(shown)})


@admin(
    "DELETE",
    "/__admin/journal",
    "clearJournal",
    "Forget the journal",
    {"204": NO_CONTENT},
    example={"path": "/__admin/journal", "status": 204},
)
def clear_journal() -> Response:
    state = current_state()
    with state.lock:
        state.journal.clear()
    return Response(status=204)


@admin(
    "GET",
    "/__admin/faults",
    "getFaults",
    "The faults still armed",
    {"200": ok("Faults")},
    example={"path": "/__admin/faults"},
)
def get_faults() -> Response:
    state = current_state()
    with state.lock:
        return jsonify(state.faults.to_json())


@admin(
    "POST",
    "/__admin/faults",
    "setFaults",
    "Arm faults (replaces the previous ones)",
    {"200": ok("Faults", "The faults now armed.")},
    description="`next`: the next `count` matching requests get `status` (with Retry-After for "
    "429/503). `drop_connection`: close the socket without answering (under a real server). "
    "`latency_ms`: delay every answer. `error_rate`: a seeded share of requests get `error_status`. "
    "`rate_limit`: override the budget per client.",
    body=Faults.INPUT,
    example={
        "path": "/__admin/faults",
        "body": {"next": [{"status": 503, "count": 2, "retry_after": 1, "path": "/menu", "method": "GET"}], "seed": 42},
    },
)
def set_faults(body: Body) -> Response:
    faults = Faults.parse(body)
    state = current_state()
    with state.lock:
        state.faults = faults
        return jsonify(faults.to_json())


@admin(
    "DELETE",
    "/__admin/faults",
    "clearFaults",
    "Disarm every fault",
    {"204": NO_CONTENT},
    example={"path": "/__admin/faults", "status": 204},
)
def clear_faults() -> Response:
    state = current_state()
    with state.lock:
        state.faults = Faults()
    return Response(status=204)


def _clock_json() -> dict:
    clock = current_state().clock
    now = clock.now()
    return {"now": round(now, 6), "mode": clock.mode, "time": clock.isoformat(now)}


@admin(
    "GET", "/__admin/clock", "getClock", "The kitchen clock", {"200": ok("Clock")}, example={"path": "/__admin/clock"}
)
def get_clock() -> Response:
    return jsonify(_clock_json())


@admin(
    "POST",
    "/__admin/clock",
    "advanceClock",
    "Move the kitchen clock forward",
    {"200": ok("Clock")},
    body=CLOCK_INPUT,
    example={"path": "/__admin/clock", "body": {"advance": 60}},
)
def advance_clock(body: Body) -> Response:
    state = current_state()
    state.clock.advance(body.value["advance"])
    deliver_due(state, current_app.config)  # the webhooks the advance made due, made before the answer
    return jsonify(_clock_json())


@admin(
    "GET",
    "/__admin/state",
    "getState",
    "Is the restaurant open?",
    {"200": ok("AdminState")},
    example={"path": "/__admin/state"},
)
def get_state() -> Response:
    state = current_state()
    with state.lock:
        return jsonify({"open": state.open, "retry_after": state.closed_retry_after})


@admin(
    "POST",
    "/__admin/state",
    "setState",
    "Open or close the restaurant",
    {"200": ok("AdminState")},
    description="While closed, every endpoint but the docs and /__admin/ answers 503 with Retry-After.",
    body=STATE_INPUT,
    example={"path": "/__admin/state", "body": {"open": False, "retry_after": 30}},
)
def set_state(body: Body) -> Response:
    wanted = body.value
    state = current_state()
    with state.lock:
        state.open = wanted["open"]
        if "retry_after" in wanted:
            state.closed_retry_after = wanted["retry_after"]
    return get_state()
