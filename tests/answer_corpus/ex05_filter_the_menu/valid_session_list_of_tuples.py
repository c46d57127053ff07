# valid: a Session, and params as a list of (name, value) tuples
import requests


def find_dishes(base_url, category=None, vegetarian=None, max_price=None):
    params = []
    if category is not None:
        params.append(("category", category))
    if vegetarian is not None:
        params.append(("vegetarian", "true" if vegetarian else "false"))
    if max_price is not None:
        params.append(("max_price", max_price))
    with requests.Session() as session:
        response = session.get(f"{base_url}/menu", params=params, timeout=5)
        response.raise_for_status()
        return response.json()["items"]
