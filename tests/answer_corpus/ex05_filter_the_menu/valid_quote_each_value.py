# valid: the query written by hand, each value escaped with urllib.parse.quote(safe="")
from urllib.parse import quote

import requests


def find_dishes(base_url, category=None, vegetarian=None, max_price=None):
    given = {"category": category, "vegetarian": vegetarian, "max_price": max_price}
    pairs = []
    for name, value in given.items():
        if value is None:
            continue
        text = ("true" if value else "false") if isinstance(value, bool) else str(value)
        pairs.append(f"{name}={quote(text, safe='')}")
    url = f"{base_url}/menu" + ("?" + "&".join(pairs) if pairs else "")
    response = requests.get(url, timeout=5)
    response.raise_for_status()
    return response.json()["items"]
