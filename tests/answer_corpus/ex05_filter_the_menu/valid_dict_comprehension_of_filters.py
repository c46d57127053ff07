# valid: the filters in a dict comprehension that drops the None ones, vegetarian as str(bool).lower()
import requests


def find_dishes(base_url, category=None, vegetarian=None, max_price=None):
    filters = {"category": category, "vegetarian": vegetarian, "max_price": max_price}
    params = {name: value for name, value in filters.items() if value is not None}
    if "vegetarian" in params:
        params["vegetarian"] = str(params["vegetarian"]).lower()
    response = requests.get(f"{base_url}/menu", params=params, timeout=5)
    response.raise_for_status()
    return response.json()["items"]
