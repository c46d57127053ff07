"""Exercise 19: Cache with an ETag.

The story
---------
You ask for the menu at every course, but the menu hardly ever changes. The
waiter fetching the whole card again each time is a waste of his legs. So the
card has a version mark on it, the *ETag*. Keep the card and its mark, and
next time ask only "is it still the one with this mark?" by sending the
mark back in an `If-None-Match` header:

    GET /menu
      -> 200  {"items": [...], "count": 21}
              ETag: "0dede6a5d816c26cfcdbe09aa9ceee8e1d604321"
    GET /menu
    If-None-Match: "0dede6a5d816c26cfcdbe09aa9ceee8e1d604321"
      -> 304 Not Modified   (no body at all: your copy is still good)
      -> 200 with a new ETag and the new menu, if it did change

The ETag is opaque: send it back exactly as you got it, quotes included.

Your task
---------
Finish the class `MenuCache`:

- `MenuCache(base_url)` remembers the kitchen's address. Nothing is cached
  yet, and no request is sent.
- `get_menu()` returns the list of dishes (the `"items"` of `GET
  {base_url}/menu`), with a timeout:
  - the first time, ask without If-None-Match;
  - once you have an ETag, send it as `If-None-Match`;
  - on 304, return the dishes you kept (a 304 has no body to read);
  - on 200, keep the new dishes and the new ETag (or no ETag, if the answer
    has none), and return the dishes;
  - on an error status, raise `requests.HTTPError`.

Each MenuCache keeps its own copy: two caches do not share what they know.

Read: https://developer.mozilla.org/en-US/docs/Web/HTTP/Caching#etagif-none-match
and https://requests.readthedocs.io/en/latest/user/quickstart/#response-headers
"""

from typing import Optional

import requests


class MenuCache:
    """The menu, fetched once and then only checked with If-None-Match."""

    def __init__(self, base_url: str) -> None:
        raise NotImplementedError

    def get_menu(self) -> list[dict]:
        """The dishes on the menu: from the kitchen when it changed, from the cache on 304."""
        raise NotImplementedError
