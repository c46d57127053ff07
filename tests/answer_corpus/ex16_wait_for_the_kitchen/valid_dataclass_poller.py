# valid: a small dataclass that remembers when polling began, http.HTTPStatus.OK checked, json.loads(response.text)
import json
import time
from dataclasses import dataclass
from http import HTTPStatus
from typing import Callable

import requests


class KitchenTooSlow(TimeoutError):
    """The order was still not ready when the deadline passed."""


@dataclass
class Poller:
    url: str
    clock: Callable[[], float]
    deadline: float

    def __post_init__(self):
        self.began = self.clock()

    def time_is_up(self) -> bool:
        return self.clock() - self.began >= self.deadline

    def ask(self) -> dict:
        response = requests.get(self.url, timeout=5)
        if response.status_code != HTTPStatus.OK:
            response.raise_for_status()
        return json.loads(response.text)


def wait_until_ready(base_url, order_id, interval=1.0, deadline=30.0, sleep=time.sleep, clock=time.monotonic):
    poller = Poller(f"{base_url}/orders/{order_id}", clock, deadline)
    while True:
        order = poller.ask()
        if order["status"] == "ready":
            return order
        if poller.time_is_up():
            raise KitchenTooSlow(f"Order {order_id} is still {order['status']} after {deadline} seconds.")
        sleep(interval)
