"""Exercise 16: Wait for the kitchen.

The story
---------
Your order is in. The kitchen does not call you when it is ready: you have to
ask the waiter, "is it ready yet?", again and again. This is *polling*:

    GET /orders/{order_id}
      -> 200  {"id": 42, "status": "received", "ready_in": 7.0, ...}
      -> 200  {"id": 42, "status": "cooking",  "ready_in": 4.0, ...}
      -> 200  {"id": 42, "status": "ready",    "ready_in": 0.0, ...}
      -> 404  a problem: there is no such order

A polite guest does two things a rude one does not:

- waits between two questions (`interval` seconds), instead of shouting
  "ready? ready? ready?" a thousand times a second;
- gives up after a while (`deadline` seconds), instead of waiting for ever
  for an order that will never come.

Your task
---------
Write `wait_until_ready(base_url, order_id, interval=1.0, deadline=30.0,
sleep=time.sleep, clock=time.monotonic)`:

1. Note the time you start: `started = clock()`.
2. Ask for the order: `GET {base_url}/orders/{order_id}` (with a timeout).
   On an error status raise `requests.HTTPError` (a missing order will not
   appear by waiting).
3. If its `status` is `"ready"`, return the order (the JSON dict).
4. If `deadline` seconds or more have passed since you started
   (`clock() - started >= deadline`), give up: raise `KitchenTooSlow`.
5. Otherwise wait `interval` seconds with `sleep(interval)`, and go back to 2.

Wait and read the time ONLY through the `sleep` and `clock` you are given:
they default to `time.sleep` and `time.monotonic`, and the tests pass
stand-ins, so that they can check your waiting without waiting for real.
(`time.monotonic()` is the right clock for measuring how long something
takes: unlike `time.time()` it never jumps when the computer's clock is set.
It does not start at 0, which is why you subtract the time you started at.)

Read: https://docs.python.org/3/library/time.html#time.monotonic
and https://requests.readthedocs.io/en/latest/user/quickstart/#timeouts (each request of the loop needs one too)
"""

import time
from typing import Callable

import requests


class KitchenTooSlow(TimeoutError):
    """The order was still not ready when the deadline passed."""


def wait_until_ready(
    base_url: str,
    order_id: int,
    interval: float = 1.0,
    deadline: float = 30.0,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> dict:
    """Poll GET /orders/{order_id} every `interval` seconds until it is ready; give up after `deadline` seconds."""
    raise NotImplementedError
