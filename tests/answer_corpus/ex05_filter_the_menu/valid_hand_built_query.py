# valid: the query string built by hand with urlencode
from urllib.parse import urlencode

import requests


def find_dishes(base_url, category=None, vegetarian=None, max_price=None):
    pairs = []
    if category is not None:
        pairs.append(("category", category))
    if vegetarian is not None:
        pairs.append(("vegetarian", "true" if vegetarian else "false"))
    if max_price is not None:
        pairs.append(("max_price", str(max_price)))
    url = f"{base_url}/menu" + (f"?{urlencode(pairs)}" if pairs else "")
    response = requests.get(url, timeout=5)
    response.raise_for_status()
    return response.json()["items"]
