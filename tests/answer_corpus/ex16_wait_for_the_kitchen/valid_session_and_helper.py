# valid: a Session kept for every poll, a helper that fetches the order, `elapsed` computed before the check
import time

import requests


class KitchenTooSlow(TimeoutError):
    """The order was still not ready when the deadline passed."""


def _fetch(session, url):
    response = session.get(url, timeout=5)
    response.raise_for_status()
    return response.json()


def wait_until_ready(base_url, order_id, interval=1.0, deadline=30.0, sleep=time.sleep, clock=time.monotonic):
    url = f"{base_url}/orders/{order_id}"
    start = clock()
    with requests.Session() as session:
        order = _fetch(session, url)
        while order["status"] != "ready":
            elapsed = clock() - start
            if elapsed >= deadline:
                raise KitchenTooSlow(f"order {order_id} not ready after {elapsed:.1f}s (still {order['status']})")
            sleep(interval)
            order = _fetch(session, url)
    return order
