"""Payments, honouring the Idempotency-Key header.

Same key + same body: the first answer is replayed (same status and body,
``Idempotent-Replayed: true``) and nobody is charged twice. Same key + a
different body: 422. No key: every POST charges again (that is the lesson).
Only successful charges are remembered under a key, as Stripe does.
"""

from __future__ import annotations

import json
from decimal import Decimal

from flask import Blueprint, Response, jsonify, request

from .problems import ApiError
from .responses import created, json_response
from .store import State, current_state
from .validation import BIG_ID, Checker, json_body, path_id, query_args, query_int

bp = Blueprint("payments", __name__)

MAX_AMOUNT = 100_000
MAX_KEY = 255


def _idempotency_key() -> str | None:
    key = request.headers.get("Idempotency-Key")
    if key is None:
        return None
    if not (1 <= len(key) <= MAX_KEY and key.isascii() and key.isprintable()):
        raise ApiError(
            "invalid-header",
            f"Idempotency-Key must be 1 to {MAX_KEY} printable ASCII characters.",
            hint="A fresh `str(uuid.uuid4())` per payment is a good key; reuse it only to retry that payment.",
        )
    return key


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


@bp.post("/payments")
def pay() -> Response:
    key = _idempotency_key()
    body = json_body()
    fingerprint = json.dumps(body, sort_keys=True, separators=(",", ":"))
    state = current_state()
    with state.lock:  # held from the key check to the charge: retries cannot race
        if key is not None and key in state.idempotency:
            remembered = state.idempotency[key]
            if remembered["fingerprint"] != fingerprint:
                raise ApiError(
                    "idempotency-key-reused",
                    f"The Idempotency-Key {key!r} was first used with a different body.",
                )
            return json_response(
                remembered["body"],
                remembered["status"],
                {"Location": remembered["location"], "Idempotent-Replayed": "true"},
            )
        check = Checker()
        body = check.fields(body, "", required=("order_id", "amount"), optional=("tip",))
        order_id: int | None = None
        amount: float | None = None
        tip: float | None = 0.0
        if body is not None:
            if "order_id" in body:
                order_id = check.integer(body["order_id"], "order_id", 1, BIG_ID)
                if order_id is not None and order_id not in state.orders:
                    check.error("order_id", f"there is no order {order_id}")
            if "amount" in body:
                amount = check.number(body["amount"], "amount", 0.01, MAX_AMOUNT)
            if "tip" in body:
                tip = check.number(body["tip"], "tip", 0, MAX_AMOUNT)
        check.done()
        assert order_id is not None and amount is not None  # check.done() raised otherwise
        amount, tip = round(amount, 2), round(tip or 0.0, 2)
        payment_id = state.next_id("payment")
        payment = {
            "id": payment_id,
            "order_id": order_id,
            "amount": amount,
            "tip": tip,
            "total": float(Decimal(str(amount)) + Decimal(str(tip))),
            "idempotency_key": key,
            "created": state.clock.now(),
        }
        state.payments[payment_id] = payment
        result = payment_json(state, payment)
        location = f"/payments/{payment_id}"
        if key is not None:
            state.idempotency[key] = {
                "fingerprint": fingerprint,
                "status": 201,
                "body": result,
                "location": location,
            }
    return created(result, location)


@bp.get("/payments")
def list_payments() -> Response:
    args = query_args(("order_id",))
    order_id = query_int(args, "order_id", 0, BIG_ID, default=0) if "order_id" in args else None
    state = current_state()
    with state.lock:
        payments = [
            payment_json(state, payment)
            for payment in state.payments.values()
            if order_id is None or payment["order_id"] == order_id
        ]
    charged = sum((Decimal(str(payment["total"])) for payment in payments), Decimal(0))
    return jsonify({"items": payments, "count": len(payments), "total_charged": float(charged)})


@bp.get("/payments/<payment_id>")
def get_payment(payment_id: str) -> Response:
    state = current_state()
    with state.lock:
        payment = state.payments.get(path_id(payment_id, "payment"))
        if payment is None:
            raise ApiError("not-found", f"There is no payment {payment_id}.", hint="GET /payments lists them all.")
        return jsonify(payment_json(state, payment))
