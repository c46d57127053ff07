# wrong: answers the bare list instead of an object with items and count
# expect: not a bare list
"""Exercise 26, wrong: a bare list."""

from flask import Flask, jsonify


def create_app(reservations=()):
    app = Flask(__name__)
    book = list(reservations)

    @app.get("/reservations")
    def list_reservations():
        return jsonify(book)

    return app
