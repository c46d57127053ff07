# valid: http.HTTPStatus.TOO_MANY_REQUESTS, a while loop left with break, Retry-After read with isdecimal()
import time
from http import HTTPStatus

import requests


def get_dishes(base_url, dish_ids, max_waits=3, sleep=time.sleep):
    found = []
    for dish_id in dish_ids:
        waited = 0
        while True:
            response = requests.get(f"{base_url}/menu/{dish_id}", timeout=5)
            if response.status_code != HTTPStatus.TOO_MANY_REQUESTS:
                break
            if waited == max_waits:
                break
            header = response.headers.get("Retry-After", "").strip()
            sleep(int(header) if header.isdecimal() else 1)
            waited += 1
        response.raise_for_status()
        found.append(response.json())
    return found
