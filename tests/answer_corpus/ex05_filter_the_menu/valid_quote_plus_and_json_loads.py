# valid: the query written with urllib.parse.quote_plus in a loop, json.loads on the bytes, a Session
import json
from urllib.parse import quote_plus

import requests


def find_dishes(base_url, category=None, vegetarian=None, max_price=None):
    parts = []
    if category is not None:
        parts.append("category=" + quote_plus(category))
    if vegetarian is not None:
        parts.append("vegetarian=" + ("true" if vegetarian else "false"))
    if max_price is not None:
        parts.append(f"max_price={max_price}")
    url = f"{base_url}/menu"
    if parts:
        url += "?" + "&".join(parts)
    with requests.Session() as session:
        response = session.get(url, timeout=5)
    response.raise_for_status()
    return json.loads(response.content)["items"]
