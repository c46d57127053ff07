"""Exercise 29: Change or cancel.

The story
---------
Guests change their minds: "we will be four, not two", "can we come at
eight?", "sorry, we cannot come". The desk changes a reservation with PATCH
(send only what changes) and cancels it with DELETE:

    PATCH /reservations/7
    Content-Type: application/json

    {"party_size": 4}

    ->  200  {"id": 7, "name": "Grace", "party_size": 4, "date": "2026-12-24", "time": "20:00", "status": "booked"}

    DELETE /reservations/7   ->  204 No Content   (and an empty body: there is nothing left to show)

But once the guests are at their table (status `"seated"`), the reservation
can neither be changed nor cancelled: the request itself is fine, it is the
reservation's *state* that forbids it. That is `409 Conflict`:

    PATCH /reservations/8  {"time": "21:00"}  ->  409  application/problem+json
                              {"title": "Conflict", "status": 409,
                               "detail": "Reservation 8 is seated: it can no longer change."}

Your task
---------
Write `create_app(reservations=())` (the book it starts with) with:

1. `GET /reservations/<id>`: 200 with the reservation, or a 404 problem
   (as in exercises 27 and 28). Every 404 and 409 below is a problem whose
   `detail` names the reservation's id, as in exercise 27;
2. `PATCH /reservations/<id>` with a JSON object holding some of `name`,
   `party_size`, `date`, `time` (the rules of exercise 28):
   - 404 problem when there is no such reservation, whatever the body (find
     the reservation first, then judge the request);
   - 415 when the body is not declared as `application/json` (or
     `application/merge-patch+json`, the media type made for this);
   - 400 when it is not a JSON object;
   - 422 with `errors` (every wrong field at once) when a value is wrong, or
     when the body names a field that cannot change (`id`, `status`, or one
     the desk does not know);
   - 409 when the reservation is `"seated"`;
   - else change only the fields that were sent, and answer 200 with the
     whole reservation (`{}` changes nothing: 200 with it as it was).
   A refused PATCH changes nothing at all. Media types are case-insensitive,
   and parameters (`; charset=utf-8`) may follow them.
   RFC 7396 reads `null` as "remove this field"; here every field of a
   reservation is required, so exercise 28's rules win: `{"time": null}` is a
   422 naming `time`, and nothing changes.
3. `DELETE /reservations/<id>`: 204 with an empty body, and the reservation
   is gone (GET and DELETE on it are 404 from then on); 404 when there is no
   such reservation; 409 when it is `"seated"` (it stays).

`reservations` may be any iterable: copy it (and each reservation: the dicts
are the caller's) into the app's own book, so that two apps built from one
list share nothing.

Given below, as you wrote them in exercises 27 and 28: `problem(...)`, and
`field_errors(body, partial=...)`, which lists what is wrong in a body
(`partial=True`: only the fields that are there are checked, and any field
that cannot change is named). `Response(status=204)` is an empty answer.

Try it by hand: `flask --app exercises.ch09_build_the_waiter.ex29_change_or_cancel run --port 5002`
(the book starts empty there: everything is a 404; the tests bring a full book).

Read: https://flask.palletsprojects.com/en/stable/quickstart/#http-methods
and https://www.rfc-editor.org/rfc/rfc9110.html#name-409-conflict
and https://www.rfc-editor.org/rfc/rfc9110.html#name-delete
and https://www.rfc-editor.org/rfc/rfc7396.html (JSON merge patch)
"""

import datetime
import re
from typing import Any, Iterable

from flask import Flask, Response, jsonify, request

PATCH_TYPES = ("application/json", "application/merge-patch+json")


def problem(status: int, title: str, detail: str, **extra: Any) -> Response:
    """An application/problem+json answer (RFC 9457); `extra` members (e.g. errors=[...]) go into the body."""
    response = jsonify({"type": "about:blank", "title": title, "status": status, "detail": detail, **extra})
    response.status_code = status
    response.mimetype = "application/problem+json"
    return response


def is_whole(value: Any, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def is_date(value: Any) -> bool:
    if not isinstance(value, str) or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


RULES = {
    "name": (
        lambda v: isinstance(v, str) and 1 <= len(v) <= 100 and bool(v.strip()),
        "a string of 1 to 100 characters",
    ),
    "party_size": (lambda v: is_whole(v, 1, 12), "a whole number from 1 to 12"),
    "date": (is_date, "a calendar day as YYYY-MM-DD"),
    "time": (
        lambda v: isinstance(v, str) and bool(re.fullmatch(r"([01][0-9]|2[0-3]):[0-5][0-9]", v)),
        "a time as HH:MM",
    ),
}


def field_errors(body: dict, *, partial: bool = False) -> list[dict]:
    """One {"field", "message"} per wrong field; `partial`: check only the fields present, name unknown ones."""
    errors = []
    for field, (valid, wanted) in RULES.items():
        if field not in body:
            if not partial:
                errors.append({"field": field, "message": f"is required: {wanted}"})
        elif not valid(body[field]):
            errors.append({"field": field, "message": f"must be {wanted}"})
    if partial:
        errors += [{"field": field, "message": "cannot be changed"} for field in body if field not in RULES]
    return errors


def create_app(reservations: Iterable[dict] = ()) -> Flask:
    """A new Flask app: GET, PATCH (200; 404/415/400/422/409) and DELETE (204; 404/409) on /reservations/<id>."""
    raise NotImplementedError
