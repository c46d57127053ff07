# valid: the media type read by splitting Content-Type at ";", strptime after an ASCII pattern, errors in a loop
import re
from datetime import datetime

from flask import Flask, make_response, request, url_for

FIELDS = ("name", "party_size", "date", "time")


def problem(status, title, detail, errors=None):
    body = {"title": title, "status": status, "detail": detail}
    if errors is not None:
        body["errors"] = errors
    response = make_response(body, status)
    response.headers["Content-Type"] = "application/problem+json"
    return response


def wrong_fields(body):
    errors = []
    name = body.get("name")
    if not isinstance(name, str) or not name.strip() or len(name) > 100:
        errors.append({"field": "name", "message": "must be a name of 1 to 100 characters"})
    size = body.get("party_size")
    if isinstance(size, bool) or not isinstance(size, int) or size < 1 or size > 12:
        errors.append({"field": "party_size", "message": "must be a whole number from 1 to 12"})
    date = body.get("date")
    if (
        not isinstance(date, str)
        or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", date)
        or not _parses(date, "%Y-%m-%d")
    ):
        errors.append({"field": "date", "message": "must be a date as YYYY-MM-DD"})
    time = body.get("time")
    if not isinstance(time, str) or not re.fullmatch(r"[0-9]{2}:[0-9]{2}", time) or not _parses(time, "%H:%M"):
        errors.append({"field": "time", "message": "must be a time as HH:MM"})
    return errors


def _parses(text, pattern):
    try:
        datetime.strptime(text, pattern)
    except ValueError:
        return False
    return True


def create_app(reservations=()):
    app = Flask(__name__)
    book = {}
    for reservation in reservations:
        book[reservation["id"]] = {**reservation}

    @app.route("/reservations/<int:reservation_id>", methods=["GET"], endpoint="reservation")
    def reservation(reservation_id):
        found = book.get(reservation_id)
        if found is None:
            return problem(404, "Not Found", f"Reservation {reservation_id} is not in the book.")
        return found

    @app.route("/reservations", methods=["POST"])
    def take():
        media_type = (request.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if media_type != "application/json":
            return problem(415, "Unsupported Media Type", "Use Content-Type: application/json.")
        body = request.get_json(silent=True)
        if type(body) is not dict:
            return problem(400, "Bad Request", "The body must be a JSON object.")
        errors = wrong_fields(body)
        if errors:
            return problem(422, "Invalid reservation", f"{len(errors)} field(s) to fix.", errors)
        new_id = 1 + max(book.keys(), default=0)
        book[new_id] = {"id": new_id, **{field: body[field] for field in FIELDS}, "status": "booked"}
        response = make_response(book[new_id], 201)
        response.headers["Location"] = url_for("reservation", reservation_id=new_id)
        return response

    return app
