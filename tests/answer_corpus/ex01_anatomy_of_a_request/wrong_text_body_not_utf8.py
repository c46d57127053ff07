# wrong: writes the order with data=json.dumps(order, ensure_ascii=False), a str, so http.client sends it as Latin-1
# expect: The body your code sent is not JSON
import json

import requests


def build_menu_request(base_url, category, max_price=None):
    params = {"category": category}
    if max_price is not None:
        params["max_price"] = max_price
    return requests.Request("GET", f"{base_url}/menu", params=params, headers={"Accept": "application/json"}).prepare()


def build_order_request(base_url, table_id, dish_id, quantity, notes=None):
    order = {"table_id": table_id, "items": [{"dish_id": dish_id, "quantity": quantity}]}
    if notes is not None:
        order["notes"] = notes
    headers = {"Accept": "application/json", "Content-Type": "application/json"}
    body = json.dumps(order, ensure_ascii=False)  # keeps "crème" readable
    return requests.Request("POST", f"{base_url}/orders", data=body, headers=headers).prepare()
