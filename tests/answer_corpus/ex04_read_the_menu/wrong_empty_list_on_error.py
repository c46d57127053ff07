# wrong: returns an empty list on an error status
# expect: without raising
import requests


def get_menu(base_url: str) -> list[dict]:
    """Return the dishes on the menu (a list of dicts); raise requests.HTTPError on an error status."""
    response = requests.get(f"{base_url}/menu", timeout=5)
    if response.status_code != 200:
        return []
    return response.json()["items"]
