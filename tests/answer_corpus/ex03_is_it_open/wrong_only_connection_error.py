# wrong: catches ConnectionError only, so a read timeout crashes it
# expect: ReadTimeout
import requests


def is_open(base_url: str) -> bool:
    try:
        response = requests.get(f"{base_url}/health", timeout=5)
    except requests.exceptions.ConnectionError:
        return False
    return response.status_code == 200
