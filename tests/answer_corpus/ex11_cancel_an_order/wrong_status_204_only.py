# wrong: returns whether the answer was 204, never raising
# expect: without raising
import requests


def cancel_order(base_url: str, order_id: int) -> bool:
    """Cancel the order: True when cancelled (204), False when too late (409); requests.HTTPError otherwise."""
    response = requests.delete(f"{base_url}/orders/{order_id}", timeout=5)
    return response.status_code == 204
