"""Schemathesis hooks for the restaurant (loaded through SCHEMATHESIS_HOOKS).

Sends real credentials: HTTP Basic to POST /auth/token, and a bearer token
fetched from it to everything else. The run may reset the kitchen
(POST /__admin/reset) or advance its clock, which invalidates tokens; a 401
makes schemathesis fetch a fresh one (``retry_on``).
"""

from __future__ import annotations

import base64
import os

import requests
import schemathesis

BASE_URL = os.environ["RESTAURANT_URL"].rstrip("/")
USERNAME, PASSWORD = "ada", "lovelace"


BASIC = "Basic " + base64.b64encode(f"{USERNAME}:{PASSWORD}".encode()).decode()


@schemathesis.auth(refresh_interval=30, retry_on=[401])
class RestaurantToken:
    def get(self, case, context):
        response = requests.post(f"{BASE_URL}/auth/token", auth=(USERNAME, PASSWORD), timeout=10)
        response.raise_for_status()
        return response.json()["access_token"]

    def set(self, case, data, context):
        case.headers = case.headers or {}
        if case.operation.definition.raw.get("operationId") == "createToken":
            case.headers["Authorization"] = BASIC
        else:
            case.headers["Authorization"] = f"Bearer {data}"


SEEDED = {"placeOrder": "table_id", "replaceOrder": "table_id", "pay": "order_id"}
ORDER = {"items": [{"dish_id": 11, "quantity": 2}]}


@schemathesis.hook
def before_call(context, case, kwargs):
    """Seed known ids: most generated orders go to a real table, most payments pay a real order in full."""
    field = SEEDED.get(case.operation.definition.raw.get("operationId"))
    mode = getattr(getattr(case.meta, "generation", None), "mode", None)
    if field is None or not isinstance(case.body, dict) or getattr(mode, "value", mode) != "positive":
        return  # negative data stays as generated: it must be refused
    generated = case.body.get(field)
    if not isinstance(generated, int) or generated % 4 == 3:
        return  # every fourth keeps its generated id: an unknown one must be a 422
    table = requests.post(f"{BASE_URL}/tables", json={"name": "Fuzz", "party_size": 2}, timeout=10).json()["id"]
    order = requests.post(f"{BASE_URL}/orders", json={"table_id": table, **ORDER}, timeout=10).json()
    if field == "table_id":
        case.body["table_id"] = table
        if case.path_parameters and "order_id" in case.path_parameters:
            case.path_parameters["order_id"] = order["id"]  # a fresh order: still received, so it can change
    else:
        case.body.update(order_id=order["id"], amount=order["total"])
