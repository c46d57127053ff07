# valid: a blueprint, request.is_json, a small checker that collects errors, url_for for the Location
"""Exercise 28: Take a reservation (a blueprint; errors collected by a checker)."""

from datetime import datetime

from flask import Blueprint, Flask, current_app, jsonify, request, url_for

desk = Blueprint("desk", __name__)


def problem(status, title, detail, **extra):
    response = jsonify(title=title, status=status, detail=detail, **extra)
    response.status_code = status
    response.content_type = "application/problem+json"
    return response


class Checker:
    def __init__(self, body):
        self.body, self.errors = body, []

    def check(self, field, ok, message):
        value = self.body.get(field)
        try:
            good = value is not None and ok(value)
        except (TypeError, ValueError):
            good = False
        if not good:
            self.errors.append({"field": field, "message": message})


def clock(value):
    return datetime.strptime(value, "%H:%M") and len(value) == 5


def day(value):
    return datetime.strptime(value, "%Y-%m-%d") and len(value) == 10


@desk.get("/reservations/<int:rid>")
def show(rid):
    book = current_app.config["BOOK"]
    if rid not in book:
        return problem(404, "Unknown reservation", f"Reservation {rid} does not exist.")
    return book[rid]


@desk.post("/reservations")
def take():
    if not request.is_json:
        return problem(415, "Not JSON", "Use Content-Type: application/json.")
    body = request.get_json(silent=True)
    if type(body) is not dict:
        return problem(400, "Bad body", "Expected a JSON object.")
    checker = Checker(body)
    checker.check("name", lambda v: type(v) is str and v.strip() and len(v) <= 100, "1 to 100 characters")
    checker.check("party_size", lambda v: type(v) is int and 0 < v < 13, "1 to 12")
    checker.check("date", lambda v: type(v) is str and day(v), "YYYY-MM-DD")
    checker.check("time", lambda v: type(v) is str and clock(v), "HH:MM")
    if checker.errors:
        return problem(422, "Unprocessable", "See errors.", errors=checker.errors)
    book = current_app.config["BOOK"]
    rid = max(book, default=0) + 1
    book[rid] = dict(id=rid, name=body["name"], party_size=body["party_size"], date=body["date"], time=body["time"])
    book[rid]["status"] = "booked"
    return book[rid], 201, {"Location": url_for("desk.show", rid=rid, _external=True)}


def create_app(reservations=()):
    app = Flask(__name__)
    app.config["BOOK"] = {r["id"]: dict(r) for r in reservations}
    app.register_blueprint(desk)
    return app
