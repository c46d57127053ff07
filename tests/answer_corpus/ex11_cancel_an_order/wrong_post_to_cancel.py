# wrong: POSTs to /orders/<id>/cancel
# expect: Which HTTP method removes the order
import requests


def cancel_order(base_url: str, order_id: int) -> bool:
    """Cancel the order: True when cancelled (204), False when too late (409); requests.HTTPError otherwise."""
    response = requests.post(f"{base_url}/orders/{order_id}/cancel", timeout=5)
    if response.status_code == 409:
        return False
    response.raise_for_status()
    return True
