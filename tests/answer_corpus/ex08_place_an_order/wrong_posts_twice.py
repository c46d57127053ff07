# wrong: posts the order again when the first answer is not 201
# expect: the tests expected 1
from typing import Optional

import requests


def place_order(base_url: str, table_id: int, dishes: dict[int, int], notes: Optional[str] = None) -> dict:
    """Order `dishes` ({dish_id: quantity}) for a table; return the kitchen's order (a dict)."""
    order: dict[str, object] = {
        "table_id": table_id,
        "items": [{"dish_id": dish_id, "quantity": quantity} for dish_id, quantity in dishes.items()],
    }
    if notes is not None:
        order["notes"] = notes
    response = requests.post(f"{base_url}/orders", json=order, timeout=5)
    if response.status_code != 201:
        response = requests.post(f"{base_url}/orders", json=order, timeout=5)
    response.raise_for_status()
    return response.json()
