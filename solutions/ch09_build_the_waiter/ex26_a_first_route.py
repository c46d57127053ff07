"""Exercise 26: A first route (reference solution)."""

from typing import Iterable

from flask import Flask, jsonify


def create_app(reservations: Iterable[dict] = ()) -> Flask:
    """A new Flask app answering GET /reservations with {"items": [...], "count": n}."""
    app = Flask(__name__)
    book = [dict(reservation) for reservation in reservations]

    @app.get("/reservations")
    def list_reservations():
        return jsonify({"items": book, "count": len(book)})

    return app
