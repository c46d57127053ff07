# valid: a blueprint factory whose url_value_preprocessor finds the reservation into g before any view runs
"""Exercise 29: Change or cancel (a blueprint; the reservation found once, in g)."""

import datetime
import re

from flask import Blueprint, Flask, Response, g, jsonify, request


def problem(status, title, detail, **extra):
    response = jsonify({"type": "about:blank", "title": title, "status": status, "detail": detail, **extra})
    response.status_code = status
    response.mimetype = "application/problem+json"
    return response


def day(v):
    try:
        return (
            isinstance(v, str)
            and len(v) == 10
            and v.isascii()
            and bool(re.fullmatch(r"\d{4}-\d\d-\d\d", v))
            and bool(datetime.date.fromisoformat(v))
        )
    except ValueError:
        return False


OK = {
    "name": lambda v: isinstance(v, str) and bool(v.strip()) and len(v) <= 100,
    "party_size": lambda v: type(v) is int and 1 <= v <= 12,
    "date": day,
    "time": lambda v: isinstance(v, str) and v.isascii() and bool(re.fullmatch(r"(?:[01]\d|2[0-3]):[0-5]\d", v)),
}


def desk(book):
    bp = Blueprint("desk", __name__, url_prefix="/reservations")

    @bp.url_value_preprocessor
    def find(endpoint, values):
        g.number = values.pop("number")
        g.found = book.get(g.number)

    @bp.route("/<int:number>", methods=["GET", "PATCH", "DELETE"])
    def reservation():
        if g.found is None:
            return problem(404, "Not Found", f"Reservation {g.number} does not exist.")
        if request.method == "GET":
            return jsonify(g.found)
        if request.method == "DELETE":
            if g.found["status"] == "seated":
                return problem(409, "Conflict", f"Reservation {g.number} is seated.")
            del book[g.number]
            return Response(status=204)
        if request.mimetype not in ("application/json", "application/merge-patch+json"):
            return problem(415, "Unsupported Media Type", "Send JSON.")
        changes = request.get_json(silent=True)
        if not isinstance(changes, dict):
            return problem(400, "Bad Request", "Send a JSON object.")
        errors = [{"field": k, "message": "wrong"} for k, v in changes.items() if k not in OK or not OK[k](v)]
        if errors:
            return problem(422, "Invalid changes", "See errors.", errors=errors)
        if g.found["status"] == "seated":
            return problem(409, "Conflict", f"Reservation {g.number} is seated.")
        g.found.update(changes)
        return jsonify(g.found)

    return bp


def create_app(reservations=()):
    app = Flask(__name__)
    app.register_blueprint(desk({r["id"]: dict(r) for r in reservations}))
    return app
