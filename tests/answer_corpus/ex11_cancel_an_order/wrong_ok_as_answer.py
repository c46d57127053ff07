# wrong: returns `response.ok`, so a 404 is False instead of an error
# expect: Only 409 is 'too late'
import requests


def cancel_order(base_url: str, order_id: int) -> bool:
    """Cancel the order: True when cancelled (204), False when too late (409); requests.HTTPError otherwise."""
    response = requests.delete(f"{base_url}/orders/{order_id}", timeout=5)
    return response.ok
