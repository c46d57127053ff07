# wrong: does not catch a kitchen that cannot be reached
# expect: ConnectionError
import requests


def is_open(base_url: str) -> bool:
    return requests.get(f"{base_url}/health", timeout=5).status_code == 200
