"""Exercise 22: Respect rate limits.

The story
---------
Your friends want to know everything about five dishes, so you send the
waiter to the kitchen for one dish after another, as fast as you can. After a
couple of trips the waiter stops: "429 Too Many Requests. One at a time,
please: come back in 10 seconds."

    GET /menu/3  ->  429  Retry-After: 10
                          {"type": "/problems/rate-limited", "title": "Too many requests", ...}

Every client gets a budget of requests per window of time. Spend it and the
kitchen answers 429, with a `Retry-After` header that says how many seconds
to wait before the budget is back. A polite client waits exactly that long
and asks again. An impolite one asks again at once (the kitchen only answers
429 again, and may block it), or waits a fixed second it made up, or keeps
asking forever.

Your task
---------
Write `get_dishes(base_url, dish_ids, max_waits=3, sleep=time.sleep)`. For each
id in `dish_ids`, in order, it sends `GET {base_url}/menu/{dish_id}` (with a
timeout) and collects the dish (the JSON object of the answer). It returns the
list of dishes, in the order of `dish_ids`.

When the kitchen answers 429:

- wait as many seconds as its `Retry-After` header says (a whole number, e.g.
  "10"), with the `sleep` function you are given (never `time.sleep`
  directly: the tests pass a fake one); if the header is missing, wait 1 s;
- then ask again for the same dish;
- wait at most `max_waits` times for one dish; if the kitchen still answers
  429 after that, give up: raise `requests.HTTPError`
  (`response.raise_for_status()` does it). The count starts again at 0 for
  the next dish.

Any other error status (404 for an unknown dish, ...) raises
`requests.HTTPError` at once, without waiting.

Read: https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/429
and https://requests.readthedocs.io/en/latest/user/quickstart/#response-headers
"""

import time
from typing import Callable, Sequence

import requests


def get_dishes(
    base_url: str,
    dish_ids: Sequence[int],
    max_waits: int = 3,
    sleep: Callable[[float], None] = time.sleep,
) -> list[dict]:
    """Return the dishes with these ids, waiting Retry-After seconds whenever the kitchen answers 429."""
    raise NotImplementedError
