# valid: a helper that raises for an error status, http.HTTPStatus, and json.loads(response.text)
import json
from http import HTTPStatus

import requests


def _checked(response):
    if response.status_code >= HTTPStatus.BAD_REQUEST:
        response.raise_for_status()
    return response


def get_menu(base_url):
    response = _checked(requests.get(base_url + "/menu", headers={"Accept": "application/json"}, timeout=5))
    menu = json.loads(response.text)
    return menu["items"]
