# valid: a for loop over the tries, a uuid4().hex key, a Session with the key in its headers
"""Exercise 23: Pay once."""

import time
import uuid
from typing import Callable

import requests


def pay(
    base_url: str,
    order_id: int,
    amount: float,
    tip: float = 0.0,
    attempts: int = 3,
    delay: float = 1.0,
    timeout: float = 5.0,
    sleep: Callable[[float], None] = time.sleep,
) -> dict:
    """Pay for an order once, retrying transient failures with the same Idempotency-Key; return the payment."""
    session = requests.Session()
    session.headers["Idempotency-Key"] = uuid.uuid4().hex
    for attempt in range(1, attempts + 1):
        try:
            response = session.post(
                f"{base_url}/payments", json={"order_id": order_id, "amount": amount, "tip": tip}, timeout=timeout
            )
        except (requests.ConnectionError, requests.Timeout):
            if attempt == attempts:
                raise
            sleep(delay)
            continue
        if response.status_code in (502, 503, 504) and attempt < attempts:
            sleep(delay)
            continue
        response.raise_for_status()
        return response.json()
    raise AssertionError("unreachable")
