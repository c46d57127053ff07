# valid: Session.patch, http.HTTPStatus.CONFLICT, the changes built with a dict comprehension of what is given
from http import HTTPStatus

import requests


class KitchenAlreadyCooking(Exception):
    def __init__(self, order_id: int, status: str, detail: str) -> None:
        super().__init__(f"Order {order_id} can no longer change: it is {status}. {detail}")
        self.order_id = order_id
        self.status = status
        self.detail = detail


def change_order(base_url, order_id, dishes=None, notes=None):
    items = None if dishes is None else [{"dish_id": d, "quantity": q} for d, q in dishes.items()]
    changes = {key: value for key, value in (("items", items), ("notes", notes)) if value is not None}
    with requests.Session() as session:
        response = session.patch(f"{base_url}/orders/{order_id}", json=changes, timeout=5)
    if response.status_code == HTTPStatus.CONFLICT:
        problem = response.json()
        raise KitchenAlreadyCooking(order_id, problem.get("current_status", "?"), problem.get("detail", ""))
    response.raise_for_status()
    return response.json()
