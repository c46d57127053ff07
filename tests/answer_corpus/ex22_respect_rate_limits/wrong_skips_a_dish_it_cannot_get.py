# wrong: leaves out a dish that is still 429 after the waits, instead of raising
# expect: give up, with the exception the general status check raises
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
            if response.status_code != 429 or waits >= max_waits:
                break
            sleep(_retry_after(response))
            waits += 1
        if response.status_code == 429:
            continue
        response.raise_for_status()
        dishes.append(response.json())
    return dishes


def _retry_after(response: requests.Response) -> int:
    """The seconds the kitchen asked us to wait (1 when it did not say)."""
    value = response.headers.get("Retry-After", "")
    return int(value) if value.strip().isdigit() else 1
