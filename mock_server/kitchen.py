"""The kitchen: opening hours (/health), the cooking timeline and a slow endpoint.

Orders are cooked lazily: an order's status is computed from the clock when it
is read (received -> cooking -> ready), so no background thread is needed and
a manual clock makes it deterministic.
"""

from __future__ import annotations

import time

from flask import Blueprint, Response, current_app, jsonify

from .data import MENU
from .declare import endpoint, query
from .documented import listing, ok
from .schema import ID, integer, model, number, obj, ref
from .store import current_state

bp = Blueprint("kitchen", __name__)

STATES = ("received", "cooking", "ready", "served")
SPECIALS_DELAY = 2.0  # seconds: the default wait (config SPECIALS_DELAY)
MAX_SPECIALS_DELAY = 10.0  # seconds: the largest wait a query may ask for (config SPECIALS_MAX_DELAY may lower it)

model("Health", obj({"status": {"const": "open"}}))
model(
    "QueueEntry",
    obj({"order_id": ID, "status": {"type": "string", "enum": list(STATES[:2])}, "ready_in": {"type": "number"}}),
)
model("Queue", listing("QueueEntry"))
model("Specials", obj({"items": {"type": "array", "items": ref("Dish")}, "count": integer(0), "waited": number(0)}))


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


@endpoint(
    bp,
    "GET",
    "/health",
    "getHealth",
    "Menu",
    "Is the restaurant open?",
    {"200": ok("Health", "Open.")},
    description="503 with Retry-After while the restaurant is closed (POST /__admin/state).",
    example={"path": "/health"},
)
def health() -> Response:
    # A closed restaurant is answered by hooks.before_request with a 503.
    return jsonify({"status": "open"})


@endpoint(
    bp,
    "GET",
    "/kitchen/specials",
    "getSpecials",
    "Kitchen",
    "Today's specials, slowly: practise timeouts",
    {"200": ok("Specials")},
    description=f"Waits `delay` real seconds (default {SPECIALS_DELAY:g}, at most {MAX_SPECIALS_DELAY:g}) "
    "before answering. Try `requests.get(url, timeout=1)`.",
    params=[query("delay", number(0, MAX_SPECIALS_DELAY), "Seconds to wait.")],
    example={"path": "/kitchen/specials?delay=1"},
)
def specials(query: dict) -> Response:
    """Today's specials, after a real wait: the place to practise timeouts."""
    config = current_app.config
    delay = query.get("delay", config["SPECIALS_DELAY"])
    delay = min(delay, config["SPECIALS_MAX_DELAY"])
    time.sleep(delay)
    chosen = [dict(MENU[index]) for index in (2, 6, 15)]
    return jsonify({"items": chosen, "count": len(chosen), "waited": delay})


@endpoint(
    bp,
    "GET",
    "/kitchen/queue",
    "getKitchenQueue",
    "Kitchen",
    "Orders still being prepared",
    {"200": ok("Queue")},
    example={"path": "/kitchen/queue"},
)
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
