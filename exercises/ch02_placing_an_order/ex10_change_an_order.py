"""Exercise 10: Change an order.

The story
---------
"Oh, and no basil on those, please." You want to change your order, not
place a new one. The order already has an address, `/orders/{id}`, and PATCH
means "change part of what lives there": you send only what changes.

    PATCH /orders/4                         ->  200 OK
    Content-Type: application/json              {"id": 4, "notes": "no basil", "status": "received", ...}

    {"notes": "no basil"}

(PUT is PATCH's strict sibling: it replaces the WHOLE order, so you would
have to send every field again. For a small change, PATCH is the verb.)

But the kitchen does not wait for you. An order is "received" for its first
seconds; then the cooks start, and a pizza in the oven cannot lose its
basil. From then on the kitchen answers `409 Conflict`: your request was
fine, but it clashes with the order's current state.

    409 Conflict
    {"type": "/problems/conflict", "title": "Conflict with the current state", "status": 409,
     "detail": "Order 4 is cooking: it can only be changed while it is received.",
     "current_status": "cooking", "hint": "..."}

That is not a bug to report: it is news for the guest. Raise your own
exception, `KitchenAlreadyCooking`, so the caller can tell the guest "too
late" (or order something extra instead).

Your task
---------
Write `change_order(base_url, order_id, dishes=None, notes=None)`. It sends
ONE `PATCH {base_url}/orders/{order_id}` (with a timeout) with a JSON body
that holds only what changes:

- `"items"`: when dishes is not None, the new lines, built from the
  `{dish_id: quantity}` dict as in exercise 8;
- `"notes"`: when notes is not None.

(Give at least one of the two.) It returns the changed order from the 200
answer (the JSON body, a dict), and:

- on 409, raises `KitchenAlreadyCooking(order_id, status, detail)`, with the
  problem's `current_status` and `detail` (the class is written for you, below);
- on any other error status (404, 422, ...), raises `requests.HTTPError`.

Read: https://requests.readthedocs.io/en/latest/api/#requests.patch
and https://developer.mozilla.org/en-US/docs/Web/HTTP/Methods/PATCH
"""

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
    raise NotImplementedError
