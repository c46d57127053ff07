"""Exercise 23: Pay once.

The story
---------
Dinner is over and you pay 23.50 by card. The waiter carries the payment to
the kitchen's till... and the line goes dead. Did the payment go through?
You cannot know: maybe your request never arrived, maybe it arrived, you were
charged, and only the answer got lost. Pay again, and you may pay twice.

That is why exercise 20 never retried a POST. The cure is an *idempotency
key*: a unique name you give to ONE payment, sent in a header:

    POST /payments
    Idempotency-Key: 9b0c7d7e-3f4a-4a8e-9a43-5f3b7f0e2c11
    {"order_id": 7, "amount": 23.5, "tip": 2.0}
    ->  201  {"id": 1, "order_id": 7, "amount": 23.5, "tip": 2.0, "total": 25.5, "status": "captured", ...}

The kitchen remembers every key it has charged. When the same key comes back
with the same body, it does not charge again: it answers what it answered the
first time. So you can retry safely, as long as every retry of this payment
carries the SAME key. A new key on a retry is a new payment: charged twice.
And a new payment (another call to `pay`) needs a new key, or the kitchen
thinks it is the old one.

Your task
---------
Write `pay(base_url, order_id, amount, tip=0.0, attempts=3, delay=1.0, timeout=5.0, sleep=time.sleep)`.

1. Make ONE new key for this payment: `str(uuid.uuid4())` is a good one.
2. Send `POST {base_url}/payments` with the JSON body
   `{"order_id": order_id, "amount": amount, "tip": tip}`, the header
   `Idempotency-Key: <your key>` and `timeout=timeout`.
3. 201: return the payment (the JSON object of the answer).
4. A transient failure (a 502, 503 or 504 answer, or a
   `requests.exceptions.ConnectionError` or `requests.exceptions.Timeout`):
   wait `delay` seconds with the `sleep` you are given (not `time.sleep`),
   then send the same request again: same body, SAME key. At most `attempts`
   tries in all; do not wait after the last one.
5. Give up loudly: any other error status (a 422 for a wrong amount, ...)
   raises `requests.HTTPError` at once; when the tries are used up, raise
   `requests.HTTPError` for a 5xx answer (`raise_for_status()`), or re-raise
   the connection error or timeout.

Read: https://requests.readthedocs.io/en/latest/user/quickstart/#custom-headers
and https://docs.python.org/3/library/uuid.html#uuid.uuid4
"""

import time
import uuid
from typing import Callable

import requests


def pay(
    base_url: str,
    order_id: int,
    amount: float,
    tip: float = 0.0,
    attempts: int = 3,
    delay: float = 1.0,
    timeout: float = 5.0,
    sleep: Callable[[float], None] = time.sleep,
) -> dict:
    """Pay for an order once, retrying transient failures with the same Idempotency-Key; return the payment."""
    raise NotImplementedError
