# wrong: asks / instead of /health
# expect: /health
import requests


def is_open(base_url: str) -> bool:
    try:
        return requests.get(f"{base_url}/", timeout=5).status_code == 200
    except (requests.ConnectionError, requests.Timeout):
        return False
