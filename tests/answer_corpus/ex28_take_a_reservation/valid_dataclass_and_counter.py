# valid: a dataclass for the new reservation (asdict), itertools.count for ids past the book, a check per field
import datetime
import itertools
import re
from dataclasses import asdict, dataclass

from flask import Flask, jsonify, request

DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
TIME = re.compile(r"[0-9]{2}:[0-9]{2}")


@dataclass
class Reservation:
    id: int
    name: str
    party_size: int
    date: str
    time: str
    status: str = "booked"


def check_name(value):
    return isinstance(value, str) and 0 < len(value) <= 100 and value.strip() != ""


def check_party_size(value):
    return type(value) is int and 1 <= value <= 12


def check_date(value):
    if not isinstance(value, str) or not DATE.fullmatch(value):
        return False
    year, month, day = (int(part) for part in value.split("-"))
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def check_time(value):
    if not isinstance(value, str) or not TIME.fullmatch(value):
        return False
    hours, minutes = value.split(":")
    return int(hours) < 24 and int(minutes) < 60


CHECKS = {
    "name": (check_name, "1 to 100 characters, not only spaces"),
    "party_size": (check_party_size, "a whole number from 1 to 12"),
    "date": (check_date, "a real day written YYYY-MM-DD"),
    "time": (check_time, "HH:MM on a 24-hour clock"),
}


def problem(status, title, detail, **more):
    response = jsonify(type="about:blank", title=title, status=status, detail=detail, **more)
    response.status_code = status
    response.mimetype = "application/problem+json"
    return response


def create_app(reservations=()):
    app = Flask(__name__)
    book = {}
    for reservation in reservations:
        book[reservation["id"]] = dict(reservation)
    new_ids = itertools.count(max(book, default=0) + 1)

    @app.get("/reservations/<int:reservation_id>")
    def show(reservation_id):
        if reservation_id not in book:
            return problem(404, "Not Found", f"No reservation {reservation_id} here.")
        return jsonify(book[reservation_id])

    @app.post("/reservations")
    def create():
        if request.mimetype != "application/json":
            return problem(415, "Unsupported Media Type", "The reservation must be sent as application/json.")
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            return problem(400, "Bad Request", "Send one JSON object.")
        errors = [
            {"field": field, "message": f"should be {wanted}"}
            for field, (ok, wanted) in CHECKS.items()
            if field not in body or not ok(body[field])
        ]
        if errors:
            return problem(422, "Unprocessable Content", "Some fields are wrong.", errors=errors)
        reservation = Reservation(next(new_ids), body["name"], body["party_size"], body["date"], body["time"])
        book[reservation.id] = asdict(reservation)
        return jsonify(book[reservation.id]), 201, {"Location": f"/reservations/{reservation.id}"}

    return app
