"""Exercise 27: One reservation, at its own address.

The story
---------
A list is a start, but a guest who phones about *their* reservation wants
that one: every resource has its own address, `/reservations/7`. And when
there is no reservation 7, the desk must say so in a way a program can read.
The kitchen does it with a *problem* (RFC 9457): a JSON object sent with
`Content-Type: application/problem+json`:

    GET /reservations/99  ->  404  Content-Type: application/problem+json
                              {"type": "about:blank", "title": "Not Found", "status": 404,
                               "detail": "There is no reservation 99."}

Flask reads the id out of the path for you with a *converter*:

    @app.get("/reservations/<int:reservation_id>")
    def one_reservation(reservation_id):      # /reservations/7 -> reservation_id == 7
        ...

For any address it does not serve (`/reservations/seven`, `/tables`), Flask
answers 404 by itself, with an HTML page. An API's clients cannot read HTML:
make those 404s problems too, with an error handler:

    @app.errorhandler(404)
    def not_found(error):
        ...                                    # return a problem response

Your task
---------
Write `create_app(reservations=())`, where `reservations` is the book the
desk starts with (dicts like `{"id": 3, "name": "Ada", "party_size": 2,
"date": "2026-12-24", "time": "19:30", "status": "booked"}`; ids are unique
but not 1, 2, 3, ...). The app answers:

1. `GET /reservations/<id>`: 200, the reservation with that id as a JSON
   object (all its fields);
2. `GET /reservations/<id>` for an id the book does not hold: 404 with a
   problem whose `detail` names the id;
3. any other address the app does not serve: 404 with a problem too. An id
   is written in digits only: `/reservations/+7` or `/reservations/1_2` is
   not reservation 7 or 12 (mind that `int("+7")` and `int("1_2")` read them).

`reservations` may be any iterable (a list, a tuple, a generator: read it
once, in create_app).

A problem is `{"title": ..., "status": <the status code, a number>,
"detail": ...}` (a `"type"` is welcome: a URI, `"about:blank"` if nothing
better), sent with the status and `Content-Type: application/problem+json`.
`jsonify(...)` says `application/json`: set `response.mimetype` (or build a
`Response` yourself). A small `problem(status, title, detail)` function that
builds one is worth writing: the next exercises use it all the time.

Try it by hand: `flask --app exercises.ch09_build_the_waiter.ex27_one_reservation run --port 5002`,
then `curl -i http://127.0.0.1:5002/reservations/99` and `curl -i http://127.0.0.1:5002/tables`.

Read: https://flask.palletsprojects.com/en/stable/quickstart/#variable-rules
and https://flask.palletsprojects.com/en/stable/errorhandling/#returning-api-errors-as-json
and RFC 9457, sections 3 and 4: https://www.rfc-editor.org/rfc/rfc9457.html#section-3
"""

from typing import Iterable

from flask import Flask, Response, jsonify


def create_app(reservations: Iterable[dict] = ()) -> Flask:
    """A new Flask app answering GET /reservations/<id>, and every 404 as an application/problem+json."""
    raise NotImplementedError
