"""Exercise 12: Get a token.

The story
---------
Some things in this restaurant are not for everyone: your bill, your reviews.
Before the waiter shows you those, you prove who you are. You do that once, at
the front desk: you give your name and your password, and the desk hands you a
*token*, a long random string that stands for you. From then on you show the
token, never the password again (exercise 13).

Giving a name and a password in HTTP has a standard form, *HTTP Basic
authentication*: the request carries a header

    Authorization: Basic <base64 of "username:password">

`requests` writes it for you when you pass `auth=(username, password)`. The
password does not go in the body, and never in the address (a query string
ends up in logs and browser history).

    POST /auth/token   (with HTTP Basic, no body)
      -> 200  {"access_token": "daqR92Pz...", "token_type": "Bearer", "expires_in": 3600}
      -> 401  a problem: unknown username or wrong password

The demo guests are ada/lovelace, grace/hopper and alan/turing.

Your task
---------
Write `get_token(base_url, username, password)`. It sends
`POST {base_url}/auth/token` with the credentials as HTTP Basic (and a
timeout), and returns the access token: the string, not the whole answer.

- 401 means the kitchen does not know these credentials: raise
  `WrongCredentials` (defined below).
- Any other error status is not about the password: raise
  `requests.HTTPError` (`response.raise_for_status()` does that).

Read: https://requests.readthedocs.io/en/latest/user/authentication/#basic-authentication
"""

import requests


class WrongCredentials(Exception):
    """The kitchen does not know this username and password (it answered 401)."""


def get_token(base_url: str, username: str, password: str) -> str:
    """Trade a username and password (HTTP Basic) for a bearer token; return the token string."""
    raise NotImplementedError
