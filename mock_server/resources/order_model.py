"""What an order is: the schemas of its bodies and views, its public JSON, its lines and total.

``orders`` declares the endpoints that place, change, cancel and serve orders on top of this.
"""

from __future__ import annotations

from typing import Any

from mock_server.contract.declare import Body, Finds
from mock_server.contract.pages import page_of
from mock_server.contract.schema import ID, MONEY, TIMESTAMP, array, enum, integer, model, note, nullable, obj, ref
from mock_server.contract.validation import BIG_ID
from mock_server.resources.webhooks import CALLBACK_URL
from mock_server.state.data import DISHES_BY_ID, MENU
from mock_server.state.store import State, current_state

# Orders are cooked lazily: an order's status is computed from the clock when it is read
# (received -> cooking -> ready), so no background thread is needed and a manual clock makes it deterministic.
STATES = ("received", "cooking", "ready", "served")
MAX_LINES = 20
MAX_QUANTITY = 20
MAX_NOTES = 500
ORDER_EXAMPLE = {"table_id": "$TABLE", "items": [{"dish_id": 11, "quantity": 2}, {"dish_id": 19, "quantity": 2}]}

DISH_ID, QUANTITY = integer(1, len(MENU)), integer(1, MAX_QUANTITY)
NOTES = nullable(note(MAX_NOTES))
model("OrderItemInput", obj({"dish_id": DISH_ID, "quantity": QUANTITY}))
ITEMS = array(ref("OrderItemInput"), 1, MAX_LINES)
ORDER_INPUT = model(
    "OrderInput",
    obj({"table_id": integer(1, BIG_ID), "items": ITEMS}, {"notes": NOTES, "callback_url": nullable(CALLBACK_URL)}),
)
ORDER_PATCH = model(
    "OrderPatch",
    obj({}, {"items": ITEMS, "notes": NOTES}, minProperties=1, description="JSON merge patch: only what you send."),
)
LINE = {"dish_id": DISH_ID, "name": {"type": "string"}, "quantity": QUANTITY, "unit_price": MONEY, "line_total": MONEY}
model("OrderLine", obj(LINE))
STATUS = enum(STATES, description="received -> cooking -> ready (as kitchen time passes) -> served (POST .../serve).")
ORDER_FIELDS = {
    "id": ID,
    "table_id": integer(1),
    "items": {"type": "array", "items": ref("OrderLine")},
    "notes": nullable({"type": "string"}),
    "status": STATUS,
    "total": MONEY,
    "guest": nullable({"type": "string"}),
    "created_at": TIMESTAMP,
    "updated_at": TIMESTAMP,
    "ready_in": {"type": "number", "minimum": 0, "description": "Seconds until it should be ready."},
}
model("Order", obj(ORDER_FIELDS, {"callback_url": CALLBACK_URL}))
model("Orders", page_of("Order"))
# Money is added up in whole cents, so 0.1 + 0.2 never shows up as 0.30000000000000004.
CENTS: dict[int, int] = {dish["id"]: round(dish["price"] * 100) for dish in MENU}


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


def order_json(state: State, order: dict, now: float) -> dict[str, Any]:
    """The public view of an order at clock time ``now`` (call under the lock)."""
    view = {
        "id": order["id"],
        "table_id": order["table_id"],
        "items": [dict(line) for line in order["items"]],
        "notes": order["notes"],
        "status": status_at(order, now),
        "total": order["total"],
        "guest": order["guest"],
        "created_at": order["created_at"],
        "updated_at": order["updated_at"],
        "ready_in": seconds_until_ready(order, now) if order["served_at"] is None else 0.0,
    }
    if order.get("callback_url"):
        view["callback_url"] = order["callback_url"]
    return view


def touch(state: State, order: dict, now: float, *, created: bool = False) -> None:
    order["updated"] = now
    order["updated_at"] = state.clock.isoformat(now)
    if created:
        order["created"] = now
        order["created_at"] = order["updated_at"]


def lines_of(items: list) -> list[dict]:
    lines = []
    for item in items:
        dish = DISHES_BY_ID[item["dish_id"]]
        cents = CENTS[item["dish_id"]] * item["quantity"]
        lines.append(
            {
                "dish_id": dish["id"],
                "name": dish["name"],
                "quantity": item["quantity"],
                "unit_price": dish["price"],
                "line_total": cents / 100,
            }
        )
    return lines


def total(lines: list[dict]) -> float:
    return sum(CENTS[line["dish_id"]] * line["quantity"] for line in lines) / 100


def changes_of(state: State, body: Body) -> dict[str, Any]:
    """The checked fields of a body, with a field error for an unknown table; raises the 422 if any."""
    table_id = body.draft.get("table_id") if body.draft else None
    if isinstance(table_id, int) and table_id not in state.tables:
        body.check.error("table_id", f"there is no table {table_id}; create one with POST /tables first")
    changes = dict(body.value)
    if "items" in changes:
        changes["items"] = lines_of(changes["items"])
    return changes


FINDS_ORDER = Finds(
    "order",
    lambda state: state.orders,
    "There is no order {id}: it was never placed, or it was cancelled.",
    hint="POST /orders answers with the new order's id and its Location.",
    state=current_state,
)
