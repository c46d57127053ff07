"""Exercise 9: Explain a rejection.

The story
---------
You order zero pizzas for a table that does not exist. The kitchen refuses,
and it says why, in detail:

    422 Unprocessable Content
    Content-Type: application/problem+json

    {"type": "/problems/validation-error",
     "title": "Invalid body",
     "status": 422,
     "detail": "2 field(s) need fixing: items[0].quantity, table_id.",
     "hint": "The JSON is well-formed but some fields are wrong: read `errors`, one entry per field.",
     "errors": [{"field": "items[0].quantity", "message": "must be from 1 to 20, got 0"},
                {"field": "table_id", "message": "there is no table 99; create one with POST /tables first"}]}

This is a *problem details* answer (RFC 9457): every error of this kitchen
has a `type`, a `title`, a `status` and a `detail`, and a 422 also lists one
entry per wrong field in `errors`. `raise_for_status()` throws all of that
away and keeps only "422 Client Error: UNPROCESSABLE ENTITY". A person who
reads that learns nothing. Pass the kitchen's words on instead.

Three statuses mean "the kitchen did not accept this order, and here is why":

- 400 Bad Request: the body is not valid JSON at all;
- 415 Unsupported Media Type: the body was not sent as JSON (think `data=`);
- 422 Unprocessable Content: valid JSON, but some fields are wrong.

Only a 422 carries `errors`; for 400 and 415 use an empty list.

Your task
---------
Write `place_order(base_url, table_id, dishes, notes=None)`: the same request
as in exercise 8 (`POST {base_url}/orders`, same body, same return value), but
when the kitchen answers 400, 415 or 422, raise `OrderRejected` (written for
you, below) with:

- `message`: a readable text for a person. It must contain the kitchen's
  `detail` and, for every entry of `errors`, its `field` and its `message`.
  For example:

      The kitchen refused the order (422): 2 field(s) need fixing: items[0].quantity, table_id.
        - items[0].quantity: must be from 1 to 20, got 0
        - table_id: there is no table 99; create one with POST /tables first

- `status`: the status code; `detail`: the problem's `detail`;
- `errors`: the problem's `errors` (a list of dicts), or `[]` when it has none.

Any other error status (404, 500, 503, ...) still raises `requests.HTTPError`.

Read: https://requests.readthedocs.io/en/latest/user/quickstart/#response-status-codes
and https://www.rfc-editor.org/rfc/rfc9457.html#name-members-of-a-problem-detail
"""

from typing import Optional

import requests


class OrderRejected(Exception):
    """The kitchen refused the order (400, 415 or 422). Already written: raise it with a message you build."""

    def __init__(self, message: str, *, status: int, detail: str, errors: list[dict]) -> None:
        super().__init__(message)
        self.status = status
        self.detail = detail
        self.errors = errors


def place_order(base_url: str, table_id: int, dishes: dict[int, int], notes: Optional[str] = None) -> dict:
    """Place an order (as in exercise 8); raise OrderRejected, in the kitchen's words, on 400, 415 and 422."""
    raise NotImplementedError
