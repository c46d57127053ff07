# valid: three plain functions registered with app.add_url_rule, abort() and an app error handler for HTTPException
"""Exercise 29: Change or cancel (add_url_rule; abort and one handler)."""

import copy
import datetime
import re

from flask import Flask, abort, current_app, jsonify, request
from werkzeug.exceptions import HTTPException

RULES = {
    "name": lambda v: isinstance(v, str) and 1 <= len(v) <= 100 and v.strip() != "",
    "party_size": lambda v: isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 12,
    "time": lambda v: isinstance(v, str) and re.fullmatch("(?:[01][0-9]|2[0-3]):[0-5][0-9]", v) is not None,
}


def good_day(value):
    if not isinstance(value, str) or not re.fullmatch("[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        return False
    try:
        datetime.date.fromisoformat(value)
        return True
    except ValueError:
        return False


RULES["date"] = good_day


class Refused(HTTPException):
    code = 422
    description = "Some fields are wrong."

    def __init__(self, errors):
        super().__init__()
        self.errors = errors


def the(number):
    book = current_app.config["BOOK"]
    if number not in book:
        abort(404, f"No reservation {number}.")
    return book[number]


def show(number):
    return jsonify(the(number))


def change(number):
    reservation = the(number)
    if request.mimetype not in ("application/json", "application/merge-patch+json"):
        abort(415, "JSON or a JSON merge patch, please.")
    changes = request.get_json(silent=True)
    if not isinstance(changes, dict):
        abort(400, "The body must be a JSON object.")
    errors = [
        {"field": key, "message": "cannot change" if key not in RULES else "is not right"}
        for key, value in changes.items()
        if key not in RULES or not RULES[key](value)
    ]
    if errors:
        raise Refused(errors)
    if reservation["status"] == "seated":
        abort(409, f"Reservation {number} is seated.")
    reservation.update(changes)
    return jsonify(reservation)


def cancel(number):
    if the(number)["status"] == "seated":
        abort(409, f"Reservation {number} is seated.")
    del current_app.config["BOOK"][number]
    return "", 204


def problem(error):
    body = {"title": error.name, "status": error.code, "detail": error.description}
    if isinstance(error, Refused):
        body["errors"] = error.errors
    response = jsonify(body)
    response.status_code = error.code
    response.mimetype = "application/problem+json"
    return response


def create_app(reservations=()):
    app = Flask(__name__)
    app.config["BOOK"] = {r["id"]: copy.deepcopy(r) for r in reservations}
    app.add_url_rule("/reservations/<int:number>", view_func=show, methods=["GET"])
    app.add_url_rule("/reservations/<int:number>", view_func=change, methods=["PATCH"])
    app.add_url_rule("/reservations/<int:number>", view_func=cancel, methods=["DELETE"])
    app.register_error_handler(HTTPException, problem)
    return app
