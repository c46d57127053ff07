"""Exercise 13: Show your token.

The story
---------
You have a token from the front desk (exercise 12). Now every time you want
something that is yours, you show it to the waiter. In HTTP you show it in
the `Authorization` header, after the word `Bearer` ("whoever bears this
token is me") and one space:

    GET /me
    Authorization: Bearer daqR92PzoSqCml73ks54DpsAbNG-jNpc

      -> 200  {"username": "ada", "name": "Ada Lovelace"}
      -> 401  a problem: no token, a token without "Bearer ", or an unknown
              or expired token (the WWW-Authenticate header says which)

The token is as good as your password while it lasts: it goes in that header
only, never in the address (`?token=...` would end up in logs).

Your task
---------
Write `who_am_i(base_url, token)`. It sends `GET {base_url}/me` with the
header `Authorization: Bearer <token>` (and a timeout) and returns the
answer's JSON, a dict with `username` and `name`. On an error status, raise
`requests.HTTPError`.

Read: https://requests.readthedocs.io/en/latest/user/quickstart/#custom-headers
"""

import requests


def who_am_i(base_url: str, token: str) -> dict:
    """Ask GET /me who the bearer of `token` is; return the answer (username and name)."""
    raise NotImplementedError
