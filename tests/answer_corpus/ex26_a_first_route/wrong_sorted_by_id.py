# wrong: sorts the book by id, to be tidy, though the items must come in the order they were given
# expect: as given, in the same order
"""Exercise 26: A first route."""

from flask import Flask, jsonify


def create_app(reservations=()):
    app = Flask(__name__)
    book = sorted(reservations, key=lambda reservation: reservation["id"])

    @app.get("/reservations")
    def list_reservations():
        return jsonify({"items": book, "count": len(book)})

    return app
