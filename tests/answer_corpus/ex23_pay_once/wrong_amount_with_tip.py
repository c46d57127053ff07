# wrong: sends the amount with the tip added
# expect: The JSON body is not what the kitchen needs
"""Exercise 23: Pay once."""

import time
import uuid
from typing import Callable

import requests

TRANSIENT_STATUSES = (502, 503, 504)


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
    headers = {"Idempotency-Key": str(uuid.uuid4())}  # one key for this payment, and all its retries
    body = {"order_id": order_id, "amount": amount + tip, "tip": tip}
    attempt = 1
    while True:
        try:
            response = requests.post(f"{base_url}/payments", json=body, headers=headers, timeout=timeout)
        except (requests.exceptions.ConnectionError, requests.exceptions.Timeout):
            if attempt >= attempts:
                raise
        else:
            if response.status_code not in TRANSIENT_STATUSES or attempt >= attempts:
                response.raise_for_status()
                return response.json()
        sleep(delay)
        attempt += 1
