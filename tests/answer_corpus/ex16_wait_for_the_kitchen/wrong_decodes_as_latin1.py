# wrong: parses each poll's answer from response.content.decode("latin-1"), so the notes come back as TiramisÃ¹
# expect: TiramisÃ¹
import json
import time

import requests


class KitchenTooSlow(TimeoutError):
    """The order was still not ready when the deadline passed."""


def wait_until_ready(base_url, order_id, interval=1.0, deadline=30.0, sleep=time.sleep, clock=time.monotonic):
    started = clock()
    while True:
        response = requests.get(f"{base_url}/orders/{order_id}", timeout=5)
        response.raise_for_status()
        order = json.loads(response.content.decode("latin-1"))
        if order["status"] == "ready":
            return order
        if clock() - started >= deadline:
            raise KitchenTooSlow(f"Order {order_id} is still {order['status']}")
        sleep(interval)
