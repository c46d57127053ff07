# wrong: sends data=json.dumps(order, ensure_ascii=False) with a JSON Content-Type: a str body goes out as Latin-1
# expect: The body your code sent is not JSON
import json

import requests


def place_order(base_url, table_id, dishes, notes=None):
    order = {"table_id": table_id, "items": [{"dish_id": d, "quantity": q} for d, q in dishes.items()]}
    if notes is not None:
        order["notes"] = notes
    response = requests.post(
        f"{base_url}/orders",
        data=json.dumps(order, ensure_ascii=False),
        headers={"Content-Type": "application/json"},
        timeout=5,
    )
    response.raise_for_status()
    return response.json()
