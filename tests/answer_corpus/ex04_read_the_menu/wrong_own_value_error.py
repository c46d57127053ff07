# wrong: raises a ValueError of its own instead of requests.HTTPError
# expect: it raises HTTPError
import requests


def get_menu(base_url: str) -> list[dict]:
    """Return the dishes on the menu (a list of dicts); raise requests.HTTPError on an error status."""
    response = requests.get(f"{base_url}/menu", timeout=5)
    if not response.ok:
        raise ValueError(f"the kitchen answered {response.status_code}")
    return response.json()["items"]
