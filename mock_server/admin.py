"""The admin API under /__admin/: reset, journal, faults, clock, opening hours.

Like WireMock's, these test hooks are part of the documented contract. They act
on the tenant of the request (see ``tenancy``) and are never journaled,
rate-limited or faulted.
"""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from .faults import Faults
from .hooks import JournalEntry
from .store import current_state
from .validation import Checker, json_body

bp = Blueprint("admin", __name__, url_prefix="/__admin")

MAX_ADVANCE = 10 * 365 * 86_400


@bp.post("/reset")
def reset() -> Response:
    current_state().reset()
    return Response(status=204)


@bp.get("/journal")
def journal() -> Response:
    state = current_state()
    with state.lock:
        entries = list(state.journal)
    limit = state.config["JOURNAL_BODY_LIMIT"]
    # Requests are stored raw (hooks.JournalEntry) and decoded here; other records are plain dicts.
    shown = [entry.to_json(limit) if isinstance(entry, JournalEntry) else dict(entry) for entry in entries]
    return jsonify({"entries": shown, "count": len(shown)})


@bp.delete("/journal")
def clear_journal() -> Response:
    state = current_state()
    with state.lock:
        state.journal.clear()
    return Response(status=204)


@bp.get("/faults")
def get_faults() -> Response:
    state = current_state()
    with state.lock:
        return jsonify(state.faults.to_json())


@bp.post("/faults")
def set_faults() -> Response:
    faults = Faults.parse(json_body())
    state = current_state()
    with state.lock:
        state.faults = faults
        return jsonify(faults.to_json())


@bp.delete("/faults")
def clear_faults() -> Response:
    state = current_state()
    with state.lock:
        state.faults = Faults()
    return Response(status=204)


def _clock_json() -> dict:
    clock = current_state().clock
    now = clock.now()
    return {"now": round(now, 6), "mode": clock.mode, "time": clock.isoformat(now)}


@bp.get("/clock")
def get_clock() -> Response:
    return jsonify(_clock_json())


@bp.post("/clock")
def advance_clock() -> Response:
    check = Checker()
    body = check.fields(json_body(), "", required=("advance",))
    seconds = check.number(body.get("advance"), "advance", 0, MAX_ADVANCE) if body and "advance" in body else None
    check.done()
    assert seconds is not None  # check.done() raised otherwise
    current_state().clock.advance(seconds)
    return jsonify(_clock_json())


@bp.get("/state")
def get_state() -> Response:
    state = current_state()
    with state.lock:
        return jsonify({"open": state.open, "retry_after": state.closed_retry_after})


@bp.post("/state")
def set_state() -> Response:
    check = Checker()
    body = check.fields(json_body(), "", required=("open",), optional=("retry_after",))
    is_open: bool | None = None
    retry_after: int | None = None
    if body is not None:
        if "open" in body:
            is_open = check.boolean(body["open"], "open")
        if "retry_after" in body:
            retry_after = check.integer(body["retry_after"], "retry_after", 0, 86_400)
    check.done()
    state = current_state()
    with state.lock:
        state.open = bool(is_open)
        if retry_after is not None:
            state.closed_retry_after = retry_after
    return get_state()
