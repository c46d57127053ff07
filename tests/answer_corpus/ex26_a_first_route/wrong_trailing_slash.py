# wrong: the route is /reservations/ (with a slash), so GET /reservations is a redirect, not the book
# expect: 308
"""Exercise 26: A first route."""

from flask import Flask, jsonify


def create_app(reservations=()):
    app = Flask(__name__)
    book = list(reservations)

    @app.get("/reservations/")
    def list_reservations():
        return jsonify({"items": book, "count": len(book)})

    return app
