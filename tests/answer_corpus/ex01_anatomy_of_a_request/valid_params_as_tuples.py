# valid: params as a list of (name, value) tuples, headers and json given to requests.Request by keyword
import requests


def build_menu_request(base_url, category, max_price=None):
    params = [("category", category)]
    if max_price is not None:
        params.append(("max_price", max_price))
    request = requests.Request(method="GET", url=base_url + "/menu", params=params)
    request.headers["Accept"] = "application/json"
    return request.prepare()


def build_order_request(base_url, table_id, dish_id, quantity, notes=None):
    body = {"table_id": table_id, "items": [{"dish_id": dish_id, "quantity": quantity}]}
    if notes is not None:
        body["notes"] = notes
    return requests.Request(
        method="POST", url=base_url + "/orders", json=body, headers={"Accept": "application/json"}
    ).prepare()
