# wrong: reads the 403's detail from response.content.decode("latin-1"), so the kitchen's dash comes out as mojibake
# expect: NotYours should carry the kitchen's explanation, exactly
import json

import requests


class NotLoggedIn(Exception):
    def __init__(self, challenge: str) -> None:
        super().__init__(f"Not logged in; the kitchen asks for: {challenge or '(no WWW-Authenticate header)'}")
        self.challenge = challenge


class NotYours(Exception):
    """403: the kitchen knows who you are, and this is not yours. The message is the kitchen's detail."""


def get_bill(base_url, username, token=None):
    headers = {} if token is None else {"Authorization": f"Bearer {token}"}
    response = requests.get(f"{base_url}/guests/{username}/bill", headers=headers, timeout=5)
    if response.status_code == 401:
        raise NotLoggedIn(response.headers.get("WWW-Authenticate", ""))
    if response.status_code == 403:
        raise NotYours(json.loads(response.content.decode("latin-1"))["detail"])
    response.raise_for_status()
    return response.json()
