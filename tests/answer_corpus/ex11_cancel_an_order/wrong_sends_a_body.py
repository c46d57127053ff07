# wrong: sends the order id in a JSON body as well
# expect: must have no body
import requests


def cancel_order(base_url: str, order_id: int) -> bool:
    """Cancel the order: True when cancelled (204), False when too late (409); requests.HTTPError otherwise."""
    response = requests.delete(f"{base_url}/orders/{order_id}", json={"id": order_id}, timeout=5)
    if response.status_code == 409:
        return False
    response.raise_for_status()
    return True
