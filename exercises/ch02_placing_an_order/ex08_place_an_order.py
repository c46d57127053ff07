"""Exercise 8: Place an order.

The story
---------
You have a table; now you order. The order is a new thing in the kitchen, so
again you POST, this time to `/orders`, with a JSON body that nests: the
table, a list of lines (one per dish, with how many), and optional notes.

    POST /orders
    Content-Type: application/json

    {"table_id": 3, "items": [{"dish_id": 11, "quantity": 2}, {"dish_id": 17, "quantity": 1}], "notes": "no basil"}

and the kitchen answers

    201 Created
    Location: /orders/1

    {"id": 1, "table_id": 3, "status": "received", "total": 23.8, "notes": "no basil", "ready_in": 7.0,
     "items": [{"dish_id": 11, "name": "Pizza Margherita", "quantity": 2, "unit_price": 9.0, "line_total": 18.0},
               {"dish_id": 17, "name": "Apple crumble", "quantity": 1, "unit_price": 5.8, "line_total": 5.8}],
     ...}

In Python you hold the order as a dict from dish id to quantity,
`{11: 2, 17: 1}`; the kitchen wants a list of `{"dish_id": ..., "quantity": ...}`
objects. Turning one shape into the other is most of the work of a client.

The kitchen answers with the whole order as it sees it: its id, a status,
the names and prices of the dishes, the total. That answer is what you return:
it is the kitchen's truth, not your copy of the request.

Your task
---------
Write `place_order(base_url, table_id, dishes, notes=None)`. It sends ONE
`POST {base_url}/orders` (with a timeout) with the JSON body

    {"table_id": <table_id>, "items": [{"dish_id": <id>, "quantity": <n>}, ...], "notes": <notes>}

with one line per entry of `dishes`, in the same order, and `"notes"` only
when notes is not None. It returns the order from the kitchen's 201 answer
(the JSON body, a dict). On an error status it raises `requests.HTTPError`.

Read: https://requests.readthedocs.io/en/latest/user/quickstart/#more-complicated-post-requests
"""

from typing import Optional

import requests


def place_order(base_url: str, table_id: int, dishes: dict[int, int], notes: Optional[str] = None) -> dict:
    """Order `dishes` ({dish_id: quantity}) for a table; return the kitchen's order (a dict)."""
    raise NotImplementedError
