# valid: a helper that makes the Authorization header, json.loads(response.text) after `response.ok`
import json

import requests


def auth_header(token):
    return {"Authorization": f"Bearer {token}"}


def who_am_i(base_url, token):
    response = requests.get(base_url + "/me", headers=auth_header(token), timeout=5)
    if not response.ok:
        response.raise_for_status()
    return json.loads(response.text)
