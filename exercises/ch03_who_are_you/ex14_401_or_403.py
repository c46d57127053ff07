"""Exercise 14: 401 or 403?

The story
---------
You ask the waiter for a bill. Two different refusals can come back, and they
mean different things:

- 401 Unauthorized: "I do not know who you are." You showed no token, or a
  token the kitchen does not accept (mistyped, or expired). Showing a good
  token may fix it. The answer carries a `WWW-Authenticate` header that says
  what the kitchen wants, e.g. `Bearer realm="restaurant"`, or
  `Bearer realm="restaurant", error="invalid_token", error_description="The access token expired"`.
- 403 Forbidden: "I know exactly who you are, and this is not yours." Asking
  again, with the same token, will never work. The problem in the body says
  why in its `detail`.

(The names are a historical muddle: 401 is about *authentication*, who you
are; 403 is about *authorization*, what you may do.)

    GET /guests/{username}/bill        Authorization: Bearer <token>
      -> 200  {"username": "ada", "orders": [1, 4], "total": 27.5, "paid": 0.0, "due": 27.5}
      -> 401  no token, or a bad one        (WWW-Authenticate says which)
      -> 403  a good token, someone else's bill   ({"detail": "You are signed in as 'ada'; ..."})

Your task
---------
Write `get_bill(base_url, username, token=None)`. It sends
`GET {base_url}/guests/{username}/bill` (with a timeout), with the header
`Authorization: Bearer <token>` when a token is given and no Authorization
header at all when `token` is None. It returns the bill (the JSON dict), and:

- on 401, raises `NotLoggedIn(challenge)` with the value of the response's
  `WWW-Authenticate` header (an empty string if there is none);
- on 403, raises `NotYours(detail)` with the `detail` of the problem in the
  body;
- on any other error status, raises `requests.HTTPError`.

Read: https://requests.readthedocs.io/en/latest/user/quickstart/#response-headers
and https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/401 (and /403)
"""

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
    raise NotImplementedError
