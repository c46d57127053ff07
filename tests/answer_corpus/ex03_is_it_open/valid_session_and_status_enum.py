# valid: a Session, HTTPStatus.OK, and a (connect, read) timeout
from http import HTTPStatus

import requests
from requests.exceptions import ConnectionError, Timeout


def is_open(base_url: str) -> bool:
    with requests.Session() as session:
        try:
            response = session.get(f"{base_url}/health", timeout=(3.05, 5))
        except (ConnectionError, Timeout):
            return False
    return response.status_code == HTTPStatus.OK
