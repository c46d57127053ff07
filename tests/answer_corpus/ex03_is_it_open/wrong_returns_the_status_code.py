# wrong: returns the status code instead of a bool
# expect: return True (a bool
import requests


def is_open(base_url: str):
    try:
        return requests.get(f"{base_url}/health", timeout=5).status_code
    except (requests.ConnectionError, requests.Timeout):
        return False
