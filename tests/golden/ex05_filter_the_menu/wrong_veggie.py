# wrong: the vegetarian filter sent as `veggie`, a name the kitchen does not know
# expect: Unknown query parameter 'veggie'
from typing import Optional

import requests


def find_dishes(
    base_url: str,
    category: Optional[str] = None,
    vegetarian: Optional[bool] = None,
    max_price: Optional[float] = None,
) -> list[dict]:
    """Return the dishes matching the given filters; filters that are None are not sent."""
    params: dict[str, object] = {}
    if category is not None:
        params["category"] = category
    if vegetarian is not None:
        params["veggie"] = "true" if vegetarian else "false"
    if max_price is not None:
        params["max_price"] = max_price
    response = requests.get(f"{base_url}/menu", params=params, timeout=5)
    response.raise_for_status()
    return response.json()["items"]
