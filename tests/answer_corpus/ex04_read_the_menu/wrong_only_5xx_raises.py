# wrong: raises only for 5xx, so a 404 is read as a menu
# expect: 404 is an error status too
import requests


def get_menu(base_url: str) -> list[dict]:
    """Return the dishes on the menu (a list of dicts); raise requests.HTTPError on an error status."""
    response = requests.get(f"{base_url}/menu", timeout=5)
    if response.status_code >= 500:
        response.raise_for_status()
    return response.json()["items"]
