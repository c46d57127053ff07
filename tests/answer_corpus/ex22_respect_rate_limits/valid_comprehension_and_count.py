# valid: a list comprehension over a helper per dish, itertools.count for the waits, a Session shared by all
import itertools
import time

import requests


def _dish(session, base_url, dish_id, max_waits, sleep):
    for waits in itertools.count():
        response = session.get(f"{base_url}/menu/{dish_id}", timeout=5)
        if response.status_code == 429 and waits < max_waits:
            retry_after = response.headers.get("Retry-After")
            sleep(int(retry_after) if retry_after is not None and retry_after.isdigit() else 1)
            continue
        response.raise_for_status()
        return response.json()


def get_dishes(base_url, dish_ids, max_waits=3, sleep=time.sleep):
    with requests.Session() as session:
        return [_dish(session, base_url, dish_id, max_waits, sleep) for dish_id in dish_ids]
