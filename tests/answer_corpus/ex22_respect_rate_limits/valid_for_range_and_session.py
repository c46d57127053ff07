# valid: a for loop with range(max_waits + 1), a Session, float(Retry-After)
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
    found = []
    with requests.Session() as session:
        for dish_id in dish_ids:
            for tries in range(max_waits + 1):
                response = session.get(f"{base_url}/menu/{dish_id}", timeout=(3.05, 10))
                if response.status_code != requests.codes.too_many_requests or tries == max_waits:
                    break
                sleep(float(response.headers.get("Retry-After", 1)))
            response.raise_for_status()
            found.append(response.json())
    return found
