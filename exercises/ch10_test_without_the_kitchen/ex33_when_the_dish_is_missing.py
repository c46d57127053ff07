"""Exercise 33: When the dish is missing.

The story
---------
The happy path is the easy part to test. What does the front desk do when
the kitchen says no? A guest asks for dish 99; the kitchen answers

    HTTP/1.1 404 Not Found
    Content-Type: application/problem+json

    {"type": "/problems/not-found", "title": "Not found", "status": 404,
     "detail": "There is no dish 99 on the menu (ids go from 1 to 21).", "hint": "..."}

and the desk must turn that into its own exception, so that the code that
calls it can write `except DishNotFound:` and offer something else. A real
kitchen never gives you that answer on demand. requests-mock does: the
answer is whatever you register (`status_code=404, json=PROBLEM`).

As in exercise 32: make the desk with the `front_desk(base_url)` fixture
and read `kata/front_desk.py` first. The kata runs your tests against the
right desk (they must pass), a desk that does nothing (they must fail) and
desks with one mistake each (each must fail at least one test).

The contract to pin down: `desk.dish(dish_id)` sends
`GET {base_url}/menu/{dish_id}` and

- on 200, returns the dish: the JSON body, as a dict;
- on 404, raises `DishNotFound(dish_id, detail)` (import it from
  `kata.front_desk`): `.dish_id` is the id asked for, `.detail` is the
  `detail` of the kitchen's problem answer;
- on any other error status (a 500, a 503, a 401...), raises
  `requests.HTTPError`: a broken kitchen is not a missing dish.

Your task
---------
Replace the test below with tests that would catch a desk breaking any of
those three points. `pytest.raises` checks that an exception comes out, and
`with pytest.raises(DishNotFound) as caught:` lets you look at
`caught.value` afterwards. Check your tests with `kata check 33`.

Read: https://docs.pytest.org/en/stable/how-to/assert.html#assertions-about-expected-exceptions
and https://requests-mock.readthedocs.io/en/latest/response.html
and https://requests.readthedocs.io/en/latest/user/quickstart/#response-status-codes
"""

import pytest
import requests

from kata.front_desk import DishNotFound

BASE = "http://restaurant.test"
NOT_FOUND = {
    "type": "/problems/not-found",
    "title": "Not found",
    "status": 404,
    "detail": "There is no dish 99 on the menu (ids go from 1 to 21).",
    "hint": "GET /menu lists every dish with its id.",
}


def test_a_missing_dish(requests_mock, front_desk):
    raise NotImplementedError("write your tests of FrontDesk.dish() here")
