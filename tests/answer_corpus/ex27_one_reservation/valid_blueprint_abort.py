# valid: a blueprint, abort(404) with a description, and one error handler that builds every problem by hand
"""Exercise 27: One reservation (a blueprint; abort and an error handler)."""

import json

from flask import Blueprint, Flask, Response, abort, current_app
from werkzeug.exceptions import HTTPException

desk = Blueprint("desk", __name__, url_prefix="/reservations")


@desk.get("/<int:reservation_id>")
def one(reservation_id):
    for reservation in current_app.config["BOOK"]:
        if reservation["id"] == reservation_id:
            return reservation
    abort(404, description=f"Reservation #{reservation_id} is not in the book.")


def as_problem(error: HTTPException) -> Response:
    body = {
        "type": "https://example.com/problems/not-found",
        "title": error.name,
        "status": error.code,
        "detail": error.description,
        "instance": "/reservations",
    }
    return Response(json.dumps(body), status=error.code, content_type="application/problem+json; charset=utf-8")


def create_app(reservations=()):
    app = Flask(__name__)
    app.config["BOOK"] = [dict(r) for r in reservations]
    app.register_blueprint(desk)
    app.register_error_handler(404, as_problem)
    return app
