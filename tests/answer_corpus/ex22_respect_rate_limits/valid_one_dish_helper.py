# valid: one helper per dish, recursion over the waits left
"""Exercise 22: Respect rate limits."""

import time
from typing import Callable, Sequence

import requests


def _dish(url: str, waits_left: int, sleep: Callable[[float], None]) -> dict:
    response = requests.get(url, timeout=5)
    if response.status_code == 429 and waits_left > 0:
        sleep(int(response.headers["Retry-After"]) if "Retry-After" in response.headers else 1)
        return _dish(url, waits_left - 1, sleep)
    response.raise_for_status()
    return response.json()


def get_dishes(
    base_url: str,
    dish_ids: Sequence[int],
    max_waits: int = 3,
    sleep: Callable[[float], None] = time.sleep,
) -> list[dict]:
    """Return the dishes with these ids, waiting Retry-After seconds whenever the kitchen answers 429."""
    return [_dish(f"{base_url}/menu/{dish_id}", max_waits, sleep) for dish_id in dish_ids]
