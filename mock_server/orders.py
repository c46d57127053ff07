"""Orders: place (POST 201), poll (GET), change while received (PUT/PATCH),
cancel while received and unpaid (DELETE), and take it when ready (POST .../serve).

A bearer token is optional when placing an order: with one, the order goes on
that guest's bill (GET /guests/<username>/bill).
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify

from .auth import optional_guest
from .data import DISHES_BY_ID, MENU
from .declare import Body, endpoint, path_param, query
from .documented import NO_CONTENT, link, listing, ok, problem_response, use
from .kitchen import STATES, seconds_until_ready, status_at
from .limits import refuse_if_full
from .problems import ApiError
from .responses import created
from .schema import ID, MONEY, TIMESTAMP, array, enum, integer, model, note, nullable, obj, ref
from .store import State, current_state
from .validation import BIG_ID, PATCH_TYPES, path_id
from .webhooks import CALLBACK_URL, schedule

bp = Blueprint("orders", __name__)

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
model("Orders", listing("Order"))
ORDER_ID = path_param("order_id", "An order id from POST /orders.")
ORDER_LINKS = {
    name: link(operation_id, "order_id")
    for name, operation_id in (
        ("GetOrder", "getOrder"),
        ("ChangeOrder", "changeOrder"),
        ("CancelOrder", "cancelOrder"),
        ("ReplaceOrder", "replaceOrder"),
        ("ServeOrder", "serveOrder"),
    )
}
CHANGED = {"200": ok("Order"), "404": use("NotFound"), "409": use("Conflict")}

# Money is added up in whole cents, so 0.1 + 0.2 never shows up as 0.30000000000000004.
CENTS: dict[int, int] = {dish["id"]: round(dish["price"] * 100) for dish in MENU}


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


def _touch(state: State, order: dict, now: float, *, created: bool = False) -> None:
    order["updated"] = now
    order["updated_at"] = state.clock.isoformat(now)
    if created:
        order["created"] = now
        order["created_at"] = order["updated_at"]


def _lines(items: list) -> list[dict]:
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


def _total(lines: list[dict]) -> float:
    return sum(CENTS[line["dish_id"]] * line["quantity"] for line in lines) / 100


def _changes(state: State, body: Body) -> dict[str, Any]:
    """The checked fields of a body, with a field error for an unknown table; raises the 422 if any."""
    table_id = body.value.get("table_id") if body.value else None
    if isinstance(table_id, int) and table_id not in state.tables:
        body.check.error("table_id", f"there is no table {table_id}; create one with POST /tables first")
    body.check.done()
    changes = dict(body.value)
    if "items" in changes:
        changes["items"] = _lines(changes["items"])
    return changes


def find_order(state: State, order_id: str) -> dict:
    order = state.orders.get(path_id(order_id, "order"))
    if order is None:
        raise ApiError(
            "not-found",
            f"There is no order {order_id}: it was never placed, or it was cancelled.",
            hint="POST /orders answers with the new order's id and its Location.",
        )
    return order


@endpoint(
    bp,
    "GET",
    "/orders",
    "listOrders",
    "Orders",
    "All orders, optionally for one table or in one status",
    {"200": ok("Orders")},
    params=[
        query("table_id", integer(0, BIG_ID), "Only this table's orders."),
        query("status", enum(STATES), "Only orders in this status."),
    ],
    example={"path": "/orders?table_id=$TABLE"},
)
def list_orders(query: dict) -> Response:
    state = current_state()
    with state.lock:
        now = state.clock.now()
        orders = [order_json(state, order, now) for order in state.orders.values()]
    if "table_id" in query:
        orders = [order for order in orders if order["table_id"] == query["table_id"]]
    if "status" in query:
        orders = [order for order in orders if order["status"] == query["status"]]
    return jsonify({"items": orders, "count": len(orders)})


@endpoint(
    bp,
    "POST",
    "/orders",
    "placeOrder",
    "Orders",
    "Place an order",
    {
        "201": ok("Order", "Received by the kitchen. Poll the Location to follow it.", "Location"),
        "409": use("Conflict"),
    },
    description="The kitchen starts cooking after a few seconds; until then the order can be changed "
    "or cancelled. With a bearer token the order goes on that guest's bill. "
    "An unknown table_id is a 422 with a field error.",
    body=ORDER_INPUT,
    security=[{}, {"bearerAuth": []}],
    example={"path": "/orders", "body": ORDER_EXAMPLE, "status": 201, "keep": "ORDER"},
    links=ORDER_LINKS,
)
def place_order(body: Body) -> Response:
    guest = optional_guest()
    state = current_state()
    with state.lock:
        order = _changes(state, body)
        refuse_if_full(state, "orders")
        now = state.clock.now()
        order.update(
            id=state.next_id("order"),
            notes=order.get("notes"),
            total=_total(order["items"]),
            guest=guest,
            served_at=None,
            cook=state.config["COOK_SECONDS"],
        )
        _touch(state, order, now, created=True)
        state.orders[order["id"]] = order
        result = order_json(state, order, now)
    schedule(order)
    return created(result, f"/orders/{result['id']}")


@endpoint(
    bp,
    "GET",
    "/orders/{order_id}",
    "getOrder",
    "Orders",
    "Follow an order (its status moves with kitchen time)",
    {"200": ok("Order"), "404": use("NotFound")},
    params=[ORDER_ID],
    example={"path": "/orders/$ORDER"},
)
def get_order(order_id: str) -> Response:
    state = current_state()
    with state.lock:
        order = find_order(state, order_id)
        return jsonify(order_json(state, order, state.clock.now()))


def _only_while_received(state: State, order: dict, verb: str) -> None:
    status = status_at(order, state.clock.now())
    if status != "received":
        raise ApiError(
            "conflict",
            f"Order {order['id']} is {status}: it can only be {verb} while it is received.",
            hint="Too late: the kitchen is already cooking it. Orders can change only in their first seconds.",
            current_status=status,
        )


def _change(order_id: str, body: Body, *, partial: bool) -> Response:
    state = current_state()
    with state.lock:
        order = find_order(state, order_id)
        changes = _changes(state, body)
        _only_while_received(state, order, "changed")
        if not partial:
            changes.setdefault("notes", None)
            changes.setdefault("callback_url", None)
        order.update(changes)
        order["total"] = _total(order["items"])
        now = state.clock.now()
        _touch(state, order, now)
        result = order_json(state, order, now)
    if not partial:
        schedule(order)
    return jsonify(result)


@endpoint(
    bp,
    "PUT",
    "/orders/{order_id}",
    "replaceOrder",
    "Orders",
    "Replace an order, while it is received",
    CHANGED,
    params=[ORDER_ID],
    body=ORDER_INPUT,
    example={"path": "/orders/{id}", "fresh": "order", "body": {**ORDER_EXAMPLE, "notes": "no onions"}},
)
def replace_order(order_id: str, body: Body) -> Response:
    return _change(order_id, body, partial=False)


@endpoint(
    bp,
    "PATCH",
    "/orders/{order_id}",
    "changeOrder",
    "Orders",
    "Change items or notes, while it is received",
    CHANGED,
    description="A JSON merge patch (application/json or application/merge-patch+json). "
    "409 once the kitchen is cooking it.",
    params=[ORDER_ID],
    body=ORDER_PATCH,
    body_types=PATCH_TYPES,
    example={"path": "/orders/{id}", "fresh": "order", "body": {"notes": "extra basil, please"}},
)
def patch_order(order_id: str, body: Body) -> Response:
    return _change(order_id, body, partial=True)


@endpoint(
    bp,
    "DELETE",
    "/orders/{order_id}",
    "cancelOrder",
    "Orders",
    "Cancel an order, while it is received and unpaid",
    {"204": NO_CONTENT, "404": use("NotFound"), "409": use("Conflict")},
    description="409 once the kitchen is cooking it, or once it has been paid (a paid order is served, not "
    "cancelled). A cancelled order is gone: it cannot be paid.",
    params=[ORDER_ID],
    example={"path": "/orders/{id}", "fresh": "order", "status": 204},
)
def cancel_order(order_id: str) -> Response:
    state = current_state()
    with state.lock:
        order = find_order(state, order_id)
        if any(payment["order_id"] == order["id"] for payment in state.payments.values()):
            raise ApiError(
                "conflict",
                f"Order {order['id']} has been paid: a paid order cannot be cancelled.",
                hint="The guest has paid: serve the order (POST /orders/<id>/serve) instead.",
                current_status=status_at(order, state.clock.now()),
            )
        _only_while_received(state, order, "cancelled")
        del state.orders[order["id"]]
        state.cancelled.add(order["id"])
    return Response(status=204)


@endpoint(
    bp,
    "POST",
    "/orders/{order_id}/serve",
    "serveOrder",
    "Orders",
    "Take a ready order to the table",
    {
        "200": ok("Order", "Served."),
        "404": use("NotFound"),
        "409": problem_response("Not ready yet (Retry-After says how long), or served already."),
    },
    params=[ORDER_ID],
    example={"path": "/orders/$ORDER/serve", "wait": 8},
)
def serve_order(order_id: str) -> Response:
    state = current_state()
    with state.lock:
        order = find_order(state, order_id)
        now = state.clock.now()
        status = status_at(order, now)
        if status in ("received", "cooking"):
            wait = seconds_until_ready(order, now)
            raise ApiError(
                "conflict",
                f"Order {order['id']} is still {status}; it will be ready in about {wait:g} seconds.",
                hint="Poll GET /orders/<id> until its status is 'ready', waiting a little between calls.",
                headers={"Retry-After": str(max(1, int(-(-wait // 1))))},
                current_status=status,
            )
        if status == "served":
            raise ApiError(
                "conflict",
                f"Order {order['id']} was already served.",
                hint="Each order is served once.",
                current_status=status,
            )
        order["served_at"] = now
        _touch(state, order, now)
        return jsonify(order_json(state, order, now))
