# wrong: sends the request without a timeout
# expect: it sent no timeout
import requests


def get_menu(base_url: str) -> list[dict]:
    """Return the dishes on the menu (a list of dicts); raise requests.HTTPError on an error status."""
    response = requests.get(f"{base_url}/menu")
    response.raise_for_status()
    return response.json()["items"]
