# wrong: shows the newest reservations first (the last given on top), as a desk screen might
# expect: as given, in the same order
"""Exercise 26: A first route."""

from flask import Flask, jsonify


def create_app(reservations=()):
    app = Flask(__name__)
    book = list(reservations)
    book.reverse()

    @app.get("/reservations")
    def list_reservations():
        return jsonify({"items": book, "count": len(book)})

    return app
