# wrong: calls the given field_errors without partial=True, so a PATCH must send every field
# expect: party_size
"""Exercise 29: Change or cancel."""

import datetime
import re
from typing import Any, Iterable

from flask import Flask, Response, jsonify, request

PATCH_TYPES = ("application/json", "application/merge-patch+json")


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
        lambda v: isinstance(v, str) and bool(re.fullmatch(r"([01][0-9]|2[0-3]):[0-5][0-9]", v)),
        "a time as HH:MM",
    ),
}


def field_errors(body: dict, *, partial: bool = False) -> list[dict]:
    """One {"field", "message"} per wrong field; `partial`: check only the fields present, name unknown ones."""
    errors = []
    for field, (valid, wanted) in RULES.items():
        if field not in body:
            if not partial:
                errors.append({"field": field, "message": f"is required: {wanted}"})
        elif not valid(body[field]):
            errors.append({"field": field, "message": f"must be {wanted}"})
    if partial:
        errors += [{"field": field, "message": "cannot be changed"} for field in body if field not in RULES]
    return errors


def create_app(reservations: Iterable[dict] = ()) -> Flask:
    """A new Flask app: GET, PATCH (200; 404/415/400/422/409) and DELETE (204; 404/409) on /reservations/<id>."""
    app = Flask(__name__)
    book = {reservation["id"]: dict(reservation) for reservation in reservations}

    def unknown(reservation_id: int) -> Response:
        return problem(404, "Not Found", f"There is no reservation {reservation_id}.")

    def seated(reservation_id: int) -> Response:
        return problem(409, "Conflict", f"Reservation {reservation_id} is seated: it can no longer change.")

    @app.get("/reservations/<int:reservation_id>")
    def one_reservation(reservation_id: int) -> Response:
        if reservation_id not in book:
            return unknown(reservation_id)
        return jsonify(book[reservation_id])

    @app.patch("/reservations/<int:reservation_id>")
    def change_reservation(reservation_id: int) -> Response:
        if reservation_id not in book:
            return unknown(reservation_id)
        if request.mimetype not in PATCH_TYPES:
            return problem(415, "Unsupported Media Type", "Send the changes as application/json.")
        changes = request.get_json(silent=True)  # both PATCH_TYPES are JSON to Flask
        if not isinstance(changes, dict):
            return problem(400, "Bad Request", "The body must be a JSON object.")
        errors = field_errors(changes)
        if errors:
            return problem(422, "Invalid changes", f"{len(errors)} field(s) are wrong.", errors=errors)
        reservation = book[reservation_id]
        if reservation["status"] == "seated":
            return seated(reservation_id)
        reservation.update(changes)
        return jsonify(reservation)

    @app.delete("/reservations/<int:reservation_id>")
    def cancel_reservation(reservation_id: int) -> Response:
        if reservation_id not in book:
            return unknown(reservation_id)
        if book[reservation_id]["status"] == "seated":
            return seated(reservation_id)
        del book[reservation_id]
        return Response(status=204)

    return app
