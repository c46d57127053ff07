# wrong: keeps only the ASCII of the answer (errors="ignore", against a UnicodeDecodeError): the notes lose a dash
# expect: 'sans basilic  merci'
import json

import requests


class KitchenAlreadyCooking(Exception):
    def __init__(self, order_id: int, status: str, detail: str) -> None:
        super().__init__(f"Order {order_id} can no longer change: it is {status}. {detail}")
        self.order_id = order_id
        self.status = status
        self.detail = detail


def change_order(base_url, order_id, dishes=None, notes=None):
    changes = {}
    if dishes is not None:
        changes["items"] = [{"dish_id": d, "quantity": q} for d, q in dishes.items()]
    if notes is not None:
        changes["notes"] = notes
    response = requests.patch(f"{base_url}/orders/{order_id}", json=changes, timeout=5)
    body = json.loads(response.content.decode("ascii", errors="ignore"))
    if response.status_code == 409:
        raise KitchenAlreadyCooking(order_id, body["current_status"], body["detail"])
    response.raise_for_status()
    return body
