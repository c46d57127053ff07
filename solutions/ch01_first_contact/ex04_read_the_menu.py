"""Exercise 4: Read the menu (reference solution)."""

import requests


def get_menu(base_url: str) -> list[dict]:
    """Return the dishes on the menu (a list of dicts); raise requests.HTTPError on an error status."""
    response = requests.get(f"{base_url}/menu", timeout=5)
    response.raise_for_status()
    return response.json()["items"]
