# valid: a bare requests.PreparedRequest filled with its own prepare(), and one helper for the shared headers
from typing import Optional

import requests


def _prepared(method, url, **parts):
    prepared = requests.PreparedRequest()
    prepared.prepare(method=method, url=url, headers={"Accept": "application/json"}, **parts)
    return prepared


def build_menu_request(base_url: str, category: str, max_price: Optional[float] = None) -> requests.PreparedRequest:
    query = {"category": category}
    if max_price is not None:
        query["max_price"] = str(max_price)
    return _prepared("GET", base_url + "/menu", params=query)


def build_order_request(base_url, table_id, dish_id, quantity, notes=None):
    line = {"dish_id": dish_id, "quantity": quantity}
    body = (
        {"table_id": table_id, "items": [line]}
        if notes is None
        else {"table_id": table_id, "items": [line], "notes": notes}
    )
    return _prepared("POST", base_url + "/orders", json=body)
