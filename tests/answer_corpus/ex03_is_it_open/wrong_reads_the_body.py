# wrong: reads the JSON body to decide, so an HTML error page crashes it
# expect: text/html
import requests


def is_open(base_url: str) -> bool:
    try:
        response = requests.get(f"{base_url}/health", timeout=5)
    except (requests.ConnectionError, requests.Timeout):
        return False
    return response.json().get("status") == "open"
