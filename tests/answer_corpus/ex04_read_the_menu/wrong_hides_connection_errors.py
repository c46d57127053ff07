# wrong: returns an empty menu when the kitchen cannot be reached
# expect: returning [] says the menu is empty
import requests


def get_menu(base_url: str) -> list[dict]:
    try:
        response = requests.get(f"{base_url}/menu", timeout=5)
    except requests.RequestException:
        return []
    response.raise_for_status()
    return response.json()["items"]
