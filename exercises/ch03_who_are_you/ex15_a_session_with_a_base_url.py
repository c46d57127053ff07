"""Exercise 15: A session with a base URL.

The story
---------
By now every call you write repeats the same things: the kitchen's address,
your token, a timeout. A regular guest does not introduce themselves to the
waiter at every course; the waiter remembers. `requests.Session` is that
waiter:

- it keeps default headers (`session.headers`) and sends them with every
  request, merged with the headers of each call;
- it keeps the connection to the kitchen open and reuses it, which is much
  faster than opening a new one for each request (`requests.get` opens and
  closes a fresh session every time);
- it keeps cookies between requests.

What a Session does not know is where the kitchen is, or a default timeout.
You will teach it both. `Session.get`, `.post`, `.put`, `.patch` and `.delete`
all call one method, `self.request(method, url, **kwargs)`: override that one,
and they all learn at once.

Your task
---------
Finish the class `KitchenSession`, a `requests.Session`:

- `KitchenSession(base_url, token=None, timeout=5.0)`: remember the base URL
  and the timeout; send `Accept: application/json` with every request, and
  `Authorization: Bearer <token>` too when a token is given (no Authorization
  header at all when `token` is None). Call `super().__init__()` first.
- `request(method, url, **kwargs)`: `url` is a path such as `"/menu"`; send
  the request to the base URL followed by that path, with the session's
  timeout unless the caller passed a `timeout=` of their own. Everything else
  the caller passed (`params=`, `json=`, `headers=` ...) goes along unchanged.
  Return the response, as `Session.request` does.

`base_url` may end with a slash, or with a path of its own:
`KitchenSession("http://host/team-7/").get("/menu")` asks for
`http://host/team-7/menu`. (Beware `urllib.parse.urljoin`: it drops the
`/team-7` of a base URL when the path starts with `/`.)

    with KitchenSession("http://127.0.0.1:8000", token=token) as kitchen:
        me = kitchen.get("/me").json()
        pizzas = kitchen.get("/menu", params={"category": "pizza"}).json()["items"]

Read: https://requests.readthedocs.io/en/latest/user/advanced/#session-objects
"""

from typing import Any, Optional

import requests


class KitchenSession(requests.Session):
    """A Session that knows the kitchen's address, shows your token, asks for JSON, and never waits forever."""

    def __init__(self, base_url: str, token: Optional[str] = None, timeout: float = 5.0) -> None:
        raise NotImplementedError

    def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        """Send `method` to base URL + `url` (a path), with the session's timeout unless one is given."""
        raise NotImplementedError
