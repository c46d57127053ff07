# wrong: leaves out empty notes (tests `if notes:`)
# expect: The JSON body is not what the kitchen needs
from typing import Optional

import requests


def place_order(base_url: str, table_id: int, dishes: dict[int, int], notes: Optional[str] = None) -> dict:
    """Order `dishes` ({dish_id: quantity}) for a table; return the kitchen's order (a dict)."""
    order: dict[str, object] = {
        "table_id": table_id,
        "items": [{"dish_id": dish_id, "quantity": quantity} for dish_id, quantity in dishes.items()],
    }
    if notes:
        order["notes"] = notes
    response = requests.post(f"{base_url}/orders", json=order, timeout=5)
    response.raise_for_status()
    return response.json()
