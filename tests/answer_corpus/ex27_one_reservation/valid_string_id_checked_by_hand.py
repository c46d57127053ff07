# valid: the id taken as text and checked with isascii() and isdigit(), NotFound handled with register_error_handler
from typing import Iterable

from flask import Flask, Response, jsonify
from werkzeug.exceptions import NotFound


def problem(status: int, title: str, detail: str) -> tuple[Response, int, dict]:
    return (
        jsonify({"title": title, "status": status, "detail": detail}),
        status,
        {"Content-Type": "application/problem+json"},
    )


def create_app(reservations: Iterable[dict] = ()) -> Flask:
    app = Flask(__name__)
    book = {r["id"]: dict(r) for r in reservations}

    @app.get("/reservations/<text_id>")
    def one(text_id: str):
        if not (text_id.isascii() and text_id.isdigit()):
            return problem(404, "Not Found", f"{text_id!r} is not a reservation id (digits only).")
        reservation_id = int(text_id)
        if reservation_id in book:
            return jsonify(book[reservation_id])
        return problem(404, "Not Found", f"Reservation {reservation_id} does not exist.")

    def not_found(error: NotFound):
        return problem(404, "Not Found", "No resource lives at this address.")

    app.register_error_handler(NotFound, not_found)
    return app
