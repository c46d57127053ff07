# valid: json.loads on the raw bytes (JSON is UTF-8: json finds the encoding itself)
import json

import requests


def get_menu(base_url):
    response = requests.get(f"{base_url}/menu", timeout=5)
    response.raise_for_status()
    return json.loads(response.content)["items"]
