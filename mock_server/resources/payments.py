"""Payments, honouring the Idempotency-Key header (draft-ietf-httpapi-idempotency-key-header).

Same key + same body: the first answer is replayed (same status and body, ``Idempotent-Replayed:
true``) and nobody is charged twice. Same key + a different body: 422. The same key while its first
request is still being charged: 409. A key is one value (two headers, or a list, is a 400); ``"abc"``
(a quoted Structured Field string) and ``abc`` are the same key. Keys are scoped to the client (its
bearer token, or none) within its kitchen and are forgotten after ``IDEMPOTENCY_SECONDS`` of kitchen
time. Only successful charges are remembered under a key, as Stripe does. A payment must be exactly
what the order still owes; a cancelled order cannot be paid.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal

from flask import Blueprint, Response, jsonify, request

from mock_server.contract.declare import Body, Finds, endpoint, header, path_param, query
from mock_server.contract.documented import link, ok, use
from mock_server.contract.pages import answer, few_at_once, page_of, page_params, take
from mock_server.contract.problems import ApiError
from mock_server.contract.responses import created, json_response
from mock_server.contract.schema import ID, MONEY, TIMESTAMP, integer, model, nullable, number, obj
from mock_server.contract.validation import BIG_ID
from mock_server.state.caps import IDEMPOTENCY_SECONDS, LIMITS, refuse_if_full
from mock_server.state.store import State, current_state

bp = Blueprint("payments", __name__)

MAX_AMOUNT = 100_000
MAX_KEY = 255
# One key: a bare value without commas (a comma makes it a list), or a Structured Field string ("...").
KEY_PATTERN = r'^ *(?:"[ -~]+"|[!#-+\--~][ -+\--~]*) *$'
KEY_RULE = re.compile(KEY_PATTERN)
PAYMENT_INPUT = model(
    "PaymentInput",
    obj({"order_id": integer(1, BIG_ID), "amount": number(0.01, MAX_AMOUNT)}, {"tip": number(0, MAX_AMOUNT)}),
)
model(
    "Payment",
    obj(
        {
            "id": ID,
            "order_id": ID,
            "amount": MONEY,
            "tip": MONEY,
            "total": MONEY,
            "status": {"const": "captured"},
            "idempotency_key": nullable({"type": "string"}),
            "created_at": TIMESTAMP,
        }
    ),
)
model(
    "Payments",
    page_of("Payment", total_charged={**MONEY, "description": "Every matching charge added up, on every page."}),
)
KEY_SCHEMA = {"type": "string", "minLength": 1, "maxLength": MAX_KEY, "pattern": KEY_PATTERN}


def _idempotency_key() -> str | None:
    values = request.headers.getlist("Idempotency-Key")
    if not values:
        return None
    raw = values[0] if len(values) == 1 else ","
    if len(raw) > MAX_KEY or not KEY_RULE.fullmatch(raw):
        if "," in raw and not raw.strip().startswith('"'):
            raise ApiError(
                "invalid-header",
                "Idempotency-Key was sent more than once (or as a list); a request has exactly one key.",
                hint="Send one `Idempotency-Key` header with one value, e.g. `str(uuid.uuid4())`.",
            )
        raise ApiError(
            "invalid-header",
            f"Idempotency-Key must be 1 to {MAX_KEY} printable ASCII characters.",
            hint="A fresh `str(uuid.uuid4())` per payment is a good key; reuse it only to retry that payment.",
        )
    key = raw.strip()
    if key[0] == key[-1] == '"' and len(key) >= 2:
        key = key[1:-1].replace('\\"', '"').replace("\\\\", "\\")  # a Structured Field string: the same key
    return key


def _scope(key: str) -> str:
    """The key as remembered: scoped to the client's bearer token (or to no token) in this kitchen."""
    scheme, _, token = (request.headers.get("Authorization") or "").partition(" ")
    return f"{token.strip() if scheme.lower() == 'bearer' else ''} {key}"


def payment_json(state: State, payment: dict) -> dict:
    return {
        "id": payment["id"],
        "order_id": payment["order_id"],
        "amount": payment["amount"],
        "tip": payment["tip"],
        "total": payment["total"],
        "status": "captured",
        "idempotency_key": payment["idempotency_key"],
        "created_at": state.clock.isoformat(payment["created"]),
    }


def owed(state: State, order: dict) -> Decimal:
    """What ``order`` still owes: its total less what was paid for it (call under the lock)."""
    paid = sum((Decimal(str(p["amount"])) for p in state.payments.values() if p["order_id"] == order["id"]), Decimal(0))
    return max(Decimal(str(order["total"])) - paid, Decimal(0))


def _check_order(state: State, body: Body) -> dict:
    """The checked body, after the field errors and 409s that depend on the order named (call under the lock)."""
    order_id, amount = (body.draft or {}).get("order_id"), (body.draft or {}).get("amount")
    if isinstance(order_id, int) and order_id in state.cancelled:
        raise ApiError(
            "conflict",
            f"Order {order_id} was cancelled: a cancelled order cannot be paid.",
            hint="Pay for an order that is still on the table (GET /orders lists them).",
        )
    order = state.orders.get(order_id) if isinstance(order_id, int) else None
    if isinstance(order_id, int) and order is None:
        body.check.error("order_id", f"there is no order {order_id}")
    elif order is not None:
        due = owed(state, order)
        if due == 0:
            raise ApiError(
                "conflict",
                f"Order {order_id} is paid already; nothing is owed.",
                hint="Retrying a payment? Send the same Idempotency-Key, and the first answer is replayed.",
            )
        if isinstance(amount, float) and Decimal(str(round(amount, 2))) != due:
            body.check.error("amount", f"must be what order {order_id} still owes: {float(due)}")
    return body.value  # the one 422, if any field needs fixing


@endpoint(
    bp,
    "POST",
    "/payments",
    "pay",
    "Payments",
    "Pay for an order (send an Idempotency-Key to retry safely)",
    {
        "201": ok("Payment", "Charged (or replayed: see Idempotent-Replayed).", "Location", "Idempotent-Replayed"),
        "409": use("Conflict"),
    },
    description="The amount must be what the order still owes (its total, less earlier payments); a tip is "
    "extra. A cancelled or fully paid order is a 409. Same Idempotency-Key and same body: the first answer is "
    "replayed and nothing is charged again. Same key, different body: 422. Same key while the first request is "
    'still being charged: 409. One key per request (two headers are a 400); `"abc"` and `abc` are the same key. '
    f"Keys are scoped to your bearer token (or to none) and kept {IDEMPOTENCY_SECONDS // 3600} hours of kitchen "
    f"time, at most {LIMITS['idempotency']} per kitchen. No key: every call is a new payment.",
    params=[header("Idempotency-Key", KEY_SCHEMA, "A unique string per payment, e.g. a UUID.")],
    body=PAYMENT_INPUT,
    example={
        "path": "/payments",
        "body": {"order_id": "$ORDER", "amount": 25.0, "tip": 2.5},
        "headers": {"Idempotency-Key": "pay-order-1-first-try"},
        "status": 201,
        "keep": "PAYMENT",
    },
    links={"GetPayment": link("getPayment", "payment_id")},
)
def pay(body: Body) -> Response:
    key = _idempotency_key()
    fingerprint = json.dumps(body.raw, sort_keys=True, separators=(",", ":"))
    scope = _scope(key) if key is not None else None
    state = current_state()
    with state.lock:  # held from the key check to the charge: retries cannot race
        now = state.clock.now()
        for old in [old for old, record in state.idempotency.items() if record["expires"] <= now]:
            del state.idempotency[old]
        remembered = state.idempotency.get(scope) if scope is not None else None
        if remembered is not None:
            if remembered["fingerprint"] != fingerprint:
                raise ApiError(
                    "idempotency-key-reused", f"The Idempotency-Key {key!r} was first used with a different body."
                )
            if remembered.get("in_flight"):
                raise ApiError(
                    "conflict",
                    f"A payment with the Idempotency-Key {key!r} is still being charged.",
                    hint="Wait a moment, then retry with the same key: you will get its answer.",
                )
            return json_response(
                remembered["body"],
                remembered["status"],
                {"Location": remembered["location"], "Idempotent-Replayed": "true"},
            )
        value = _check_order(state, body)
        refuse_if_full(state, "payments")
        if scope is not None:
            refuse_if_full(state, "idempotency")
            state.idempotency[scope] = {
                "fingerprint": fingerprint,
                "in_flight": True,
                "expires": now + IDEMPOTENCY_SECONDS,
            }
    try:
        result = charge(state, value, key)
    except BaseException:
        if scope is not None:
            with state.lock:
                state.idempotency.pop(scope, None)
        raise
    location = f"/payments/{result['id']}"
    if scope is not None:
        with state.lock:
            state.idempotency[scope].update(in_flight=False, status=201, body=result, location=location)
    return created(result, location)


def charge(state: State, value: dict, key: str | None) -> dict:
    """Record the payment (the till); returns its public view."""
    amount, tip = round(value["amount"], 2), round(value.get("tip", 0.0), 2)
    with state.lock:
        payment_id = state.next_id("payment")
        payment = {
            "id": payment_id,
            "order_id": value["order_id"],
            "amount": amount,
            "tip": tip,
            "total": float(Decimal(str(amount)) + Decimal(str(tip))),
            "idempotency_key": key,
            "created": state.clock.now(),
        }
        state.payments[payment_id] = payment
        return payment_json(state, payment)


@endpoint(
    bp,
    "GET",
    "/payments",
    "listPayments",
    "Payments",
    "Charges made, oldest first, one page at a time; optionally for one order",
    {"200": ok("Payments", "A page. Follow `next` (or the Link header) for more.", "Link")},
    params=[query("order_id", integer(0, BIG_ID), "Only this order's payments."), *page_params()],
    example={"path": "/payments?order_id=$ORDER"},
)
@few_at_once
def list_payments(query: dict) -> Response:
    order_id = query.get("order_id")

    def keep(payment: dict) -> bool:
        return order_id is None or payment["order_id"] == order_id

    state = current_state()
    with state.lock:
        page, cursor = take(state.payments, query, keep)
        payments = [payment_json(state, payment) for payment in page]
        charged = sum((Decimal(str(p["total"])) for p in state.payments.values() if keep(p)), Decimal(0))
    return answer({"items": payments, "total_charged": float(charged)}, cursor, query)


@endpoint(
    bp,
    "GET",
    "/payments/{payment_id}",
    "getPayment",
    "Payments",
    "One payment",
    {"200": ok("Payment"), "404": use("NotFound")},
    params=[
        path_param(
            "payment_id",
            "A payment id.",
            finds=Finds(
                "payment",
                lambda state: state.payments,
                "There is no payment {id}.",
                hint="GET /payments lists them all.",
                state=current_state,
            ),
        )
    ],
    example={"path": "/payments/$PAYMENT"},
)
def get_payment(payment: dict) -> Response:
    return jsonify(payment_json(current_state(), payment))
