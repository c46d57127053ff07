"""Orders: place (POST 201), poll (GET), change while received (PUT/PATCH),
cancel while received (DELETE), and take it when ready (POST .../serve).

A bearer token is optional when placing an order: with one, the order goes on
that guest's bill (GET /guests/<username>/bill).
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify

from .auth import optional_guest
from .data import DISHES_BY_ID, MENU
from .kitchen import STATES, seconds_until_ready, status_at
from .problems import ApiError
from .responses import created
from .store import State, current_state
from .validation import BIG_ID, PATCH_TYPES, Checker, json_body, path_id, query_args, query_int
from .webhooks import check_callback_url, schedule

bp = Blueprint("orders", __name__)

MAX_LINES = 20
MAX_QUANTITY = 20
MAX_NOTES = 500


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


def _lines(check: Checker, items: Any) -> list[dict] | None:
    items = check.array(items, "items", 1, MAX_LINES)
    if items is None:
        return None
    lines = []
    for index, item in enumerate(items):
        field = f"items[{index}]"
        item = check.fields(item, field, required=("dish_id", "quantity"))
        if item is None:
            continue
        dish_id = check.integer(item["dish_id"], f"{field}.dish_id", 1, len(MENU)) if "dish_id" in item else None
        quantity = check.integer(item["quantity"], f"{field}.quantity", 1, MAX_QUANTITY) if "quantity" in item else None
        if dish_id is not None and quantity is not None:
            dish = DISHES_BY_ID[dish_id]
            lines.append(
                {
                    "dish_id": dish_id,
                    "name": dish["name"],
                    "quantity": quantity,
                    "unit_price": dish["price"],
                    "line_total": _CENTS[dish_id] * quantity / 100,
                }
            )
    return lines


# Money is added up in whole cents, so 0.1 + 0.2 never shows up as 0.30000000000000004.
_CENTS: dict[int, int] = {dish["id"]: round(dish["price"] * 100) for dish in MENU}


def _total(lines: list[dict]) -> float:
    return sum(_CENTS[line["dish_id"]] * line["quantity"] for line in lines) / 100


def _check_table(state: State, check: Checker, table_id: int | None) -> None:
    if table_id is not None and table_id not in state.tables:
        check.error("table_id", f"there is no table {table_id}; create one with POST /tables first")


def _read_order(body: Any, *, partial: bool) -> tuple[Checker, dict[str, Any]]:
    """Validate a POST/PUT body (all fields) or a PATCH body (any of items, notes)."""
    check = Checker()
    if partial:
        body = check.fields(body, "", required=(), optional=("items", "notes"))
        if body is not None and not body:
            check.error("(body)", "must change at least one of: items, notes")
    else:
        body = check.fields(body, "", required=("table_id", "items"), optional=("notes", "callback_url"))
    changes: dict[str, Any] = {}
    if body is not None:
        if "table_id" in body:
            changes["table_id"] = check.integer(body["table_id"], "table_id", 1, BIG_ID)
        if "items" in body:
            changes["items"] = _lines(check, body["items"])
        if "notes" in body:
            notes = body["notes"]
            changes["notes"] = None if notes is None else check.string(notes, "notes", MAX_NOTES, allow_blank=True)
        if "callback_url" in body:
            changes["callback_url"] = check_callback_url(check, body["callback_url"])
    return check, changes


def find_order(state: State, order_id: str) -> dict:
    order = state.orders.get(path_id(order_id, "order"))
    if order is None:
        raise ApiError(
            "not-found",
            f"There is no order {order_id}: it was never placed, or it was cancelled.",
            hint="POST /orders answers with the new order's id and its Location.",
        )
    return order


@bp.get("/orders")
def list_orders() -> Response:
    args = query_args(("table_id", "status"))
    state = current_state()
    if "status" in args and args["status"] not in STATES:
        raise ApiError("invalid-query", f"status={args['status']!r} is not one of {', '.join(STATES)}.")
    table_id = query_int(args, "table_id", 0, BIG_ID, default=0) if "table_id" in args else None
    with state.lock:
        now = state.clock.now()
        orders = [order_json(state, order, now) for order in state.orders.values()]
    if table_id is not None:
        orders = [order for order in orders if order["table_id"] == table_id]
    if "status" in args:
        orders = [order for order in orders if order["status"] == args["status"]]
    return jsonify({"items": orders, "count": len(orders)})


@bp.post("/orders")
def place_order() -> Response:
    guest = optional_guest()
    check, order = _read_order(json_body(), partial=False)
    state = current_state()
    with state.lock:
        _check_table(state, check, order.get("table_id"))
        check.done()
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
        body = order_json(state, order, now)
    schedule(order)
    return created(body, f"/orders/{body['id']}")


@bp.get("/orders/<order_id>")
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


def _change(order_id: str, *, partial: bool) -> Response:
    body = json_body(PATCH_TYPES if partial else ("application/json",))
    check, changes = _read_order(body, partial=partial)
    state = current_state()
    with state.lock:
        order = find_order(state, order_id)
        _check_table(state, check, changes.get("table_id"))
        check.done()
        _only_while_received(state, order, "changed")
        if not partial:
            changes.setdefault("notes", None)
            changes.setdefault("callback_url", None)
        order.update(changes)
        order["total"] = _total(order["items"])
        now = state.clock.now()
        _touch(state, order, now)
        body = order_json(state, order, now)
    if not partial:
        schedule(order)
    return jsonify(body)


@bp.patch("/orders/<order_id>")
def patch_order(order_id: str) -> Response:
    return _change(order_id, partial=True)


@bp.put("/orders/<order_id>")
def replace_order(order_id: str) -> Response:
    return _change(order_id, partial=False)


@bp.delete("/orders/<order_id>")
def cancel_order(order_id: str) -> Response:
    state = current_state()
    with state.lock:
        order = find_order(state, order_id)
        _only_while_received(state, order, "cancelled")
        del state.orders[order["id"]]
    return Response(status=204)


@bp.post("/orders/<order_id>/serve")
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
