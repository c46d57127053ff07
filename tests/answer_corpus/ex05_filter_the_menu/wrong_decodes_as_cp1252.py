# wrong: decodes the menu by hand as Windows-1252 (the console's code page), so "più formaggio" comes back as "piÃ¹"
# expect: got 'Gorgonzola, fontina, parmigiano e taleggio: piÃ¹
import json

import requests


def find_dishes(base_url, category=None, vegetarian=None, max_price=None):
    params = {}
    if category is not None:
        params["category"] = category
    if vegetarian is not None:
        params["vegetarian"] = "true" if vegetarian else "false"
    if max_price is not None:
        params["max_price"] = max_price
    response = requests.get(f"{base_url}/menu", params=params, timeout=5)
    response.raise_for_status()
    return json.loads(response.content.decode("cp1252"))["items"]
