# valid: checks `response.ok` first, then lets raise_for_status say why
import requests


def get_menu(base_url):
    response = requests.get(base_url + "/menu", timeout=(2, 10))
    if not response.ok:
        response.raise_for_status()
    return list(response.json()["items"])
