"""Exercise 31: Page by page.

The story
---------
By December the book holds hundreds of reservations: one answer with all of
them is slow to make, slow to send and slow to read. The desk hands them out
a page at a time, the way the kitchen hands out its reviews (exercise 18):

    GET /reservations?limit=2
    ->  200  Link: <http://127.0.0.1:5002/reservations?limit=2&cursor=Mw>; rel="next"
             {"items": [{"id": 1, ...}, {"id": 3, ...}], "next": "Mw"}

    GET /reservations?limit=2&cursor=Mw
    ->  200  Link: <...?limit=2&cursor=NQ>; rel="next"
             {"items": [{"id": 4, ...}, {"id": 5, ...}], "next": "NQ"}

    ... and the last page has `"next": null` and no Link header.

The *cursor* says where the next page starts. It is yours to design, and
opaque to clients: they copy it, they never build it. A good cursor names
the last reservation of its page ("after id 3"), not a position ("skip 2"):
then a reservation added or cancelled between two pages never makes a page
repeat or skip one. Any string works: the id as text, or the id dressed up
(`base64.urlsafe_b64encode(str(last_id).encode()).decode()` gives "Mw" for 3).

The `Link` header (RFC 8288) tells the client where to go next, so a client
can follow pages without knowing how your cursors look: `requests` even
reads it for you (`response.links["next"]["url"]`).

Your task
---------
Write `create_app(reservations=())` (the book it starts with; it may come in
any order) with `GET /reservations`, answering a page of the book in id
order:

- `limit`: how many reservations per page, a whole number from 1 to 50
  written in digits 0-9 only, 10 when absent (`+5`, ` 7`, `1_0`, `1e1`,
  `10.0` are wrong, though `int()` or `float()` reads some of them);
- `cursor`: absent for the first page; else the `next` of an earlier page;
- the answer: 200, `{"items": [<at most limit reservations>], "next": <the
  cursor of the next page, or null>}`;
- when there is a next page, a header `Link: <URL of the next page>; rel="next"`,
  written as RFC 8288 writes it (the URL between `<` and `>`, a quoted value
  in double quotes; `requests` reads sloppier forms, a strict client does not),
  the URL keeping the same limit (absolute, like `request.base_url + "?..."`,
  or relative, like `/reservations?...`);
- the page that holds the last reservation has `"next": null` and no Link
  (a client must not be sent to an empty page);
- a wrong `limit` (0, 51, "ten") or a `cursor` this desk did not make:
  a 400 problem whose `detail` names the parameter.

`problem(...)` is below, as in exercise 27. `urllib.parse.urlencode`
builds a query string; `request.args.get("limit")` reads one.

Try it by hand: `flask --app exercises.ch09_build_the_waiter.ex31_page_by_page run --port 5002`,
then `curl -i 'http://127.0.0.1:5002/reservations?limit=2'` (the book starts empty there).

Read: https://flask.palletsprojects.com/en/stable/api/#flask.Request.args
and https://www.rfc-editor.org/rfc/rfc8288.html#section-3 (the Link header)
and https://requests.readthedocs.io/en/latest/user/advanced/#link-headers
"""

import base64
from typing import Any, Iterable
from urllib.parse import urlencode

from flask import Flask, Response, jsonify, request


def problem(status: int, title: str, detail: str, **extra: Any) -> Response:
    """An application/problem+json answer (RFC 9457); `extra` members go into the body."""
    response = jsonify({"type": "about:blank", "title": title, "status": status, "detail": detail, **extra})
    response.status_code = status
    response.mimetype = "application/problem+json"
    return response


def create_app(reservations: Iterable[dict] = ()) -> Flask:
    """A new Flask app: GET /reservations?limit=&cursor= a page of the book, with a Link: rel="next" header."""
    raise NotImplementedError
