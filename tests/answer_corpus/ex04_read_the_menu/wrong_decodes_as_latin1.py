# wrong: decodes the body by hand as Latin-1 before parsing it, so Tiramisù comes back as TiramisÃ¹
# expect: expected 'Tiramisù', got 'TiramisÃ¹'
import json

import requests


def get_menu(base_url):
    response = requests.get(f"{base_url}/menu", timeout=5)
    response.raise_for_status()
    return json.loads(response.content.decode("latin-1"))["items"]
