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
