# wrong: reads time.monotonic() instead of the clock it was given
# expect: measure the deadline with the `clock` you were given
"""Exercise 16: Wait for the kitchen."""

import time
from typing import Callable

import requests


class KitchenTooSlow(TimeoutError):
    """The order was still not ready when the deadline passed."""


def wait_until_ready(
    base_url: str,
    order_id: int,
    interval: float = 1.0,
    deadline: float = 30.0,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> dict:
    """Poll GET /orders/{order_id} every `interval` seconds until it is ready; give up after `deadline` seconds."""
    started = time.monotonic()
    while True:
        response = requests.get(f"{base_url}/orders/{order_id}", timeout=5)
        response.raise_for_status()
        order = response.json()
        if order["status"] == "ready":
            return order
        if time.monotonic() - started >= deadline:
            raise KitchenTooSlow(f"Order {order_id} is still {order['status']} after {deadline:g} seconds.")
        sleep(interval)
