# wrong: a deadline loop written as a recursion that reads its start again on each call
# expect: never gives up
"""Exercise 16: Wait for the kitchen (reference solution)."""

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
    started = clock()  # read again on every call: the deadline never comes
    response = requests.get(f"{base_url}/orders/{order_id}", timeout=5)
    response.raise_for_status()
    order = response.json()
    if order["status"] == "ready":
        return order
    if clock() - started >= deadline:
        raise KitchenTooSlow(f"Order {order_id} is still {order['status']} after {deadline:g} seconds.")
    sleep(interval)
    return wait_until_ready(base_url, order_id, interval, deadline, sleep, clock)
