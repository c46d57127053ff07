# valid: raise_for_status in a try, a 409 caught as HTTPError and turned into False
import requests


def cancel_order(base_url, order_id):
    response = requests.delete(base_url + "/orders/" + str(order_id), timeout=5)
    try:
        response.raise_for_status()
    except requests.exceptions.HTTPError:
        if response.status_code == 409:
            return False
        raise
    return True
