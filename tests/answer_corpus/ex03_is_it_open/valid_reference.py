# valid: the reference solution
import requests


def is_open(base_url: str) -> bool:
    """Return True if the kitchen at `base_url` answers GET /health with 200."""
    try:
        response = requests.get(f"{base_url}/health", timeout=5)
    except (requests.exceptions.ConnectionError, requests.exceptions.Timeout):
        return False
    return response.status_code == 200
