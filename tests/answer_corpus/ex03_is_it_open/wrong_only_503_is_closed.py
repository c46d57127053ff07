# wrong: treats only 503 as closed, so a broken kitchen (500) counts as open
# expect: Only a 200 answer means open
import requests


def is_open(base_url: str) -> bool:
    try:
        response = requests.get(f"{base_url}/health", timeout=5)
    except (requests.ConnectionError, requests.Timeout):
        return False
    return response.status_code != 503
