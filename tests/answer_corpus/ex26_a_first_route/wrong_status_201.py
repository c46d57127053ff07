# wrong: answers 201 Created to a GET that creates nothing
# expect: should be answered 200 OK
"""Exercise 26, wrong: 201."""

from flask import Flask, jsonify


def create_app(reservations=()):
    app = Flask(__name__)
    book = list(reservations)

    @app.get("/reservations")
    def list_reservations():
        return jsonify({"items": book, "count": len(book)}), 201

    return app
