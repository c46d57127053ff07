# valid: requests.request("PATCH", ...), an early return on success, json.loads on the bytes
import json

import requests


class KitchenAlreadyCooking(Exception):
    def __init__(self, order_id: int, status: str, detail: str) -> None:
        super().__init__(f"Order {order_id} can no longer change: it is {status}. {detail}")
        self.order_id = order_id
        self.status = status
        self.detail = detail


def change_order(base_url, order_id, dishes=None, notes=None):
    body = {}
    if dishes is not None:
        body["items"] = []
        for dish_id in dishes:
            body["items"].append({"dish_id": dish_id, "quantity": dishes[dish_id]})
    if notes is not None:
        body["notes"] = notes
    response = requests.request("PATCH", f"{base_url}/orders/{order_id}", json=body, timeout=5)
    if response.ok:
        return json.loads(response.content)
    if response.status_code == 409:
        problem = json.loads(response.content)
        raise KitchenAlreadyCooking(order_id, problem["current_status"], problem["detail"])
    response.raise_for_status()
