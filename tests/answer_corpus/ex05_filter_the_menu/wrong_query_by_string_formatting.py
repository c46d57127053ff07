# wrong: writes the filters into the URL with an f-string, so a & or + in the category breaks the query
# expect: The query string is not what the kitchen needs
import requests


def find_dishes(base_url, category=None, vegetarian=None, max_price=None):
    parts = []
    if category is not None:
        parts.append(f"category={category}")
    if vegetarian is not None:
        parts.append(f"vegetarian={str(vegetarian).lower()}")
    if max_price is not None:
        parts.append(f"max_price={max_price}")
    url = f"{base_url}/menu"
    if parts:
        url += "?" + "&".join(parts)
    response = requests.get(url, timeout=5)
    response.raise_for_status()
    return response.json()["items"]
