# wrong: checks the time as two digits, a colon, two digits with \d and int(), so digits of any script pass
# expect: has wrong fields (time)
"""Exercise 28: Take a reservation."""

import datetime
import re
from typing import Any, Iterable

from flask import Flask, Response, jsonify, request


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
        lambda v: isinstance(v, str) and bool(re.fullmatch(r"\d\d:\d\d", v)) and int(v[:2]) < 24 and int(v[3:]) < 60,
        "a time as HH:MM",
    ),
}


def field_errors(body: dict) -> list[dict]:
    """One {"field", "message"} per field of RULES that is missing or wrong."""
    errors = []
    for field, (valid, wanted) in RULES.items():
        if field not in body:
            errors.append({"field": field, "message": f"is required: {wanted}"})
        elif not valid(body[field]):
            errors.append({"field": field, "message": f"must be {wanted}"})
    return errors


def create_app(reservations: Iterable[dict] = ()) -> Flask:
    """A new Flask app answering GET /reservations/<id> and POST /reservations (201, Location; 400/415/422)."""
    app = Flask(__name__)
    book = {reservation["id"]: dict(reservation) for reservation in reservations}

    @app.get("/reservations/<int:reservation_id>")
    def one_reservation(reservation_id: int) -> Response:
        if reservation_id not in book:
            return problem(404, "Not Found", f"There is no reservation {reservation_id}.")
        return jsonify(book[reservation_id])

    @app.post("/reservations")
    def take_reservation() -> Response:
        if request.mimetype != "application/json":
            return problem(415, "Unsupported Media Type", "Send the reservation as application/json.")
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            return problem(400, "Bad Request", "The body must be a JSON object.")
        errors = field_errors(body)
        if errors:
            return problem(422, "Invalid reservation", f"{len(errors)} field(s) are wrong.", errors=errors)
        new_id = max(book, default=0) + 1
        book[new_id] = {"id": new_id, **{field: body[field] for field in RULES}, "status": "booked"}
        response = jsonify(book[new_id])
        response.status_code = 201
        response.headers["Location"] = f"/reservations/{new_id}"
        return response

    @app.errorhandler(404)
    def not_found(error: Exception) -> Response:
        return problem(404, "Not Found", "Nothing is served at this address.")

    return app
