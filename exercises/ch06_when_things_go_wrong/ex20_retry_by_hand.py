"""Exercise 20: Retry by hand.

The story
---------
Friday night, the kitchen is swamped. Now and then the waiter comes back with
"503 Service Unavailable: try again in a moment". That is not a "no": it is a
"not right now". A good guest waits a little and asks again, and waits a bit
longer each time (the kitchen needs room to breathe), but does not ask forever.

Some answers will never get better by asking again: a 404 (no such dish) or a
422 (your order is wrong) stays a 404 or a 422. Asking again is pointless.

And some requests are not safe to send twice: a POST may place a second order
if the first one did arrive and only the answer got lost. (Exercise 23 shows
how to make a POST safe to retry.)

Your task
---------
Write `send_with_retry(method, url, json=None, attempts=3, base_delay=0.5, sleep=time.sleep)`.
It sends `method url` (with `json` as the JSON body when it is not None, and
always a `timeout=`) and tries again when the failure is *transient*:

- the kitchen answered 502, 503 or 504, or
- the request raised `requests.exceptions.ConnectionError` or
  `requests.exceptions.Timeout` (the kitchen could not be reached, or did not
  answer in time).

Rules:

1. Any other answer (200, 201, 404, 409, 422, ...) is returned at once: return
   the `requests.Response`, without retrying.
2. At most `attempts` tries in all (the first one counts).
3. Between two tries, wait with the `sleep` function you are given (never
   `time.sleep` directly: the tests pass a fake one that records the waits):
   - if the answer has a `Retry-After` header (whole seconds, e.g. "3"),
     wait exactly that many seconds: the kitchen knows best;
   - otherwise back off exponentially: `base_delay` before the 2nd try,
     `2 * base_delay` before the 3rd, `4 * base_delay` before the 4th, ...
   Do not wait after the last try: nobody is going to use that wait.
4. Only retry methods that are safe to repeat (idempotent): GET, HEAD,
   OPTIONS, PUT and DELETE. POST and PATCH are sent once, whatever happens.
5. When the tries are used up (or the method may not be retried), give up
   loudly: for a 502/503/504 answer raise `requests.HTTPError`
   (`response.raise_for_status()` does it); for a connection error or a
   timeout, let that exception propagate (re-raise it).

Read: https://requests.readthedocs.io/en/latest/user/quickstart/#errors-and-exceptions
and https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Retry-After
"""

import time
from typing import Any, Callable, Optional

import requests


def send_with_retry(
    method: str,
    url: str,
    json: Optional[Any] = None,
    attempts: int = 3,
    base_delay: float = 0.5,
    sleep: Callable[[float], None] = time.sleep,
) -> requests.Response:
    """Send the request, retrying transient failures (502/503/504, connection errors) with backoff."""
    raise NotImplementedError
