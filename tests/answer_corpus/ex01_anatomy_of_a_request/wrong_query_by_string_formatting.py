# wrong: writes the category into the URL with an f-string, so "fish & chips" becomes two parameters
# expect: category
import requests


def build_menu_request(base_url, category, max_price=None):
    url = f"{base_url}/menu?category={category}"
    if max_price is not None:
        url += f"&max_price={max_price}"
    return requests.Request("GET", url, headers={"Accept": "application/json"}).prepare()


def build_order_request(base_url, table_id, dish_id, quantity, notes=None):
    order = {"table_id": table_id, "items": [{"dish_id": dish_id, "quantity": quantity}]}
    if notes is not None:
        order["notes"] = notes
    return requests.Request("POST", f"{base_url}/orders", json=order, headers={"Accept": "application/json"}).prepare()
