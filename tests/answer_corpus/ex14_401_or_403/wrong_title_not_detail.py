# wrong: gives NotYours the problem's title
# expect: the `detail` of the problem
from typing import Optional

import requests


class NotLoggedIn(Exception):
    """401: the kitchen does not know who you are. `challenge` is its WWW-Authenticate header."""

    def __init__(self, challenge: str) -> None:
        super().__init__(f"Not logged in; the kitchen asks for: {challenge or '(no WWW-Authenticate header)'}")
        self.challenge = challenge


class NotYours(Exception):
    """403: the kitchen knows who you are, and this is not yours. The message is the kitchen's detail."""


def get_bill(base_url: str, username: str, token: Optional[str] = None) -> dict:
    """Return the bill of `username`; raise NotLoggedIn on 401, NotYours on 403, HTTPError otherwise."""
    headers = {}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    response = requests.get(f"{base_url}/guests/{username}/bill", headers=headers, timeout=5)
    if response.status_code == 401:
        raise NotLoggedIn(response.headers.get("WWW-Authenticate", ""))
    if response.status_code == 403:
        raise NotYours(response.json()["title"])
    response.raise_for_status()
    return response.json()
