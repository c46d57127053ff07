# valid: the reference solution
from typing import Optional

import requests

ACCEPT_JSON = {"Accept": "application/json"}


def build_menu_request(base_url: str, category: str, max_price: Optional[float] = None) -> requests.PreparedRequest:
    """Build (do not send) GET {base_url}/menu?category=...[&max_price=...] asking for JSON."""
    params: dict[str, object] = {"category": category}
    if max_price is not None:
        params["max_price"] = max_price
    return requests.Request("GET", f"{base_url}/menu", params=params, headers=ACCEPT_JSON).prepare()


def build_order_request(
    base_url: str, table_id: int, dish_id: int, quantity: int, notes: Optional[str] = None
) -> requests.PreparedRequest:
    """Build (do not send) POST {base_url}/orders with a JSON body for one dish, asking for JSON."""
    order: dict[str, object] = {"table_id": table_id, "items": [{"dish_id": dish_id, "quantity": quantity}]}
    if notes is not None:
        order["notes"] = notes
    return requests.Request("POST", f"{base_url}/orders", json=order, headers=ACCEPT_JSON).prepare()
