# valid: a Session whose auth is the (username, password) pair, http.HTTPStatus.UNAUTHORIZED, .get() on the token
from http import HTTPStatus

import requests


class WrongCredentials(Exception):
    """The kitchen does not know this username and password (it answered 401)."""


def get_token(base_url, username, password):
    with requests.Session() as session:
        session.auth = (username, password)
        response = session.post(f"{base_url}/auth/token", timeout=5)
    if response.status_code == HTTPStatus.UNAUTHORIZED:
        raise WrongCredentials(username)
    response.raise_for_status()
    token = response.json().get("access_token")
    if not token:
        raise ValueError("the kitchen answered without an access_token")
    return token
