"""Exercise 21: Retry with urllib3.

The story
---------
Your retry loop from exercise 20 works, but every program that talks to the
kitchen needs one, and hand-written loops grow bugs. `requests` sits on top of
`urllib3`, which already knows how to retry: describe the policy once with
`urllib3.util.Retry`, give it to an `HTTPAdapter`, and mount that adapter on a
`requests.Session`. From then on every request sent through the session
retries by itself.

    retry = Retry(total=3, backoff_factor=0.5, status_forcelist=(502, 503, 504))
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("http://", adapter)

`Retry` follows the same rules you wrote by hand: it backs off exponentially
(`backoff_factor`), honours a `Retry-After` header, retries only idempotent
methods by default (never a POST), retries connection errors too, and stops
after `total` retries.

Your task
---------
Write `make_resilient_session(total=3, backoff_factor=0.5, status_forcelist=(502, 503, 504))`.
It returns a `requests.Session` on which an `HTTPAdapter` with
`max_retries=Retry(...)` is mounted for both `http://` and `https://`, with:

- `total`: at most that many retries (so `total + 1` requests in all);
- `backoff_factor`: the backoff, as given;
- `status_forcelist`: the statuses to retry, as given;
- the default methods (GET, PUT, DELETE, ...: a POST is never retried);
- when the retries run out, the session raises
  `requests.exceptions.RetryError` (that is urllib3's default,
  `raise_on_status=True`: leave it on).

A Session has no default timeout: whoever uses it still passes `timeout=`.

Read: https://requests.readthedocs.io/en/latest/user/advanced/#transport-adapters
and https://urllib3.readthedocs.io/en/stable/reference/urllib3.util.html#urllib3.util.Retry
"""

from typing import Sequence

import requests
from requests.adapters import HTTPAdapter
from urllib3.util import Retry


def make_resilient_session(
    total: int = 3,
    backoff_factor: float = 0.5,
    status_forcelist: Sequence[int] = (502, 503, 504),
) -> requests.Session:
    """Return a Session whose requests retry transient failures through urllib3's Retry."""
    raise NotImplementedError
