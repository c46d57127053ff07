# wrong: sends one request per filter
# expect: the tests expected 1
import requests


def find_dishes(base_url, category=None, vegetarian=None, max_price=None):
    filters = {"category": category, "max_price": max_price}
    if vegetarian is not None:
        filters["vegetarian"] = "true" if vegetarian else "false"
    found = None
    for name, value in filters.items():
        if value is None:
            continue
        response = requests.get(f"{base_url}/menu", params={name: value}, timeout=5)
        response.raise_for_status()
        ids = {d["id"] for d in response.json()["items"]}
        found = ids if found is None else found & ids
    response = requests.get(f"{base_url}/menu", timeout=5)
    response.raise_for_status()
    return [d for d in response.json()["items"] if found is None or d["id"] in found]
