# valid: max_price sent as float(max_price), so 12 goes as "12.0": the kitchen reads the same limit
import requests


def find_dishes(base_url, category=None, vegetarian=None, max_price=None):
    params = {}
    if category is not None:
        params["category"] = category
    if vegetarian is not None:
        params["vegetarian"] = "true" if vegetarian else "false"
    if max_price is not None:
        params["max_price"] = float(max_price)
    response = requests.get(f"{base_url}/menu", params=params, timeout=5)
    response.raise_for_status()
    return response.json()["items"]
