# valid: a MethodView registered with add_url_rule, abort(404) and one handler for every HTTPException
"""Exercise 27: One reservation (MethodView, abort and an HTTPException handler)."""

from flask import Flask, abort, current_app, jsonify
from flask.views import MethodView
from werkzeug.exceptions import HTTPException


class OneReservation(MethodView):
    def get(self, rid):
        book = current_app.config["BOOK"]
        if rid not in book:
            abort(404, description=f"Reservation {rid} is not in the book.")
        return book[rid]


def problem_for(error: HTTPException):
    response = jsonify({"type": "about:blank", "title": error.name, "status": error.code, "detail": error.description})
    response.status_code = error.code or 500
    response.content_type = "application/problem+json; charset=utf-8"
    return response


def create_app(reservations=()):
    app = Flask(__name__)
    app.config["BOOK"] = {r["id"]: dict(r) for r in reservations}
    app.add_url_rule("/reservations/<int:rid>", view_func=OneReservation.as_view("one"))
    app.register_error_handler(HTTPException, problem_for)
    return app
