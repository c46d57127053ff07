"""Exercise 30: Staff only.

The story
---------
The book holds guests' names: not everyone may read it. Only the staff may,
and each member of staff has a *bearer token*: whoever holds (bears) it is
let in. A client sends it in the `Authorization` header:

    GET /reservations
    Authorization: Bearer 9f8e7d6c

Two questions, two answers:

- "Who are you?" A request without a token, with another kind of
  credentials (`Basic ...`), or with a token the desk does not know:
  `401 Unauthorized`, plus a `WWW-Authenticate: Bearer` header telling the
  client which kind of credentials to send (a `realm="reservations"` after
  it is welcome). Without that header a 401 is not complete (RFC 9110).
- "May you?" A known token whose owner may not do this: `403 Forbidden`.
  Sending the same token again will not help, so no WWW-Authenticate here
  (RFC 6750 section 3.1 allows one on a 403 only as
  `Bearer error="insufficient_scope"`; none at all is simplest).

The header is written as RFC 6750 writes it: the scheme, a space, then
attributes as `name="value"` in double quotes, separated by commas
(`Bearer realm="reservations"`; not `Bearer realm=reservations`, nor
`Bearer: ...`).

The staff are waiters and managers: both may read the book; only a manager
may cancel a reservation.

Your task
---------
Write `create_app(reservations=(), tokens=None)` (`reservations`: any
iterable, as in exercise 28). `tokens` maps each known
token to its owner's role, `"waiter"` or `"manager"`, e.g.
`{"9f8e7d6c": "waiter", "c0ffee42": "manager"}` (None: nobody's token works).

1. `GET /reservations`: `{"items": [...], "count": n}` as in exercise 26, for
   any known token; 401 otherwise.
2. `DELETE /reservations/<id>`: 401 without a known token; 403 for a waiter;
   for a manager, 204 (the reservation is gone), or a 404 problem when there
   is no such reservation. Who you are comes first, then whether you may,
   then whether the reservation exists: a stranger's DELETE of an unknown id
   is a 401, a waiter's a 403.

Every 401 and 403 is a problem (`problem(...)` below, as in exercise 27),
and every 401 carries `WWW-Authenticate: Bearer`. The scheme's name is
case-insensitive: `bearer 9f8e7d6c` is the same as `Bearer 9f8e7d6c`; the
token is not: it is compared exactly, case and all (`9F8E7D6C` is a stranger),
and a header with letters outside ASCII is a 401 like any unknown token, not
a crash (`hmac.compare_digest` refuses non-ASCII `str`: compare bytes). Read
the header with `request.headers.get("Authorization", "")`; `str.partition(" ")`
splits the scheme from the token. (Comparing with `hmac.compare_digest` is
what a real server does, so the time taken does not leak the token.)

Try it by hand: `flask --app exercises.ch09_build_the_waiter.ex30_staff_only run --port 5002`,
then `curl -i http://127.0.0.1:5002/reservations` (nobody's token works there: a 401).

Read: https://flask.palletsprojects.com/en/stable/api/#flask.Request.headers
and https://www.rfc-editor.org/rfc/rfc9110.html#name-401-unauthorized
and https://www.rfc-editor.org/rfc/rfc6750.html#section-3 (the Bearer scheme)
"""

import hmac
from typing import Any, Iterable

from flask import Flask, Response, jsonify, request


def problem(status: int, title: str, detail: str, **extra: Any) -> Response:
    """An application/problem+json answer (RFC 9457); `extra` members go into the body."""
    response = jsonify({"type": "about:blank", "title": title, "status": status, "detail": detail, **extra})
    response.status_code = status
    response.mimetype = "application/problem+json"
    return response


def create_app(reservations: Iterable[dict] = (), tokens: dict[str, str] | None = None) -> Flask:
    """A new Flask app: GET /reservations for the staff, DELETE /reservations/<id> for managers (401 / 403)."""
    raise NotImplementedError
