# valid: the query written with urllib.parse.quote per value, a requests.Request filled attribute by attribute
import json
from urllib.parse import quote

import requests


def build_menu_request(base_url, category, max_price=None):
    pairs = ["category=" + quote(category, safe="")]
    if max_price is not None:
        pairs.append("max_price=" + quote(str(max_price), safe=""))
    request = requests.Request()
    request.method = "GET"
    request.url = f"{base_url}/menu?{'&'.join(pairs)}"
    request.headers = {"Accept": "application/json"}
    return request.prepare()


def build_order_request(base_url, table_id, dish_id, quantity, notes=None):
    order = {"table_id": table_id, "items": [{"dish_id": dish_id, "quantity": quantity}]}
    if notes is not None:
        order["notes"] = notes
    request = requests.Request()
    request.method = "POST"
    request.url = f"{base_url}/orders"
    request.headers = {"Accept": "application/json", "Content-Type": "application/json; charset=utf-8"}
    request.data = json.dumps(order, ensure_ascii=False).encode("utf-8")
    return request.prepare()
