# valid: a query string and a JSON body written by hand, with the headers set by hand
import json
from typing import Optional
from urllib.parse import urlencode

import requests


def build_menu_request(base_url: str, category: str, max_price: Optional[float] = None) -> requests.PreparedRequest:
    query = {"category": category}
    if max_price is not None:
        query["max_price"] = str(max_price)
    url = f"{base_url}/menu?{urlencode(query)}"
    return requests.Request(method="GET", url=url, headers={"Accept": "application/json"}).prepare()


def build_order_request(base_url, table_id, dish_id, quantity, notes=None):
    order = {"table_id": table_id, "items": [{"dish_id": dish_id, "quantity": quantity}]}
    if notes is not None:
        order["notes"] = notes
    headers = {"Accept": "application/json", "Content-Type": "application/json; charset=utf-8"}
    return requests.Request("POST", base_url + "/orders", data=json.dumps(order), headers=headers).prepare()
