"""Orders: place (POST 201), poll (GET), change while received (PUT/PATCH),
cancel while received and unpaid (DELETE), and take it when ready (POST .../serve).

A bearer token is optional when placing an order: with one, the order goes on
that guest's bill (GET /guests/<username>/bill).
"""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from mock_server.contract.declare import Body, endpoint, path_param, query
from mock_server.contract.documented import NO_CONTENT, link, ok, problem_response, use
from mock_server.contract.pages import answer, few_at_once, page_params, take
from mock_server.contract.problems import ApiError
from mock_server.contract.responses import created
from mock_server.contract.schema import enum, integer
from mock_server.contract.validation import BIG_ID, PATCH_TYPES
from mock_server.resources.auth import optional_guest
from mock_server.resources.order_model import (
    FINDS_ORDER,
    ORDER_EXAMPLE,
    ORDER_INPUT,
    ORDER_PATCH,
    STATES,
    changes_of,
    order_json,
    seconds_until_ready,
    status_at,
    total,
    touch,
)
from mock_server.resources.webhooks import schedule
from mock_server.state.caps import refuse_if_full
from mock_server.state.store import State, current_state

bp = Blueprint("orders", __name__)

ORDER_ID = path_param("order_id", "An order id from POST /orders.", finds=FINDS_ORDER)
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


@endpoint(
    bp,
    "GET",
    "/orders",
    "listOrders",
    "Orders",
    "Orders, oldest first, one page at a time; optionally for one table or in one status",
    {"200": ok("Orders", "A page. Follow `next` (or the Link header) for more.", "Link")},
    params=[
        query("table_id", integer(0, BIG_ID), "Only this table's orders."),
        query("status", enum(STATES), "Only orders in this status."),
        *page_params(),
    ],
    example={"path": "/orders?table_id=$TABLE"},
)
@few_at_once
def list_orders(query: dict) -> Response:
    table_id, status = query.get("table_id"), query.get("status")
    state = current_state()
    with state.lock:
        now = state.clock.now()

        def keep(order: dict) -> bool:
            return (table_id is None or order["table_id"] == table_id) and (
                status is None or status_at(order, now) == status
            )

        page, cursor = take(state.orders, query, keep)
        orders = [order_json(state, order, now) for order in page]
    return answer({"items": orders}, cursor, query)


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
        order = changes_of(state, body)
        refuse_if_full(state, "orders")
        now = state.clock.now()
        order.update(
            id=state.next_id("order"),
            notes=order.get("notes"),
            total=total(order["items"]),
            guest=guest,
            served_at=None,
            cook=state.config["COOK_SECONDS"],
        )
        touch(state, order, now, created=True)
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
def get_order(order: dict) -> Response:
    state = current_state()
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


def _change(order: dict, body: Body, *, partial: bool) -> Response:
    state = current_state()  # its lock is held: the order was found under it
    changes = changes_of(state, body)
    _only_while_received(state, order, "changed")
    if not partial:
        changes.setdefault("notes", None)
        changes.setdefault("callback_url", None)
    order.update(changes)
    order["total"] = total(order["items"])
    now = state.clock.now()
    touch(state, order, now)
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
def replace_order(order: dict, body: Body) -> Response:
    return _change(order, body, partial=False)


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
def patch_order(order: dict, body: Body) -> Response:
    return _change(order, body, partial=True)


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
def cancel_order(order: dict) -> Response:
    state = current_state()  # its lock is held: the order was found under it
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
def serve_order(order: dict) -> Response:
    state = current_state()  # its lock is held: the order was found under it
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
    touch(state, order, now)
    return jsonify(order_json(state, order, now))
