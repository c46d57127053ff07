# valid: the lines built in a for loop over the items, raise_for_status, json.loads(response.text)
import json

import requests


def place_order(base_url, table_id, dishes, notes=None):
    lines = []
    for dish_id, quantity in dishes.items():
        lines.append({"dish_id": dish_id, "quantity": quantity})
    order = {"table_id": table_id, "items": lines}
    if notes is not None:
        order["notes"] = notes
    response = requests.post(base_url + "/orders", json=order, timeout=5)
    response.raise_for_status()
    return json.loads(response.text)
