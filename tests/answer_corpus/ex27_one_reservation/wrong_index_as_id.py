# wrong: takes the id for a position in the list
# expect: raised IndexError
"""Exercise 27, wrong: ids as positions."""

from flask import Flask, jsonify


def create_app(reservations=()):
    app = Flask(__name__)
    book = list(reservations)

    @app.get("/reservations/<int:reservation_id>")
    def one(reservation_id):
        return jsonify(book[reservation_id - 1])

    return app
