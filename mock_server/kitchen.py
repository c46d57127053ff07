"""The kitchen: opening hours (/health), the cooking timeline and a slow endpoint.

Orders are cooked lazily: an order's status is computed from the clock when it
is read (received -> cooking -> ready), so no background thread is needed and
a manual clock makes it deterministic.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify

from .data import MENU
from .pause import pause
from .store import current_state
from .validation import query_args, query_number

bp = Blueprint("kitchen", __name__)

STATES = ("received", "cooking", "ready", "served")


def status_at(order: dict, now: float) -> str:
    """The status of ``order`` at clock time ``now``."""
    if order["served_at"] is not None:
        return "served"
    cook = order["cook"]
    elapsed = now - order["created"]
    if elapsed < cook["received"]:
        return "received"
    if elapsed < cook["received"] + cook["cooking"]:
        return "cooking"
    return "ready"


def seconds_until_ready(order: dict, now: float) -> float:
    cook = order["cook"]
    return max(0.0, round(order["created"] + cook["received"] + cook["cooking"] - now, 3))


@bp.get("/health")
def health() -> Response:
    # A closed restaurant is answered by hooks.before_request with a 503.
    return jsonify({"status": "open"})


@bp.get("/kitchen/specials")
def specials() -> Response:
    """Today's specials, after a real wait: the place to practise timeouts."""
    config = current_app.config
    args = query_args(("delay",))
    delay = query_number(args, "delay", 0, 10)
    if delay is None:
        delay = config["SPECIALS_DELAY"]
    delay = min(delay, config["SPECIALS_MAX_DELAY"])
    pause(delay)  # capped per team in a workshop (429)
    chosen = [dict(MENU[index]) for index in (2, 6, 15)]
    return jsonify({"items": chosen, "count": len(chosen), "waited": delay})


@bp.get("/kitchen/queue")
def queue() -> Response:
    """Orders the kitchen is still working on, oldest first."""
    state = current_state()
    with state.lock:
        now = state.clock.now()
        waiting = []
        for order in state.orders.values():
            status = status_at(order, now)
            if status in ("received", "cooking"):
                waiting.append({"order_id": order["id"], "status": status, "ready_in": seconds_until_ready(order, now)})
    return jsonify({"items": waiting, "count": len(waiting)})
