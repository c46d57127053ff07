"""Exercise 34: A retry sequence.

The story
---------
At dinner time the kitchen is busy: it sometimes answers `503 Service
Unavailable` with a `Retry-After: 2` header ("ask again in 2 seconds"),
and now and then the connection drops. The front desk asks again, a few
times, waiting as told. To test that, one answer is not enough: you need
the kitchen to say "503", then "503", then the order. requests-mock takes
a LIST of answers, given one per request, in order (the last one repeats):

    requests_mock.get(f"{BASE}/orders/7", [
        {"status_code": 503, "headers": {"Retry-After": "2"}},
        {"exc": requests.exceptions.ConnectionError},   # this try fails to connect
        {"json": ORDER},
    ])

and then `requests_mock.call_count` (or `request_history`) says how many
requests were really sent. The waits: the desk calls `sleep(seconds)`
between tries; give it your own, `front_desk(BASE, sleep=waits.append)`
with `waits = []`, and check the list (it never sleeps for real).

As in exercise 32: make the desk with the `front_desk` fixture and read
`kata/front_desk.py` first. Your tests must pass against the right desk,
fail against a desk that does nothing, and each desk with one mistake
must fail at least one of them.

The contract to pin down: `desk.order(order_id)` sends
`GET {base_url}/orders/{order_id}` and returns the JSON order (a dict);

- a 502, 503 or 504 (each of the three), or a connection error, is tried
  again: 3 tries in all, the first one included;
- before trying again it waits as many seconds as `Retry-After` says, or
  1 second when there is no number there (no header, or a date), and
  after a connection error;
- when the third try fails too, it raises: `requests.HTTPError` for an
  error status (or the connection error itself);
- any other error status (a 404, a 401, a 500...) raises
  `requests.HTTPError` at once, after one request: asking again cannot help.

Your task
---------
Replace the test below with tests that would catch a desk breaking any of
those points. Check them with `kata check 34`.

Read: https://requests-mock.readthedocs.io/en/latest/response.html#response-lists
and https://requests-mock.readthedocs.io/en/latest/history.html
and https://requests.readthedocs.io/en/latest/user/quickstart/#errors-and-exceptions
"""

import pytest
import requests

BASE = "http://restaurant.test"
ORDER = {"id": 7, "table_id": 1, "status": "cooking", "items": [{"dish_id": 11, "quantity": 2}], "total": 18.0}
BUSY = {"status_code": 503, "headers": {"Retry-After": "2"}, "json": {"title": "Busy", "status": 503}}


def test_the_desk_asks_again(requests_mock, front_desk):
    raise NotImplementedError("write your tests of FrontDesk.order() here")
