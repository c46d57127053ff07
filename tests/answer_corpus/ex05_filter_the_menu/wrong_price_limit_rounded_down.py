# wrong: sends the price limit as int(max_price), thinking prices are whole euros, so 7.5 becomes 7
# expect: `max_price`: expected '7.5', got '7'
import requests


def find_dishes(base_url, category=None, vegetarian=None, max_price=None):
    params = {}
    if category is not None:
        params["category"] = category
    if vegetarian is not None:
        params["vegetarian"] = "true" if vegetarian else "false"
    if max_price is not None:
        params["max_price"] = int(max_price)
    response = requests.get(f"{base_url}/menu", params=params, timeout=5)
    response.raise_for_status()
    return response.json()["items"]
