# valid: a blueprint with a class-based MethodView, abort() and error handlers that answer problems
"""Exercise 29: Change or cancel (a MethodView in a blueprint)."""

import datetime
import re

from flask import Blueprint, Flask, abort, current_app, jsonify, request
from flask.views import MethodView
from werkzeug.exceptions import HTTPException

CHECKS = {
    "name": lambda v: isinstance(v, str) and v.strip() != "" and len(v) <= 100,
    "party_size": lambda v: type(v) is int and 1 <= v <= 12,
    "date": lambda v: (
        isinstance(v, str)
        and bool(re.fullmatch("[0-9]{4}-[0-9]{2}-[0-9]{2}", v))
        and bool(datetime.date.fromisoformat(v))
    ),
    "time": lambda v: isinstance(v, str) and re.fullmatch(r"(?:[01]\d|2[0-3]):[0-5]\d", v) is not None,
}


def wrong_fields(changes):
    errors = []
    for field, value in changes.items():
        check = CHECKS.get(field)
        try:
            good = check is not None and check(value)
        except ValueError:
            good = False
        if not good:
            errors.append({"field": field, "message": "cannot be set to this" if check else "cannot be changed"})
    return errors


class Reservation(MethodView):
    def found(self, rid):
        book = current_app.config["BOOK"]
        if rid not in book:
            abort(404, f"Reservation {rid} is not in the book.")
        return book[rid]

    def get(self, rid):
        return self.found(rid)

    def patch(self, rid):
        reservation = self.found(rid)
        if request.mimetype not in ("application/json", "application/merge-patch+json"):
            abort(415, "JSON, please.")
        changes = request.get_json(silent=True)
        if not isinstance(changes, dict):
            abort(400, "A JSON object, please.")
        errors = wrong_fields(changes)
        if errors:
            response = jsonify(title="Invalid", status=422, detail="Some fields are wrong.", errors=errors)
            response.status_code, response.mimetype = 422, "application/problem+json"
            return response
        if reservation["status"] == "seated":
            abort(409, f"Reservation {rid} is seated.")
        reservation.update(changes)
        return reservation

    def delete(self, rid):
        reservation = self.found(rid)
        if reservation["status"] == "seated":
            abort(409, f"Reservation {rid} is seated.")
        del current_app.config["BOOK"][rid]
        return "", 204


desk = Blueprint("desk", __name__)
desk.add_url_rule("/reservations/<int:rid>", view_func=Reservation.as_view("reservation"))


def as_problem(error: HTTPException):
    response = jsonify(type="about:blank", title=error.name, status=error.code, detail=error.description)
    response.status_code, response.mimetype = error.code, "application/problem+json"
    return response


def create_app(reservations=()):
    app = Flask(__name__)
    app.config["BOOK"] = {r["id"]: dict(r) for r in reservations}
    app.register_blueprint(desk)
    app.register_error_handler(HTTPException, as_problem)
    return app
