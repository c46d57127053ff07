"""Exercise 27: One reservation, at its own address (reference solution)."""

from typing import Iterable

from flask import Flask, Response, jsonify


def problem(status: int, title: str, detail: str) -> Response:
    """An application/problem+json answer (RFC 9457)."""
    response = jsonify({"title": title, "status": status, "detail": detail})  # "type" is optional: about:blank
    response.status_code = status
    response.mimetype = "application/problem+json"
    return response


def create_app(reservations: Iterable[dict] = ()) -> Flask:
    """A new Flask app answering GET /reservations/<id>, and every 404 as an application/problem+json."""
    app = Flask(__name__)
    book = {reservation["id"]: dict(reservation) for reservation in reservations}

    @app.get("/reservations/<int:reservation_id>")
    def one_reservation(reservation_id: int) -> Response:
        if reservation_id not in book:
            return problem(404, "Not Found", f"There is no reservation {reservation_id}.")
        return jsonify(book[reservation_id])

    @app.errorhandler(404)
    def not_found(error: Exception) -> Response:
        return problem(404, "Not Found", "Nothing is served at this address.")

    return app
