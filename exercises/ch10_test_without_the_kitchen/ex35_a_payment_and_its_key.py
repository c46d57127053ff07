"""Exercise 35: A payment and its key.

The story
---------
A payment is the one request that must never happen twice. The front desk
sends `POST /payments` with a JSON body and an `Idempotency-Key` header: a
name for this one payment. If the answer gets lost on the way back, the
desk cannot know whether the guest was charged; so it does NOT send the
POST again by itself. It raises `PaymentUncertain`, carrying the key it
sent, and the caller may pay again WITH THAT SAME KEY: the kitchen then
recognises the payment and charges nobody twice.

A lost answer is hard to arrange with a real kitchen. With requests-mock
an "answer" can be an exception, raised as if the network had failed:

    requests_mock.post(f"{BASE}/payments", exc=requests.exceptions.ReadTimeout)

As in exercise 32: make the desk with the `front_desk` fixture and read
`kata/front_desk.py` first. Your tests must pass against the right desk,
fail against a desk that does nothing, and each desk with one mistake must
fail at least one of them.

The contract to pin down: `desk.pay(order_id, amount, tip=0,
idempotency_key=None)` sends `POST {base_url}/payments` with

- the JSON body `{"order_id": ..., "amount": ..., "tip": ...}`
  (`requests_mock.last_request.json()` reads it back);
- the header `Idempotency-Key`: the `idempotency_key` given, or else a new
  random one, a different one for every payment;

and returns the kitchen's JSON answer on 201. An error status raises
`requests.HTTPError` after ONE request (a POST is never sent twice). No
answer at all (a connection error or a timeout) raises `PaymentUncertain`
(from `kata.front_desk`) whose `.idempotency_key` is the key that was sent.

Your task
---------
Replace the test below with tests that would catch a desk breaking any of
those points. Check them with `kata check 35`.

Read: https://requests-mock.readthedocs.io/en/latest/response.html#raising-exceptions
and https://requests-mock.readthedocs.io/en/latest/history.html
and https://requests.readthedocs.io/en/latest/user/quickstart/#more-complicated-post-requests
"""

import pytest
import requests

from kata.front_desk import PaymentUncertain

BASE = "http://restaurant.test"
RECEIPT = {"id": 1, "order_id": 7, "amount": 18.0, "tip": 2.0, "total": 20.0, "status": "captured"}


def test_a_payment(requests_mock, front_desk):
    raise NotImplementedError("write your tests of FrontDesk.pay() here")
