# valid: a dataclass for the order, turned into JSON with dataclasses.asdict, notes added only when given
from dataclasses import asdict, dataclass, field
from typing import Optional

import requests


@dataclass
class Line:
    dish_id: int
    quantity: int


@dataclass
class NewOrder:
    table_id: int
    items: list = field(default_factory=list)


def place_order(base_url: str, table_id: int, dishes: dict[int, int], notes: Optional[str] = None) -> dict:
    order = NewOrder(table_id, [Line(dish_id, quantity) for dish_id, quantity in dishes.items()])
    body = asdict(order)
    if notes is not None:
        body["notes"] = notes
    response = requests.post(f"{base_url}/orders", json=body, headers={"Accept": "application/json"}, timeout=5)
    if response.status_code >= 400:
        raise requests.HTTPError(f"{response.status_code} {response.reason}", response=response)
    return response.json()
