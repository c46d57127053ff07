# valid: raise_for_status in a try, a 401 turned into WrongCredentials from the HTTPError, json.loads on the bytes
import json

import requests
from requests.auth import HTTPBasicAuth


class WrongCredentials(Exception):
    """The kitchen does not know this username and password (it answered 401)."""


def get_token(base_url: str, username: str, password: str) -> str:
    response = requests.post(base_url + "/auth/token", auth=HTTPBasicAuth(username, password), timeout=5)
    try:
        response.raise_for_status()
    except requests.HTTPError as error:
        if error.response is not None and error.response.status_code == 401:
            raise WrongCredentials(f"unknown user or wrong password for {username}") from error
        raise
    return json.loads(response.content)["access_token"]
