# valid: a Book class that raises exceptions of its own, app.errorhandler turns each into its problem
import re
from datetime import date

from flask import Flask, Response, jsonify, request


class Refused(Exception):
    status = 400
    title = "Bad Request"

    def __init__(self, detail, errors=None):
        super().__init__(detail)
        self.detail = detail
        self.errors = errors


class Missing(Refused):
    status, title = 404, "Not Found"


class Seated(Refused):
    status, title = 409, "Conflict"


class WrongMediaType(Refused):
    status, title = 415, "Unsupported Media Type"


class WrongFields(Refused):
    status, title = 422, "Unprocessable Content"


def field_is_wrong(field, value):
    if field == "name":
        return not (isinstance(value, str) and value.strip() and len(value) <= 100)
    if field == "party_size":
        return type(value) is not int or not 1 <= value <= 12
    if field == "date":
        if not isinstance(value, str) or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
            return True
        try:
            date.fromisoformat(value)
        except ValueError:
            return True
        return False
    if field == "time":
        return not (isinstance(value, str) and re.fullmatch(r"([01][0-9]|2[0-3]):[0-5][0-9]", value))
    return True  # id, status and unknown fields cannot change


class Book:
    def __init__(self, reservations):
        self.by_id = {r["id"]: dict(r) for r in reservations}

    def find(self, reservation_id):
        try:
            return self.by_id[reservation_id]
        except KeyError:
            raise Missing(f"There is no reservation {reservation_id}.") from None

    def check_not_seated(self, reservation_id):
        if self.find(reservation_id)["status"] == "seated":
            raise Seated(f"Reservation {reservation_id} is seated and can no longer change.")

    def change(self, reservation_id, changes):
        reservation = self.find(reservation_id)
        errors = [{"field": f, "message": "is not a valid change"} for f, v in changes.items() if field_is_wrong(f, v)]
        if errors:
            raise WrongFields(f"{len(errors)} field(s) are wrong.", errors)
        self.check_not_seated(reservation_id)
        reservation.update(changes)
        return reservation

    def cancel(self, reservation_id):
        self.check_not_seated(reservation_id)
        del self.by_id[reservation_id]


def create_app(reservations=()):
    app = Flask(__name__)
    book = Book(reservations)

    @app.errorhandler(Refused)
    def refused(error):
        body = {"title": error.title, "status": error.status, "detail": error.detail}
        if error.errors is not None:
            body["errors"] = error.errors
        response = jsonify(body)
        response.status_code = error.status
        response.mimetype = "application/problem+json"
        return response

    @app.route("/reservations/<int:reservation_id>", methods=["GET", "PATCH", "DELETE"])
    def reservation(reservation_id):
        if request.method == "GET":
            return jsonify(book.find(reservation_id))
        if request.method == "DELETE":
            book.cancel(reservation_id)
            return Response(status=204)
        book.find(reservation_id)
        if request.mimetype not in ("application/json", "application/merge-patch+json"):
            raise WrongMediaType("Send the changes as JSON.")
        changes = request.get_json(silent=True)
        if not isinstance(changes, dict):
            raise Refused("The body must be a JSON object.")
        return jsonify(book.change(reservation_id, changes))

    return app
