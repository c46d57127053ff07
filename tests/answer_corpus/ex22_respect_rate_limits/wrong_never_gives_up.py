# wrong: waits for ever while the kitchen answers 429
# expect: never gives up
"""Exercise 22: Respect rate limits."""

import time
from typing import Callable, Sequence

import requests


def get_dishes(
    base_url: str,
    dish_ids: Sequence[int],
    max_waits: int = 3,
    sleep: Callable[[float], None] = time.sleep,
) -> list[dict]:
    """Return the dishes with these ids, waiting Retry-After seconds whenever the kitchen answers 429."""
    dishes = []
    for dish_id in dish_ids:
        waits = 0
        while True:
            response = requests.get(f"{base_url}/menu/{dish_id}", timeout=5)
            if response.status_code != 429:
                break
            sleep(_retry_after(response))
            waits += 1
        response.raise_for_status()
        dishes.append(response.json())
    return dishes


def _retry_after(response: requests.Response) -> int:
    """The seconds the kitchen asked us to wait (1 when it did not say)."""
    value = response.headers.get("Retry-After", "")
    return int(value) if value.strip().isdigit() else 1
