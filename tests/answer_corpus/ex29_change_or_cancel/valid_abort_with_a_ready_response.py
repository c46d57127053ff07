# valid: abort() given a ready problem response, a find-or-abort helper, the rules in a dict of small functions
import datetime
import re

from flask import Flask, abort, jsonify, request

JSON_TYPES = {"application/json", "application/merge-patch+json"}


def problem(status, title, detail, **extra):
    response = jsonify(title=title, status=status, detail=detail, **extra)
    response.status_code = status
    response.mimetype = "application/problem+json"
    return response


def good_date(value):
    if not isinstance(value, str) or re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value) is None:
        return False
    try:
        datetime.date(int(value[:4]), int(value[5:7]), int(value[8:]))
    except ValueError:
        return False
    return True


RULES = {
    "name": lambda v: isinstance(v, str) and len(v) <= 100 and v.strip() != "",
    "party_size": lambda v: isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 12,
    "date": good_date,
    "time": lambda v: isinstance(v, str) and re.fullmatch(r"(?:[01][0-9]|2[0-3]):[0-5][0-9]", v) is not None,
}


def create_app(reservations=()):
    app = Flask(__name__)
    book = {r["id"]: dict(r) for r in reservations}

    def find_or_abort(reservation_id):
        if reservation_id not in book:
            abort(problem(404, "Not Found", f"Reservation {reservation_id} does not exist."))
        return book[reservation_id]

    def not_seated(reservation_id, reservation):
        if reservation["status"] == "seated":
            abort(problem(409, "Conflict", f"Reservation {reservation_id} is already seated."))

    @app.get("/reservations/<int:reservation_id>")
    def read(reservation_id):
        return jsonify(find_or_abort(reservation_id))

    @app.patch("/reservations/<int:reservation_id>")
    def change(reservation_id):
        reservation = find_or_abort(reservation_id)
        if request.mimetype not in JSON_TYPES:
            abort(problem(415, "Unsupported Media Type", "Send JSON (application/json or merge-patch)."))
        changes = request.get_json(silent=True)
        if not isinstance(changes, dict):
            abort(problem(400, "Bad Request", "The body must be one JSON object."))
        errors = []
        for field, value in changes.items():
            if field not in RULES:
                errors.append({"field": field, "message": "cannot be changed"})
            elif not RULES[field](value):
                errors.append({"field": field, "message": "has a wrong value"})
        if errors:
            abort(problem(422, "Unprocessable Content", "Fix the fields named in errors.", errors=errors))
        not_seated(reservation_id, reservation)
        reservation.update(changes)
        return jsonify(reservation)

    @app.delete("/reservations/<int:reservation_id>")
    def cancel(reservation_id):
        not_seated(reservation_id, find_or_abort(reservation_id))
        book.pop(reservation_id)
        return "", 204

    return app
