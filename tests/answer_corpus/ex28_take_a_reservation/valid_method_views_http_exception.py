# valid: two MethodViews registered with add_url_rule, abort() for every refusal and one HTTPException handler
"""Exercise 28: Take a reservation (MethodViews, abort and a handler for every HTTP error)."""

import datetime
import re

from flask import Flask, abort, current_app, jsonify, request
from flask.views import MethodView
from werkzeug.exceptions import HTTPException, UnprocessableEntity


def is_day(value):
    if not isinstance(value, str) or re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value) is None:
        return False
    try:
        datetime.date(int(value[:4]), int(value[5:7]), int(value[8:]))
    except ValueError:
        return False
    return True


CHECKS = [
    ("name", lambda v: isinstance(v, str) and v.strip() != "" and len(v) <= 100, "must be 1 to 100 characters"),
    ("party_size", lambda v: type(v) is int and 1 <= v <= 12, "must be a whole number from 1 to 12"),
    ("date", is_day, "must be a day as YYYY-MM-DD"),
    (
        "time",
        lambda v: isinstance(v, str) and re.fullmatch(r"(?:[01][0-9]|2[0-3]):[0-5][0-9]", v) is not None,
        "must be a time as HH:MM",
    ),
]


class WrongFields(UnprocessableEntity):
    def __init__(self, errors):
        super().__init__(f"{len(errors)} field(s) are wrong.")
        self.errors = errors


class Reservations(MethodView):
    def post(self):
        if request.mimetype != "application/json":
            abort(415, "Send the reservation as JSON.")
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            abort(400, "A JSON object, please.")
        errors = [{"field": f, "message": m} for f, ok, m in CHECKS if f not in body or not ok(body[f])]
        if errors:
            raise WrongFields(errors)
        book = current_app.config["BOOK"]
        new_id = max(book, default=0) + 1
        book[new_id] = {"id": new_id, **{f: body[f] for f, _, _ in CHECKS}, "status": "booked"}
        return book[new_id], 201, {"Location": f"/reservations/{new_id}"}


class OneReservation(MethodView):
    def get(self, rid):
        book = current_app.config["BOOK"]
        if rid not in book:
            abort(404, f"Reservation {rid} is not in the book.")
        return book[rid]


def as_problem(error):
    body = {"type": "about:blank", "title": error.name, "status": error.code, "detail": error.description}
    body.update({"errors": error.errors} if isinstance(error, WrongFields) else {})
    response = jsonify(body)
    response.status_code = error.code
    response.mimetype = "application/problem+json"
    return response


def create_app(reservations=()):
    app = Flask(__name__)
    app.config["BOOK"] = {r["id"]: dict(r) for r in reservations}
    app.add_url_rule("/reservations", view_func=Reservations.as_view("reservations"))
    app.add_url_rule("/reservations/<int:rid>", view_func=OneReservation.as_view("reservation"))
    app.register_error_handler(HTTPException, as_problem)
    return app
