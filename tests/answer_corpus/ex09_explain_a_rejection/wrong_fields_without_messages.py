# wrong: names the fields to fix but not what is wrong with them
# expect: in the kitchen's own words
from typing import Optional

import requests

REFUSALS = (400, 415, 422)


class OrderRejected(Exception):
    """The kitchen refused the order (400, 415 or 422). Already written: raise it with a message you build."""

    def __init__(self, message: str, *, status: int, detail: str, errors: list[dict]) -> None:
        super().__init__(message)
        self.status = status
        self.detail = detail
        self.errors = errors


def place_order(base_url: str, table_id: int, dishes: dict[int, int], notes: Optional[str] = None) -> dict:
    """Place an order (as in exercise 8); raise OrderRejected, in the kitchen's words, on 400, 415 and 422."""
    order: dict[str, object] = {
        "table_id": table_id,
        "items": [{"dish_id": dish_id, "quantity": quantity} for dish_id, quantity in dishes.items()],
    }
    if notes is not None:
        order["notes"] = notes
    response = requests.post(f"{base_url}/orders", json=order, timeout=5)
    if response.status_code in REFUSALS:
        problem = response.json()
        errors = problem.get("errors", [])
        lines = [f"The kitchen refused the order ({response.status_code}): {problem['detail']}"]
        lines += [f"  - {error['field']}" for error in errors]
        raise OrderRejected("\n".join(lines), status=response.status_code, detail=problem["detail"], errors=errors)
    response.raise_for_status()
    return response.json()
