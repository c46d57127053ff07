# wrong: decodes each dish as ASCII, dropping what is not (to get rid of a UnicodeDecodeError), so aïoli is aoli
# expect: Fried, aoli.
import json
import time

import requests


def get_dishes(base_url, dish_ids, max_waits=3, sleep=time.sleep):
    dishes = []
    for dish_id in dish_ids:
        waits = 0
        while True:
            response = requests.get(f"{base_url}/menu/{dish_id}", timeout=5)
            if response.status_code == 429 and waits < max_waits:
                value = response.headers.get("Retry-After", "")
                sleep(int(value) if value.isdigit() else 1)
                waits += 1
                continue
            break
        response.raise_for_status()
        dishes.append(json.loads(response.content.decode("ascii", errors="ignore")))
    return dishes
