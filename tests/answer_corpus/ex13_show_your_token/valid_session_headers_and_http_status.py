# valid: a Session whose headers hold the token, http.HTTPStatus.OK checked, else raise_for_status
from http import HTTPStatus

import requests


def who_am_i(base_url: str, token: str) -> dict:
    with requests.Session() as session:
        session.headers.update({"Authorization": "Bearer " + token, "Accept": "application/json"})
        response = session.get(f"{base_url}/me", timeout=5)
    if response.status_code == HTTPStatus.OK:
        return response.json()
    response.raise_for_status()
    raise requests.HTTPError(f"unexpected status {response.status_code}", response=response)
