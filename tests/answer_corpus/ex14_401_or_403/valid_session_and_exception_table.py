# valid: a Session, a dict from status to a function that makes the exception, json.loads(response.text)
import json

import requests


class NotLoggedIn(Exception):
    def __init__(self, challenge: str) -> None:
        super().__init__(f"Not logged in; the kitchen asks for: {challenge or '(no WWW-Authenticate header)'}")
        self.challenge = challenge


class NotYours(Exception):
    """403: the kitchen knows who you are, and this is not yours. The message is the kitchen's detail."""


REFUSALS = {
    401: lambda response: NotLoggedIn(response.headers.get("WWW-Authenticate", "")),
    403: lambda response: NotYours(json.loads(response.text)["detail"]),
}


def get_bill(base_url: str, username: str, token=None) -> dict:
    session = requests.Session()
    if token:
        session.headers["Authorization"] = "Bearer " + token
    try:
        response = session.get(f"{base_url}/guests/{username}/bill", timeout=5)
    finally:
        session.close()
    if response.status_code in REFUSALS:
        raise REFUSALS[response.status_code](response)
    response.raise_for_status()
    return json.loads(response.text)
