# valid: every filter in params, None ones left out by requests itself
import requests


def find_dishes(base_url, category=None, vegetarian=None, max_price=None):
    params = {
        "category": category,
        "vegetarian": None if vegetarian is None else str(vegetarian).lower(),
        "max_price": max_price,
    }
    response = requests.get(f"{base_url}/menu", params=params, timeout=5)
    response.raise_for_status()
    return response.json()["items"]
