"""Exercise 28: Take a reservation.

The story
---------
A guest calls to book a table. The desk writes the reservation in the book
and tells the guest where to find it again. On the web that is a POST to the
collection, answered `201 Created` with a `Location` header: the address of
the new resource.

    POST /reservations
    Content-Type: application/json

    {"name": "Ada", "party_size": 2, "date": "2026-12-24", "time": "19:30"}

    ->  201 Created
        Location: /reservations/13
        Content-Type: application/json

        {"id": 13, "name": "Ada", "party_size": 2, "date": "2026-12-24", "time": "19:30", "status": "booked"}

A careful waiter refuses a wrong request and says exactly why, so the guest
can fix it:

- `415 Unsupported Media Type` when the body is not declared as JSON (the
  `Content-Type` is not `application/json`; media types are case-insensitive,
  and a `; charset=utf-8` after it is fine);
- `400 Bad Request` when the body is not JSON at all, or not a JSON object;
- `422 Unprocessable Content` when it is an object but fields are wrong.
  Then list EVERY wrong field at once, in an `errors` member, one entry per
  field, so the guest fixes them all in one go (the kitchen does it the same
  way for you):

      {"title": "Invalid reservation", "status": 422, "detail": "2 fields are wrong.",
       "errors": [{"field": "party_size", "message": "must be a whole number from 1 to 12"},
                  {"field": "time", "message": "must be a time of day as HH:MM"}]}

The rules for the fields (each one is required):

- `name`: a string, 1 to 100 characters, not only spaces;
- `party_size`: a whole number from 1 to 12, written as a JSON integer
  (`true` is not a number, nor is `2.5`, `2.0`, `1e1` or `"2"`);
- `date`: a real calendar day written exactly `YYYY-MM-DD`, digits 0-9
  (`"2026-02-30"` is not one; nor are `20261224`, `2026-W52-4` or `2026-1-5`,
  which `date.fromisoformat` or `strptime` would read);
- `time`: a time of day written exactly `HH:MM` (two digits 0-9 each), from
  `00:00` to `23:59` (not `9:30`, `19:30:00` or `1930`).

Other fields are ignored, `id` and `status` too: the desk chooses the id
(a new one, never one the book holds; one more than the highest so far is
the simplest: the ids given may have gaps and come in any order) and every
new reservation's status is `"booked"`. A refused request leaves the book as
it was. `reservations` may be any iterable (a list, a tuple, a generator):
copy it into the app's own book, so that two apps built from one list do not
share it.

Your task
---------
Write `create_app(reservations=())` (the book it starts with, as in
exercise 27) with:

1. `GET /reservations/<id>`: 200 with the reservation, or a 404 problem
   (exercise 27: start from your answer there);
2. `POST /reservations`: the rules above.

`problem(...)` below builds a problem response (exercise 27): use it, and
pass `errors=[...]` for the 422. Useful: `request.mimetype` (the media type
without parameters), `request.get_json(silent=True)` (None when the body is
not JSON), `datetime.date.fromisoformat`, `re.fullmatch`.

Try it by hand: `flask --app exercises.ch09_build_the_waiter.ex28_take_a_reservation run --port 5002`,
then `curl -i -X POST http://127.0.0.1:5002/reservations -H 'Content-Type: application/json' -d '{}'`.

Read: https://flask.palletsprojects.com/en/stable/api/#flask.Request.get_json
and https://www.rfc-editor.org/rfc/rfc9110.html#name-201-created
and RFC 9457's example of several errors at once: https://www.rfc-editor.org/rfc/rfc9457.html#section-3
"""

import datetime
import re
from typing import Any, Iterable

from flask import Flask, Response, jsonify, request


def problem(status: int, title: str, detail: str, **extra: Any) -> Response:
    """An application/problem+json answer (RFC 9457); `extra` members (e.g. errors=[...]) go into the body."""
    response = jsonify({"type": "about:blank", "title": title, "status": status, "detail": detail, **extra})
    response.status_code = status
    response.mimetype = "application/problem+json"
    return response


def create_app(reservations: Iterable[dict] = ()) -> Flask:
    """A new Flask app answering GET /reservations/<id> and POST /reservations (201, Location; 400/415/422)."""
    raise NotImplementedError
