# wrong: passes the status code (409), not the order's current status
# expect: KitchenAlreadyCooking should carry
from typing import Optional

import requests


class KitchenAlreadyCooking(Exception):
    """Too late: the kitchen answered 409, the order is past "received". Already written: raise it."""

    def __init__(self, order_id: int, status: str, detail: str) -> None:
        super().__init__(f"Order {order_id} can no longer change: it is {status}. {detail}")
        self.order_id = order_id
        self.status = status
        self.detail = detail


def change_order(
    base_url: str, order_id: int, dishes: Optional[dict[int, int]] = None, notes: Optional[str] = None
) -> dict:
    """PATCH the order's items and/or notes; return the changed order. KitchenAlreadyCooking on 409."""
    changes: dict[str, object] = {}
    if dishes is not None:
        changes["items"] = [{"dish_id": dish_id, "quantity": quantity} for dish_id, quantity in dishes.items()]
    if notes is not None:
        changes["notes"] = notes
    response = requests.patch(f"{base_url}/orders/{order_id}", json=changes, timeout=5)
    if response.status_code == 409:
        problem = response.json()
        raise KitchenAlreadyCooking(order_id, problem["status"], problem["detail"])
    response.raise_for_status()
    return response.json()
