# valid: json.loads(response.text), with the encoding set to UTF-8 first (JSON's own)
import json

import requests


def get_menu(base_url):
    response = requests.get(f"{base_url}/menu", timeout=5)
    response.raise_for_status()
    response.encoding = "utf-8"
    return json.loads(response.text)["items"]
