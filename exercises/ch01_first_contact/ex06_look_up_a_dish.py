"""Exercise 6: Look up one dish.

The story
---------
Your friend recommends "dish 15". You do not need the whole menu for that:
every dish has its own address, and you can ask for just that one.

    GET /menu/15   ->  200  {"id": 15, "name": "Crème brûlée", "category": "dessert", "price": 6.5, ...}
    GET /menu/99   ->  404  {"type": "/problems/not-found", "title": "Not found", "status": 404,
                             "detail": "There is no dish 99 on the menu (ids go from 1 to 21).", "hint": "..."}

A 404 is not a broken kitchen: it is a clear answer, "there is no such
dish". Your program should say so in its own words, with its own exception,
so that the code that calls you can write `except DishNotFound:` and offer
something else. (Other errors, like a 500 or a 503, are a different story:
for those, `requests.HTTPError` is the right exception.)

Every error answer of this kitchen is a "problem": a JSON object with a
`title`, a `status` and a `detail` that explains what went wrong, in plain
words. Pass the `detail` on: it is the most useful sentence in the answer.

Your task
---------
Write `look_up_dish(base_url, dish_id)`. It sends `GET {base_url}/menu/{dish_id}`
(with a timeout) and:

- on 200, returns the dish: the JSON body, as a dict;
- on 404, raises `DishNotFound(dish_id, detail)`, where `detail` is the
  `"detail"` of the kitchen's JSON answer (the class is written for you, below);
- on any other error status (4xx or 5xx), raises `requests.HTTPError`.

Mind the order: check for 404 before `raise_for_status()`, which would raise
HTTPError for the 404 too.

Read: https://requests.readthedocs.io/en/latest/user/quickstart/#response-status-codes
and https://docs.python.org/3/tutorial/errors.html#raising-exceptions
"""

import requests


class DishNotFound(Exception):
    """The kitchen has no dish with this id (it answered 404). Already written: raise it, do not change it."""

    def __init__(self, dish_id: int, detail: str) -> None:
        super().__init__(f"There is no dish {dish_id}: {detail}")
        self.dish_id = dish_id
        self.detail = detail


def look_up_dish(base_url: str, dish_id: int) -> dict:
    """Return dish `dish_id` (a dict); raise DishNotFound on 404 and requests.HTTPError on other error statuses."""
    raise NotImplementedError
