"""The kitchen's own resource, `/kitchen/...`: the queue of orders being cooked, and a slow endpoint for timeouts."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify

from mock_server.admin.pause import pause
from mock_server.contract.declare import endpoint, query
from mock_server.contract.documented import ok
from mock_server.contract.pages import answer, few_at_once, page_of, page_params, take
from mock_server.contract.schema import ID, integer, model, number, obj, ref
from mock_server.resources.order_model import STATES, seconds_until_ready, status_at
from mock_server.state.data import MENU
from mock_server.state.store import current_state

bp = Blueprint("kitchen", __name__)

SPECIALS_DELAY = 2.0  # seconds: the default wait (config SPECIALS_DELAY)
MAX_SPECIALS_DELAY = 10.0  # seconds: the largest wait a query may ask for (config SPECIALS_MAX_DELAY may lower it)

model(
    "QueueEntry",
    obj({"order_id": ID, "status": {"type": "string", "enum": list(STATES[:2])}, "ready_in": {"type": "number"}}),
)
model("Queue", page_of("QueueEntry"))
model("Specials", obj({"items": {"type": "array", "items": ref("Dish")}, "count": integer(0), "waited": number(0)}))


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
    pause(delay)  # capped per team in a workshop (429)
    chosen = [dict(MENU[index]) for index in (2, 6, 15)]
    return jsonify({"items": chosen, "count": len(chosen), "waited": delay})


@endpoint(
    bp,
    "GET",
    "/kitchen/queue",
    "getKitchenQueue",
    "Kitchen",
    "Orders still being prepared, oldest first, one page at a time",
    {"200": ok("Queue", "A page. Follow `next` (or the Link header) for more.", "Link")},
    params=page_params(),
    example={"path": "/kitchen/queue"},
)
@few_at_once
def queue(query: dict) -> Response:
    """Orders the kitchen is still working on, oldest first."""
    state = current_state()
    with state.lock:
        now = state.clock.now()
        page, cursor = take(state.orders, query, lambda order: status_at(order, now) in ("received", "cooking"))
        waiting = [
            {"order_id": order["id"], "status": status_at(order, now), "ready_in": seconds_until_ready(order, now)}
            for order in page
        ]
    return answer({"items": waiting}, cursor, query)
