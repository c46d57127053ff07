# wrong: sends the request without a timeout
# expect: it sent no timeout
import requests


def is_open(base_url: str) -> bool:
    try:
        return requests.get(f"{base_url}/health").status_code == 200
    except (requests.ConnectionError, requests.Timeout):
        return False
