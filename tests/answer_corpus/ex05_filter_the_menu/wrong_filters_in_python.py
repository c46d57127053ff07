# wrong: asks for the whole menu and filters it in Python
# expect: The query string is not what the kitchen needs
import requests


def find_dishes(base_url, category=None, vegetarian=None, max_price=None):
    response = requests.get(f"{base_url}/menu", timeout=5)
    response.raise_for_status()
    dishes = response.json()["items"]
    return [
        d
        for d in dishes
        if (category is None or d["category"] == category)
        and (vegetarian is None or d["vegetarian"] == vegetarian)
        and (max_price is None or d["price"] <= max_price)
    ]
