"""Exercise 17: Timeouts.

The story
---------
Today's specials are chalked on a board at the back of the kitchen, and the
waiter sometimes takes ages to go and read it. You would rather order from
the menu than sit there waiting: if the waiter is not back in time, there are
no specials for you today.

    GET /kitchen/specials              (the kitchen takes its time: 2 seconds)
    GET /kitchen/specials?delay=0.5    (for practice: the kitchen takes 0.5 seconds)
      -> 200  {"items": [{"id": 3, "name": "Calamari", ...}, ...], "count": 3, "waited": 0.5}

A `timeout=` in requests is really two timeouts, and you can give them
separately as a pair `timeout=(connect, read)`:

- connect: how long to wait for the kitchen to pick up the phone at all.
  Short: a kitchen that is there answers this in milliseconds.
- read: how long to wait for the answer once connected (between two bytes of
  it). This one depends on the endpoint: a slow one needs more.

When a timeout passes, requests gives up and raises `requests.Timeout`: a
`requests.ConnectTimeout` or a `requests.ReadTimeout`. Without a timeout,
requests would wait for ever.

Your task
---------
Write `todays_specials(base_url, read_timeout=2.0, connect_timeout=3.05,
delay=None)`. It sends `GET {base_url}/kitchen/specials` with
`timeout=(connect_timeout, read_timeout)`, plus the query parameter `delay`
when `delay` is not None (only for practice: it makes the kitchen slow on
purpose), and returns the `"items"` of the answer.

- If either timeout passes (`requests.Timeout`), return an empty list: no
  specials today.
- Anything else is not "slow", it is broken, and must not be hidden: an error
  status raises `requests.HTTPError`, and a kitchen that cannot be reached at
  all lets its `requests.ConnectionError` through.

Try it by hand against a running kitchen: `todays_specials(url, read_timeout=1,
delay=3)` comes back after one second with `[]`.

Read: https://requests.readthedocs.io/en/latest/user/advanced/#timeouts
"""

from typing import Optional

import requests


def todays_specials(
    base_url: str,
    read_timeout: float = 2.0,
    connect_timeout: float = 3.05,
    delay: Optional[float] = None,
) -> list[dict]:
    """Return today's specials, or [] if the kitchen does not answer in time."""
    raise NotImplementedError
