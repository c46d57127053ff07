# wrong: catches the HTTPError it raised and returns an empty list
# expect: without raising
import requests


def get_menu(base_url: str) -> list[dict]:
    """Return the dishes on the menu (a list of dicts); raise requests.HTTPError on an error status."""
    response = requests.get(f"{base_url}/menu", timeout=5)
    try:
        response.raise_for_status()
    except requests.HTTPError:
        return []
    return response.json()["items"]
