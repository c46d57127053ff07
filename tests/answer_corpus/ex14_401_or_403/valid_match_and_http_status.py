# valid: a match statement on http.HTTPStatus values, headers built only when there is a token, .get() on the detail
from http import HTTPStatus

import requests


class NotLoggedIn(Exception):
    def __init__(self, challenge: str) -> None:
        super().__init__(f"Not logged in; the kitchen asks for: {challenge or '(no WWW-Authenticate header)'}")
        self.challenge = challenge


class NotYours(Exception):
    """403: the kitchen knows who you are, and this is not yours. The message is the kitchen's detail."""


def get_bill(base_url, username, token=None):
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    response = requests.get(f"{base_url}/guests/{username}/bill", headers=headers, timeout=5)
    match response.status_code:
        case HTTPStatus.UNAUTHORIZED:
            raise NotLoggedIn(response.headers.get("www-authenticate", ""))
        case HTTPStatus.FORBIDDEN:
            raise NotYours(response.json().get("detail", "not yours"))
    response.raise_for_status()
    return response.json()
